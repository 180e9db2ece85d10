import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import type { TSchema } from '@sinclair/typebox';
import type { Position } from 'geojson';
import { invalidInput, RenxingError, type Issue } from '../core/errors.js';
import { BUNDLED_REGIONS_DIR } from '../core/paths.js';
import { compileRiverNetwork } from '../flood/river/network.js';
import { compileLifelines, routeLinks } from '../lifelines/network.js';
import { HAZUS_PIPELINE_CLASSES } from '../quake/fragility/hazus-pipelines.js';
import { HAZUS_BRIDGE_CLASSES } from '../quake/fragility/hazus-bridges.js';
import { HAZUS_VULNERABILITY } from '../quake/damage.js';
import type { CompiledMatrix } from '../quake/vulnerability/damage-probability-matrix.js';
import { loadPackDem } from './pack-dem.js';
import { zoneLocator } from './zone-locator.js';
import { schemaIssues } from '../core/schema-issues.js';
import { readDataFile } from '../io/read-data-file.js';
import type { Circle, Exposure, Group, Region, ZoneGeometry, ZoneTable } from './region.js';
import {
  ExposureFileSchema, LifelinesFileSchema, OutlineFileSchema, RegionFileSchema, RiversFileSchema, SheltersFileSchema, ZonesFileSchema,
  type SheltersFile, type ExposureFile, type DamageMatrixDef, type OutlineFile, type LifelinesFile, type RiversFile, type GroupDef, type CircleDef, type RegionFile, type ZonesFile,
} from './schema.js';

export const PACK_FILES = ['region.yaml', 'zones.geojson', 'rivers.geojson', 'lifelines.geojson', 'shelters.geojson'] as const;

/** Ids of the packs bundled under `scenarios/regions/`. */
export function listBundledRegions(): string[] {
  if (!existsSync(BUNDLED_REGIONS_DIR)) return [];
  return readdirSync(BUNDLED_REGIONS_DIR).filter((name) => existsSync(join(BUNDLED_REGIONS_DIR, name, 'region.yaml'))).sort();
}

/**
 * Resolves a region reference: a bundled pack id, or a folder path (relative to `baseDir`).
 * A reference that resolves to neither is RX_ERR_REGION_NOT_FOUND, naming the bundled ids.
 */
export function resolveRegionDir(ref: string, baseDir: string, file = 'scenario', roots?: readonly string[]): string {
  const bundled = join(BUNDLED_REGIONS_DIR, ref);
  if (/^[a-z0-9-]+$/.test(ref) && existsSync(join(bundled, 'region.yaml'))) return bundled;
  const asPath = isAbsolute(ref) ? ref : resolve(baseDir, ref);
  if (roots !== undefined && !roots.some((root) => isInside(asPath, root))) {
    const message = `region '${ref}' must be a bundled pack (${listBundledRegions().join(', ') || 'none'}) or a pack folder this server allows`;
    throw new RenxingError('RX_ERR_REGION_NOT_FOUND', message, [{ file, path: 'region', message }]);
  }
  if (existsSync(asPath) && statSync(asPath).isDirectory()) return asPath;
  const message = `region '${ref}' is neither a bundled pack (${listBundledRegions().join(', ') || 'none'}) nor a pack folder`;
  throw new RenxingError('RX_ERR_REGION_NOT_FOUND', message, [{ file, path: 'region', message }]);
}

/** Whether `path` lies inside folder `dir` (after resolving `..`). */
export function isInside(path: string, dir: string): boolean {
  const rel = relative(resolve(dir), resolve(path));
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

async function readValidated<T>(dir: string, name: string, schema: TSchema): Promise<{ data?: T; issues: Issue[] }> {
  const issues: Issue[] = [];
  const label = `${basename(dir)}/${name}`;
  const path = join(dir, name);
  if (!existsSync(path)) {
    issues.push({ file: label, path: '', message: 'missing: every region pack has this file (it may hold an empty FeatureCollection)' });
    return { issues };
  }
  try {
    const data = await readDataFile(path, label);
    issues.push(...schemaIssues(schema, data, label));
    return issues.length === 0 ? { data: data as T, issues } : { issues };
  } catch (error) {
    if (error instanceof RenxingError) return { issues: [...error.issues] };
    throw error;
  }
}

/**
 * Loads a region pack folder: every file validated against its schema, then cross-checked
 * (duplicate ids, unresolved zone and circle references, nesting, coordinates inside the
 * extent). All problems are reported together as one RX_ERR_INVALID_INPUT.
 */
export async function loadRegion(dir: string): Promise<Region> {
  const label = (name: string): string => `${basename(dir)}/${name}`;
  const read = await Promise.all([
    readValidated<RegionFile>(dir, 'region.yaml', RegionFileSchema),
    readValidated<ZonesFile>(dir, 'zones.geojson', ZonesFileSchema),
    readValidated<RiversFile>(dir, 'rivers.geojson', RiversFileSchema),
    readValidated<LifelinesFile>(dir, 'lifelines.geojson', LifelinesFileSchema),
    readValidated<SheltersFile>(dir, 'shelters.geojson', SheltersFileSchema),
  ]);
  const exposureRead = existsSync(join(dir, 'exposure.yaml')) ? await readValidated<ExposureFile>(dir, 'exposure.yaml', ExposureFileSchema) : { issues: [] };
  const outlineRead = existsSync(join(dir, 'outline.geojson')) ? await readValidated<OutlineFile>(dir, 'outline.geojson', OutlineFileSchema) : { issues: [] };
  // Issues in file order, whatever order the reads finished in.
  const issues: Issue[] = [...read.flatMap((r) => r.issues), ...exposureRead.issues, ...outlineRead.issues];
  const [regionFile, zonesFile, rivers, lifelines, shelters] = read.map((r) => r.data) as [RegionFile?, ZonesFile?, RiversFile?, LifelinesFile?, SheltersFile?];
  // Cross-checks need the region and its zones; the layers that passed their schema are checked
  // even when another did not, so a pack with both kinds of problem hears of them in one round.
  if (!regionFile || !zonesFile) throw invalidInput(issues);
  const none = { type: 'FeatureCollection' as const, features: [] };
  const [riversOk, lifelinesOk, sheltersOk] = [rivers ?? (none as RiversFile), lifelines ?? (none as LifelinesFile), shelters ?? (none as SheltersFile)];

  const zones = buildZoneTable(zonesFile, regionFile, label('zones.geojson'), issues);
  const zoneIndex = new Map(zones.ids.map((id, i) => [id, i]));
  const circles = regionFile.circles.map((c, i) => buildZoneSet(c, `circles[${i}]`, zoneIndex, label('region.yaml'), issues));
  const groups = (regionFile.groups ?? []).map((g, i) => buildZoneSet(g, `groups[${i}]`, zoneIndex, label('region.yaml'), issues));
  checkUniqueIds([...regionFile.circles.map((c) => c.id)], 'circles', label('region.yaml'), issues);
  checkUniqueIds((regionFile.groups ?? []).map((g) => g.id), 'groups', label('region.yaml'), issues);
  checkCircles(regionFile.circles, circles, zones, label('region.yaml'), issues);
  checkZoneCircles(zonesFile, regionFile.circles, label('zones.geojson'), issues);
  checkComponents({ rivers: riversOk, lifelines: lifelinesOk, shelters: sheltersOk }, zoneIndex, zones.areaKm2, basename(dir), issues);
  const exposure = exposureRead.data ? compileExposure(exposureRead.data, zones, label('exposure.yaml'), issues) : undefined;
  const river = compileRiverNetwork(riversOk.features.map((f) => f.properties), label('rivers.geojson'));
  issues.push(...river.issues);
  const dem = regionFile.dem ? await loadPackDem(regionFile.dem, dir, riversOk, basename(dir)) : undefined;
  if (dem) {
    issues.push(...dem.issues);
    river.network.compartments = river.network.compartments.map((c) => ({ ...c, hypsometry: dem.relations.get(c.id) ?? c.hypsometry }));
  }
  const lifelineNetwork = compileLifelines(lifelinesOk.features.map((f) => f.properties), zoneIndex, label('lifelines.geojson'));
  issues.push(...lifelineNetwork.issues);
  // Pipelines and bridged links feel the shaking along their drawn line, so they must have one.
  const routedLines = new Map<string, Position[]>();
  lifelinesOk.features.forEach((f, i) => {
    const { kind, id, fragility } = f.properties;
    if (kind !== 'link' || fragility === undefined || !(fragility in HAZUS_PIPELINE_CLASSES || fragility in HAZUS_BRIDGE_CLASSES)) return;
    if (f.geometry.type === 'LineString') routedLines.set(id, f.geometry.coordinates);
    else issues.push({ file: label('lifelines.geojson'), path: `features[${i}].geometry`, message: `a link with ${fragility in HAZUS_BRIDGE_CLASSES ? 'bridge' : 'pipeline'} class '${fragility}' must be drawn as a LineString: the zones whose shaking it feels come from the line (got a ${f.geometry.type})` });
  });
  if (routedLines.size > 0) routeLinks(lifelineNetwork.network, routedLines, zoneLocator(zones, regionFile.zoneGeometry));
  if (issues.length > 0 || !rivers || !lifelines || !shelters) throw invalidInput(issues);

  assignBands(zones, circles, regionFile.circles);
  return {
    id: regionFile.id,
    name: regionFile.name,
    ...(regionFile.nameZh ? { nameZh: regionFile.nameZh } : {}),
    dir,
    zoneGeometry: regionFile.zoneGeometry,
    zones,
    circles: circles.map((set, i) => {
      const def = regionFile.circles[i] as CircleDef;
      return { ...set, kind: def.kind, ring: def.ring, within: def.within ?? [], ...(def.planAreaKm2 ? { planAreaKm2: def.planAreaKm2 } : {}) } satisfies Circle;
    }),
    groups: groups.map((set, i) => ({ ...set, kind: (regionFile.groups?.[i] as GroupDef).kind }) satisfies Group),
    defaults: regionFile.defaults ?? {},
    layers: { rivers, lifelines, shelters },
    ...(exposure ? { exposure } : {}),
    ...(outlineRead.data ? { outline: outlineRead.data } : {}),
    river: river.network,
    lifelines: lifelineNetwork.network,
    ...(dem?.dem ? { dem: dem.dem } : {}),
  };
}

/** Shares per zone from the stock entry with the longest matching prefix; every zone must be covered. */
function compileExposure(file: ExposureFile, zones: ZoneTable, label: string, issues: Issue[]): Exposure {
  const classIds = file.structureClasses.map((c) => c.id);
  const shares = new Float64Array(zones.count * classIds.length);
  file.stock.forEach((entry, k) => {
    Object.keys(entry.households).forEach((id) => {
      if (!classIds.includes(id)) issues.push({ file: label, path: `stock[${k}].households.${id}`, message: `unknown structure class '${id}' (classes: ${classIds.join(', ')})` });
    });
    const counted = Object.values(entry.households).reduce((a, b) => a + b, 0);
    if (counted <= 0) issues.push({ file: label, path: `stock[${k}].households`, message: 'must count some households' });
    if (entry.singleStoreyHouseholds !== undefined && entry.singleStoreyHouseholds > counted) issues.push({ file: label, path: `stock[${k}].singleStoreyHouseholds`, message: `${entry.singleStoreyHouseholds} is more than the ${counted} households the entry counts` });
  });
  const withStoreys = file.stock.filter((s) => s.singleStoreyHouseholds !== undefined).length;
  if (withStoreys > 0 && withStoreys < file.stock.length) {
    file.stock.forEach((s, k) => { if (s.singleStoreyHouseholds === undefined) issues.push({ file: label, path: `stock[${k}]`, message: 'singleStoreyHouseholds is given for other entries: give it for every entry, or for none' }); });
  }
  const singleFamilyShare = withStoreys > 0 ? new Float64Array(zones.count) : undefined;
  zones.ids.forEach((id, z) => {
    const matches = file.stock.filter((s) => id.startsWith(s.zonesWithPrefix)).sort((a, b) => b.zonesWithPrefix.length - a.zonesWithPrefix.length);
    const entry = matches[0];
    if (!entry) {
      issues.push({ file: label, path: 'stock', message: `no entry covers zone '${id}'` });
      return;
    }
    const total = Object.values(entry.households).reduce((a, b) => a + b, 0);
    classIds.forEach((c, k) => { shares[z * classIds.length + k] = total > 0 ? (entry.households[c] ?? 0) / total : 0; });
    if (singleFamilyShare) singleFamilyShare[z] = total > 0 ? Math.min((entry.singleStoreyHouseholds ?? 0) / total, 1) : 0;
  });
  const matrices = (file.vulnerability?.matrices ?? []).map((m, k) => compileMatrix(m, classIds, `${label}`, `vulnerability.matrices[${k}]`, issues));
  const defaultVulnerability = file.vulnerability?.default ?? HAZUS_VULNERABILITY;
  if (defaultVulnerability !== HAZUS_VULNERABILITY && !matrices.some((m) => m.id === defaultVulnerability)) {
    issues.push({ file: label, path: 'vulnerability.default', message: `unknown vulnerability '${defaultVulnerability}' (known: ${[HAZUS_VULNERABILITY, ...matrices.map((m) => m.id)].join(', ')})` });
  }
  const split = new Set((file.vulnerability?.matrices ?? []).flatMap((m) => Object.entries(m.classes).filter(([, rows]) => rows.preCode).map(([c]) => c)));
  const builtBeforeCode = split.size > 0 ? new Float64Array(zones.count * classIds.length) : undefined;
  file.stock.forEach((entry, k) => {
    for (const c of split) if (entry.builtBeforeCode?.[c] === undefined) issues.push({ file: label, path: `stock[${k}].builtBeforeCode.${c}`, message: `is required: a matrix splits class '${c}' at its code year` });
    for (const c of Object.keys(entry.builtBeforeCode ?? {})) if (!classIds.includes(c)) issues.push({ file: label, path: `stock[${k}].builtBeforeCode.${c}`, message: `unknown structure class '${c}' (classes: ${classIds.join(', ')})` });
  });
  if (builtBeforeCode) {
    zones.ids.forEach((id, z) => {
      const entry = file.stock.filter((s) => id.startsWith(s.zonesWithPrefix)).sort((a, b) => b.zonesWithPrefix.length - a.zonesWithPrefix.length)[0];
      classIds.forEach((c, k) => { builtBeforeCode[z * classIds.length + k] = entry?.builtBeforeCode?.[c] ?? 0; });
    });
  }
  return {
    classes: file.structureClasses.map((c) => ({ id: c.id, name: c.name, ...(c.nameZh ? { nameZh: c.nameZh } : {}), fragility: c.fragility })),
    shares,
    ...(singleFamilyShare ? { singleFamilyShare } : {}),
    matrices, defaultVulnerability,
    ...(builtBeforeCode ? { builtBeforeCode } : {}),
    occupancy: file.occupancy,
  };
}

/** Rows summing to 1 within this (published matrices round to 0.1 % or 1 %); they are rescaled to 1. */
const MATRIX_ROW_TOLERANCE = 0.011;

/** A matrix of exposure.yaml checked and compiled over the structure classes (rows rescaled to sum to 1). */
function compileMatrix(m: DamageMatrixDef, classIds: readonly string[], file: string, at: string, issues: Issue[]): CompiledMatrix {
  const degrees = m.intensities.length;
  const firstDegree = m.intensities[0] ?? 0;
  if (m.intensities.some((d, k) => d !== firstDegree + k)) issues.push({ file, path: `${at}.intensities`, message: `must be consecutive rising degrees, got ${m.intensities.join(', ')}` });
  const preCode = new Float64Array(classIds.length * degrees * 5);
  const postCode = new Float64Array(classIds.length * degrees * 5);
  for (const c of Object.keys(m.classes)) if (!classIds.includes(c)) issues.push({ file, path: `${at}.classes.${c}`, message: `unknown structure class '${c}' (classes: ${classIds.join(', ')})` });
  let splitAny = false;
  classIds.forEach((c, k) => {
    const rows = m.classes[c];
    const path = `${at}.classes.${c}`;
    if (!rows) {
      issues.push({ file, path, message: `a matrix must give rows for every structure class (missing '${c}')` });
      return;
    }
    const split = rows.preCode !== undefined || rows.postCode !== undefined;
    if (split && (rows.all || !rows.preCode || !rows.postCode)) {
      issues.push({ file, path, message: 'give all, or both preCode and postCode' });
      return;
    }
    if (!split && !rows.all) {
      issues.push({ file, path, message: 'give all, or both preCode and postCode' });
      return;
    }
    splitAny ||= split;
    const put = (into: Float64Array, table: readonly (readonly number[])[], name: string): void => {
      if (table.length !== degrees) issues.push({ file, path: `${path}.${name}`, message: `must have ${degrees} rows, one per intensity (${m.intensities.join(', ')}), got ${table.length}` });
      table.slice(0, degrees).forEach((row, d) => {
        const sum = row.reduce((a, b) => a + b, 0);
        if (Math.abs(sum - 1) > MATRIX_ROW_TOLERANCE) issues.push({ file, path: `${path}.${name}[${d}]`, message: `shares must sum to 1, got ${Number(sum.toFixed(4))}` });
        row.forEach((x, g) => { into[(k * degrees + d) * 5 + g] = sum > 0 ? x / sum : 0; });
      });
    };
    if (rows.all) {
      put(preCode, rows.all, 'all');
      put(postCode, rows.all, 'all');
    } else if (rows.preCode && rows.postCode) {
      put(preCode, rows.preCode, 'preCode');
      put(postCode, rows.postCode, 'postCode');
    }
  });
  if (splitAny && m.codeYear === undefined) issues.push({ file, path: `${at}.codeYear`, message: 'is required when a class has preCode and postCode rows' });
  return { id: m.id, reference: m.reference, firstDegree, degrees, preCode, postCode, ...(m.codeYear !== undefined ? { codeYear: m.codeYear } : {}) };
}

function representativePoint(geometry: ZoneGeometry, seat: [number, number] | undefined): [number, number] {
  if (geometry.type === 'Point') return geometry.coordinates;
  if (seat) return seat;
  // Mean of the outer ring's vertices: inside for the convex-ish shapes of counties, and only used
  // for labels and distances when the author gave no seat.
  const ring = geometry.type === 'Polygon' ? geometry.coordinates[0] : geometry.coordinates[0]?.[0];
  const pts = (ring ?? []).slice(0, -1);
  const n = Math.max(pts.length, 1);
  return [pts.reduce((s, p) => s + p[0], 0) / n, pts.reduce((s, p) => s + p[1], 0) / n];
}

function checkRings(geometry: ZoneGeometry, path: string, file: string, issues: Issue[]): void {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
  polygons.forEach((rings, p) => rings.forEach((ring, r) => {
    const first = ring[0];
    const last = ring[ring.length - 1];
    if (!first || !last || first[0] !== last[0] || first[1] !== last[1]) {
      const at = geometry.type === 'Polygon' ? `${path}.coordinates[${r}]` : `${path}.coordinates[${p}][${r}]`;
      issues.push({ file, path: at, message: 'ring is not closed (its first and last positions differ)' });
    }
  }));
}

function buildZoneTable(file: ZonesFile, region: RegionFile, label: string, issues: Issue[]): ZoneTable {
  const n = file.features.length;
  if (n === 0) issues.push({ file: label, path: 'features', message: 'a region needs at least one zone' });
  const table: ZoneTable = {
    count: n, ids: [], names: [], lon: new Float64Array(n), lat: new Float64Array(n),
    population: new Float64Array(n), areaKm2: new Float64Array(n), band: new Int32Array(n).fill(-1), properties: [], geometry: [],
  };
  const firstSeen = new Map<string, number>();
  const extent = region.extent;
  file.features.forEach((feature, i) => {
    const p = feature.properties;
    const geometry: ZoneGeometry = feature.geometry;
    const seen = firstSeen.get(p.id);
    if (seen !== undefined) issues.push({ file: label, path: `features[${i}].properties.id`, message: `duplicate zone id '${p.id}' (first at features[${seen}])` });
    else firstSeen.set(p.id, i);
    checkRings(geometry, `features[${i}].geometry`, label, issues);
    const [lon, lat] = representativePoint(geometry, p.seat);
    if (extent && (lon < extent[0] || lat < extent[1] || lon > extent[2] || lat > extent[3])) {
      const where = geometry.type === 'Point' ? `features[${i}].geometry.coordinates` : p.seat ? `features[${i}].properties.seat` : `features[${i}].geometry`;
      const swapped = lat >= extent[0] && lat <= extent[2] && lon >= extent[1] && lon <= extent[3] ? ' (longitude and latitude swapped?)' : '';
      issues.push({ file: label, path: where, message: `[${lon}, ${lat}] lies outside the region extent [${extent.join(', ')}]${swapped}` });
    }
    if (p.censusPopulation !== undefined && p.foldedUnits) {
      const sum = p.censusPopulation + p.foldedUnits.reduce((s, u) => s + u.population, 0);
      if (sum !== p.population) issues.push({ file: label, path: `features[${i}].properties.population`, message: `${p.population} differs from censusPopulation plus foldedUnits (${sum})` });
    }
    table.ids.push(p.id);
    table.names.push(p.name);
    table.lon[i] = lon;
    table.lat[i] = lat;
    table.population[i] = p.population;
    table.areaKm2[i] = p.areaKm2;
    table.properties.push(p);
    table.geometry.push(geometry);
  });
  return table;
}

function resolveMembers(ids: string[], path: string, zoneIndex: Map<string, number>, file: string, issues: Issue[]): Int32Array {
  const out: number[] = [];
  ids.forEach((id, k) => {
    const index = zoneIndex.get(id);
    if (index === undefined) issues.push({ file, path: `${path}[${k}]`, message: `unknown zone '${id}' (not in zones.geojson)` });
    else out.push(index);
  });
  return Int32Array.from(out.sort((a, b) => a - b));
}

function buildZoneSet(def: CircleDef | GroupDef, path: string, zoneIndex: Map<string, number>, file: string, issues: Issue[]) {
  const members = resolveMembers(def.members, `${path}.members`, zoneIndex, file, issues);
  const partialMembers = resolveMembers(def.partialMembers ?? [], `${path}.partialMembers`, zoneIndex, file, issues);
  const whole = new Set(def.members);
  (def.partialMembers ?? []).forEach((id, k) => {
    if (whole.has(id)) issues.push({ file, path: `${path}.partialMembers[${k}]`, message: `zone '${id}' is also a whole member` });
  });
  if (def.members.length === 0 && (def.partialMembers ?? []).length === 0 && def.kind !== 'remainder') {
    issues.push({ file, path: `${path}.members`, message: 'must name at least one zone' });
  }
  return {
    id: def.id, name: def.name, ...(def.nameZh ? { nameZh: def.nameZh } : {}), ...(def.note ? { note: def.note } : {}),
    members, partialMembers,
  };
}

function checkUniqueIds(ids: string[], path: string, file: string, issues: Issue[]): void {
  const first = new Map<string, number>();
  ids.forEach((id, i) => {
    const at = first.get(id);
    if (at !== undefined) issues.push({ file, path: `${path}[${i}].id`, message: `duplicate id '${id}' (first at ${path}[${at}])` });
    else first.set(id, i);
  });
}

/** `within` references resolve and contain every member; the remainder circle holds exactly the uncovered zones. */
function checkCircles(defs: CircleDef[], sets: { members: Int32Array; partialMembers: Int32Array }[], zones: ZoneTable, file: string, issues: Issue[]): void {
  const byId = new Map(defs.map((d, i) => [d.id, i]));
  defs.forEach((def, i) => {
    (def.within ?? []).forEach((outerId, k) => {
      const outer = byId.get(outerId);
      if (outer === undefined) {
        issues.push({ file, path: `circles[${i}].within[${k}]`, message: `unknown circle '${outerId}'` });
        return;
      }
      const outerDef = defs[outer] as CircleDef;
      if (outerDef.ring <= def.ring) issues.push({ file, path: `circles[${i}].within[${k}]`, message: `circle '${outerId}' (ring ${outerDef.ring}) must lie outside ring ${def.ring}` });
      const outerZones = new Set([...outerDef.members, ...(outerDef.partialMembers ?? [])]);
      const missing = def.members.filter((z) => !outerZones.has(z));
      if (missing.length > 0) issues.push({ file, path: `circles[${i}].members`, message: `zone(s) ${missing.join(', ')} are not in circle '${outerId}', which this circle lies within` });
    });
  });
  defs.forEach((def, i) => {
    const basis = def.basis;
    if (!basis) return;
    const listed = new Set([...def.members, ...(def.partialMembers ?? [])]);
    (basis.inferred ?? []).forEach((z, k) => {
      if (!listed.has(z)) issues.push({ file, path: `circles[${i}].basis.inferred[${k}]`, message: `zone '${z}' is not a member of the circle` });
    });
    if (basis.inferred && !basis.method) issues.push({ file, path: `circles[${i}].basis.method`, message: 'say how the inferred members were chosen' });
  });
  defs.forEach((def, i) => {
    if (def.kind !== 'remainder') return;
    const covered = new Set<number>();
    sets.forEach((s, j) => { if ((defs[j] as CircleDef).kind !== 'remainder') s.members.forEach((z) => covered.add(z)); });
    const expected = zones.ids.filter((_, z) => !covered.has(z));
    const listed = new Set(def.members);
    if (expected.length !== listed.size || expected.some((z) => !listed.has(z))) {
      issues.push({ file, path: `circles[${i}].members`, message: `a remainder circle must list exactly the zones in no other circle: [${expected.join(', ')}]` });
    }
  });
}

/** Each zone's `circles` property agrees with region.yaml's membership lists (whole and partial). */
function checkZoneCircles(zonesFile: ZonesFile, defs: CircleDef[], file: string, issues: Issue[]): void {
  const listed = new Map<string, string[]>();
  for (const def of defs) for (const z of [...def.members, ...(def.partialMembers ?? [])]) listed.set(z, [...(listed.get(z) ?? []), def.id]);
  const known = new Set(defs.map((d) => d.id));
  zonesFile.features.forEach((f, i) => {
    const own = f.properties.circles;
    own.forEach((c, k) => { if (!known.has(c)) issues.push({ file, path: `features[${i}].properties.circles[${k}]`, message: `unknown circle '${c}' (not in region.yaml)` }); });
    const expected = listed.get(f.properties.id) ?? [];
    const same = own.length === expected.length && expected.every((c) => own.includes(c));
    if (!same && own.every((c) => known.has(c))) {
      issues.push({ file, path: `features[${i}].properties.circles`, message: `[${own.join(', ')}] disagrees with region.yaml, which lists zone '${f.properties.id}' in [${expected.join(', ')}]` });
    }
  });
}

/**
 * Component ids are unique across the pack's layers, any `zone` they name exists, and the zones a
 * flood compartment or basin spans exist and hold the area given inside them.
 */
function checkComponents(layers: { rivers: RiversFile; lifelines: LifelinesFile; shelters: SheltersFile }, zoneIndex: Map<string, number>, zoneAreaKm2: Float64Array, pack: string, issues: Issue[]): void {
  const seen = new Map<string, string>();
  const floodAreas = new Set(layers.rivers.features.filter((f) => f.properties.kind === 'compartment' || f.properties.kind === 'detention-basin').map((f) => f.properties.id));
  layers.lifelines.features.forEach((f, i) => {
    const area = f.properties.flood?.area;
    if (area !== undefined && !floodAreas.has(area)) issues.push({ file: `${pack}/lifelines.geojson`, path: `features[${i}].properties.flood.area`, message: `unknown flood area '${area}': name a compartment or detention basin of rivers.geojson (${[...floodAreas].join(', ') || 'it has none'})` });
  });
  for (const [name, layer] of Object.entries(layers)) {
    const file = `${pack}/${name}.geojson`;
    layer.features.forEach((f, i) => {
      const where = `features[${i}]`;
      const first = seen.get(f.properties.id);
      if (first) issues.push({ file, path: `${where}.properties.id`, message: `duplicate component id '${f.properties.id}' (first in ${first})` });
      else seen.set(f.properties.id, `${file} ${where}`);
      if (f.properties.zone !== undefined && !zoneIndex.has(f.properties.zone)) {
        issues.push({ file, path: `${where}.properties.zone`, message: `unknown zone '${f.properties.zone}'` });
      }
      const spans = 'zones' in f.properties ? f.properties.zones : undefined;
      for (const [zone, km2] of Object.entries(spans ?? {})) {
        const z = zoneIndex.get(zone);
        if (z === undefined) issues.push({ file, path: `${where}.properties.zones.${zone}`, message: `unknown zone '${zone}'` });
        else if (km2 > (zoneAreaKm2[z] as number) * 1.001) issues.push({ file, path: `${where}.properties.zones.${zone}`, message: `${km2} km² is more than the zone's whole area (${zoneAreaKm2[z] as number} km²)` });
      }
    });
  }
}

/** Each zone's band is its innermost whole-member circle (lowest ring; file order among siblings). */
function assignBands(zones: ZoneTable, circles: { members: Int32Array }[], defs: CircleDef[]): void {
  const byRing = circles.map((_, i) => i).sort((a, b) => (defs[a] as CircleDef).ring - (defs[b] as CircleDef).ring);
  zones.band.fill(-1);
  for (const c of byRing) {
    for (const z of (circles[c] as { members: Int32Array }).members) {
      if (zones.band[z] === -1) zones.band[z] = c;
    }
  }
}
