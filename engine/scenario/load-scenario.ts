import { basename, dirname, resolve } from 'node:path';
import { invalidInput, RenxingError, type Issue } from '../core/errors.js';
import { ENGINE_VERSION } from '../core/version.js';
import { schemaIssues } from '../core/schema-issues.js';
import { readDataFile } from '../io/read-data-file.js';
import { riverInflowSeries } from '../flood/river/river-inflow.js';
import { isInside, loadRegion, resolveRegionDir } from '../region/load-region.js';
import { compileScenarioFlood } from '../flood/river/scenario-flood.js';
import { HAZUS_VULNERABILITY } from '../quake/damage.js';
import type { Region } from '../region/region.js';
import { loadDomain, type DomainRun, type RiverInflowResolver } from './load-domain.js';
import { HAZARD_MODELS } from './hazard-models.js';
import { DEFAULT_OPTIONS, ScenarioFileSchema, type DesignFloodHazard, type RainfallHazard, type RunOptions, type ScenarioFile } from './schema.js';

export interface Scenario {
  file: ScenarioFile;
  /** Absolute path of the scenario file. */
  path: string;
  /** How the file is named in messages. */
  label: string;
  options: Required<RunOptions>;
}

/** A scenario on a region pack: the hazard chain over zones, circles and networks. */
export interface LoadedScenario {
  kind: 'region';
  scenario: Scenario;
  region: Region;
}

/** A scenario on a raster domain: the 2D flood solver on a DEM. */
export interface LoadedDomainScenario {
  kind: 'domain';
  scenario: Scenario;
  domain: DomainRun;
}

/** Overrides from the command line or an API request; they win over the file's `options`. */
export type OptionOverrides = Partial<Required<RunOptions>>;

/**
 * Loads and checks a scenario file and what it runs on, a region pack or a raster domain:
 * schema, supported hazards, region resolution, references from hazards into the region
 * (sub-basins, components, corridors), domain rasters and boundaries. Every problem is reported,
 * as `<file>: <path>: <message>`.
 */
export async function loadAnyScenario(path: string, overrides: OptionOverrides = {}): Promise<LoadedScenario | LoadedDomainScenario> {
  const absolute = resolve(path);
  const label = basename(absolute);
  return loadScenarioData(await readDataFile(absolute, label), label, dirname(absolute), overrides);
}

/**
 * The same checks for scenario data that did not come from a file (an API request): `label`
 * names it in messages, and relative region or raster paths resolve against `baseDir`. With
 * `roots`, those paths must lie inside one of these folders (a request cannot read elsewhere).
 */
export async function loadScenarioData(data: unknown, label: string, baseDir: string, overrides: OptionOverrides = {}, access: { roots?: readonly string[] } = {}): Promise<LoadedScenario | LoadedDomainScenario> {
  const absolute = resolve(baseDir, label);
  const issues = schemaIssues(ScenarioFileSchema, data, label);
  if (issues.length > 0) throw invalidInput(issues);
  const file = data as ScenarioFile;
  const options = { ...DEFAULT_OPTIONS, ...file.options, ...overrides };
  const scenario: Scenario = { file, path: absolute, label, options };
  if ((file.region === undefined) === (file.domain === undefined)) {
    throw invalidInput([{ file: label, path: '(root)', message: 'give exactly one of region (a region pack) or domain (a raster flood domain)' }]);
  }
  if (file.domain) {
    file.hazards.forEach((_, i) => issues.push({ file: label, path: `hazards[${i}]`, message: 'a domain scenario takes its forcing from domain (boundaries, points, rainfallMmPerH); hazards must be empty' }));
    if (file.river) issues.push({ file: label, path: 'river', message: 'river overrides belong to the region scenario a point takes its inflow from (domain.points[].fromRiver), not to a domain' });
    if (file.restoration) issues.push({ file: label, path: 'restoration', message: 'lifeline restoration belongs to region scenarios; a domain has no lifelines' });
    if (issues.length > 0) throw invalidInput(issues);
    return { kind: 'domain', scenario, domain: await loadDomain(file.domain, dirname(absolute), label, access.roots, riverInflowFrom(dirname(absolute), access)) };
  }

  file.hazards.forEach((hazard, i) => {
    if (!HAZARD_MODELS.has(hazard.type)) {
      const implemented = [...HAZARD_MODELS.keys()];
      issues.push({ file: label, path: `hazards[${i}].type`, message: `no model implements '${hazard.type}' hazards in renxing ${ENGINE_VERSION} yet (implemented: ${implemented.length > 0 ? implemented.join(', ') : 'none'})` });
    }
    if (hazard.type === 'rainfall') {
      const given = [hazard.totalsMm, hazard.uniformMm, hazard.returnPeriodYears, hazard.transposedFrom].filter((v) => v !== undefined).length;
      if (given !== 1) issues.push({ file: label, path: `hazards[${i}]`, message: 'give exactly one of totalsMm, uniformMm, returnPeriodYears or transposedFrom' });
    }
    if (hazard.type === 'designFlood' && (hazard.hydrographM3s === undefined) === (hazard.shapeFrom === undefined || hazard.peakM3s === undefined)) {
      issues.push({ file: label, path: `hazards[${i}]`, message: 'give hydrographM3s, or shapeFrom with peakM3s (not both)' });
    }
    if (hazard.type === 'outage' && hazard.restoreAtH !== undefined && hazard.restoreAtH <= (hazard.atH ?? 0)) {
      issues.push({ file: label, path: `hazards[${i}].restoreAtH`, message: `must be later than atH (${hazard.atH ?? 0})` });
    }
  });

  if (issues.length === 0) {
    const hazards = [];
    for (const [i, h] of file.hazards.entries()) {
      if (h.type === 'rainfall' && h.transposedFrom) hazards.push(await transposeStorm(h, h.transposedFrom, `hazards[${i}]`, label, dirname(absolute), access, issues));
      else if (h.type === 'designFlood' && h.shapeFrom && h.peakM3s !== undefined) hazards.push(await scaleTypicalFlood(h, h.shapeFrom, h.peakM3s, `hazards[${i}]`, dirname(absolute), access, issues));
      else hazards.push(h);
    }
    scenario.file = { ...file, hazards };
  }
  let region: Region | undefined;
  try {
    region = await loadRegion(resolveRegionDir(file.region ?? '', dirname(absolute), label, access.roots));
  } catch (error) {
    if (!(error instanceof RenxingError) || !error.isInputError) throw error;
    issues.push(...(error.issues.length > 0 ? error.issues : [{ file: label, path: 'region', message: error.message }]));
  }
  if (region) {
    issues.push(...referenceIssues(scenario.file, region, label));
    const loadedRegion = region;
    scenario.file.hazards.forEach((hazard, i) => issues.push(...(HAZARD_MODELS.get(hazard.type)?.check(hazard, `hazards[${i}]`, label, loadedRegion) ?? [])));
  }
  if (issues.length > 0 || !region) throw invalidInput(issues);
  return { kind: 'region', scenario, region };
}

/** Resolves a domain point's `fromRiver`: loads the river scenario (under the same access rules), runs its flood once, takes the hydrograph. */
function riverInflowFrom(baseDir: string, access: { roots?: readonly string[] }): RiverInflowResolver {
  return async (from, path, issues) => {
    const file = resolve(baseDir, from.scenario);
    if (access.roots !== undefined && !access.roots.some((root) => isInside(file, root))) {
      issues.push({ file: basename(file), path: `${path}.scenario`, message: `'${from.scenario}' must be a file inside the bundled scenarios or a folder this server allows` });
      return undefined;
    }
    try {
      const loaded = await loadScenarioData(await readDataFile(file, basename(file)), basename(file), dirname(file), {}, access);
      const flood = loaded.kind === 'region' ? compileScenarioFlood(loaded.scenario.file, loaded.scenario.options.horizonH, loaded.region) : undefined;
      if (loaded.kind !== 'region' || !flood) {
        issues.push({ file: basename(file), path: `${path}.scenario`, message: `'${from.scenario}' has no river flood (it needs a region with rainfall or a design flood)` });
        return undefined;
      }
      const { series, problem } = riverInflowSeries(flood, loaded.scenario.options.seed, from);
      if (problem) issues.push({ file: basename(file), path, message: problem });
      return series;
    } catch (error) {
      if (!(error instanceof RenxingError)) throw error;
      issues.push(...error.issues);
      return undefined;
    }
  };
}

/**
 * A storm moved from another scenario: each target sub-basin takes its source sub-basin's total
 * (the source's `totalsMm`, or its `uniformMm`), with the source's duration, pattern and timing,
 * which the transposed hazard must state alike (its `durationH` and `pattern` are read, so they
 * are checked, not silently replaced). The hazard keeps `transposedFrom` for the summary.
 */
async function transposeStorm(hazard: RainfallHazard, from: NonNullable<RainfallHazard['transposedFrom']>, path: string, label: string, baseDir: string, access: { roots?: readonly string[] }, issues: Issue[]): Promise<RainfallHazard> {
  const file = resolve(baseDir, from.scenario);
  const at = `${path}.transposedFrom`;
  if (access.roots !== undefined && !access.roots.some((root) => isInside(file, root))) {
    issues.push({ file: label, path: `${at}.scenario`, message: `'${from.scenario}' must be a file inside the bundled scenarios or a folder this server allows` });
    return hazard;
  }
  let source: unknown;
  try {
    source = await readDataFile(file, basename(file));
  } catch (error) {
    if (!(error instanceof RenxingError)) throw error;
    issues.push(...error.issues.map((i) => ({ ...i, message: `${i.message} (the storm ${label} ${at} transposes)` })));
    return hazard;
  }
  const sourceIssues = schemaIssues(ScenarioFileSchema, source, basename(file));
  if (sourceIssues.length > 0) {
    issues.push(...sourceIssues);
    return hazard;
  }
  const storms = (source as ScenarioFile).hazards.filter((h): h is RainfallHazard => h.type === 'rainfall');
  const storm = storms[from.hazard ?? 0];
  if (!storm || (storm.totalsMm === undefined && storm.uniformMm === undefined)) {
    issues.push({ file: label, path: `${at}.hazard`, message: storm ? `rainfall ${from.hazard ?? 0} of '${from.scenario}' has no historical totals (totalsMm or uniformMm) to transpose` : `'${from.scenario}' has ${storms.length} rainfall hazard(s); no rainfall ${from.hazard ?? 0}` });
    return hazard;
  }
  if (storm.durationH !== hazard.durationH || (storm.pattern ?? 'triangular') !== (hazard.pattern ?? 'triangular')) {
    issues.push({ file: label, path: `${path}.durationH`, message: `a transposed storm keeps its time pattern: '${from.scenario}' rains ${storm.durationH} h, ${storm.pattern ?? 'triangular'}; this hazard says ${hazard.durationH} h, ${hazard.pattern ?? 'triangular'}` });
  }
  const totalsMm: Record<string, number> = {};
  for (const [target, origin] of Object.entries(from.onto)) {
    const total = storm.totalsMm?.[origin] ?? storm.uniformMm;
    if (total === undefined) issues.push({ file: label, path: `${at}.onto.${target}`, message: `'${origin}' has no total in '${from.scenario}' (it gives: ${Object.keys(storm.totalsMm ?? {}).join(', ')})` });
    else totalsMm[target] = total;
  }
  return { ...hazard, totalsMm };
}

/**
 * A design flood shaped like a typical one (同倍比, peak control): the hydrograph leaving a node in
 * another scenario's river run, every ordinate × K = design peak ÷ typical peak. The hazard keeps
 * `shapeFrom` and gains the hourly hydrograph.
 */
async function scaleTypicalFlood(hazard: DesignFloodHazard, shape: NonNullable<DesignFloodHazard['shapeFrom']>, peakM3s: number, path: string, baseDir: string, access: { roots?: readonly string[] }, issues: Issue[]): Promise<DesignFloodHazard> {
  const typical = await riverInflowFrom(baseDir, access)({ scenario: shape.scenario, node: shape.node, ...(shape.startH !== undefined ? { startH: shape.startH } : {}) }, `${path}.shapeFrom`, issues);
  if (!typical) return hazard;
  const peak = Math.max(...typical.v);
  if (!(peak > 0)) {
    issues.push({ file: basename(resolve(baseDir, shape.scenario)), path: `${path}.shapeFrom.node`, message: `no water leaves '${shape.node}' in that run: there is no flood to scale` });
    return hazard;
  }
  const k = peakM3s / peak;
  return { ...hazard, hydrographM3s: typical.t.map((t, i): [number, number] => [t / 3600, k * (typical.v[i] as number)]) };
}

/** Loads a scenario that must run on a region pack (the hazard chain). */
export async function loadScenario(path: string, overrides: OptionOverrides = {}): Promise<LoadedScenario> {
  const loaded = await loadAnyScenario(path, overrides);
  if (loaded.kind !== 'region') throw invalidInput([{ file: loaded.scenario.label, path: 'domain', message: 'this scenario runs on a raster domain, not a region pack' }]);
  return loaded;
}

/** Ids a hazard names must exist in the region: sub-basins for rain, components or corridors for outages, reservoirs and basins for river overrides. */
function referenceIssues(file: ScenarioFile, region: Region, label: string): Issue[] {
  const issues: Issue[] = [];
  const vulnerability = file.consequences?.vulnerability;
  if (vulnerability !== undefined) {
    const known = region.exposure ? [HAZUS_VULNERABILITY, ...region.exposure.matrices.map((m) => m.id)] : [];
    if (!known.includes(vulnerability)) issues.push({ file: label, path: 'consequences.vulnerability', message: region.exposure ? `unknown vulnerability '${vulnerability}' in region '${region.id}' (known: ${known.join(', ')})` : `region '${region.id}' has no exposure.yaml: no buildings to damage` });
  }
  const reservoirs = new Set(region.river.reservoirs.map((r) => r.id));
  const basins = new Set(region.river.basins.map((b) => b.id));
  for (const [id, o] of Object.entries(file.river?.reservoirs ?? {})) {
    if (!reservoirs.has(id)) issues.push({ file: label, path: `river.reservoirs.${id}`, message: `unknown reservoir '${id}' in region '${region.id}'` });
    else if (o.startsFull && o.initialStorageM3 !== undefined) issues.push({ file: label, path: `river.reservoirs.${id}`, message: 'give startsFull or initialStorageM3, not both' });
  }
  for (const id of Object.keys(file.river?.detentionBasins ?? {})) {
    if (!basins.has(id)) issues.push({ file: label, path: `river.detentionBasins.${id}`, message: `unknown detention basin '${id}' in region '${region.id}'` });
  }
  const systems = new Set(region.lifelines.systems);
  for (const system of Object.keys(file.restoration?.crews ?? {})) {
    if (!systems.has(system as (typeof region.lifelines.systems)[number])) issues.push({ file: label, path: `restoration.crews.${system}`, message: `region '${region.id}' has no '${system}' lifeline system (it has: ${[...systems].join(', ') || 'none'})` });
  }
  const subbasins = new Set(region.layers.rivers.features.filter((f) => f.properties.kind === 'subbasin').map((f) => f.properties.id));
  const components = new Set([...region.layers.lifelines.features, ...region.layers.rivers.features].map((f) => f.properties.id));
  file.hazards.forEach((hazard, i) => {
    if (hazard.type === 'rainfall') {
      for (const id of Object.keys(hazard.totalsMm ?? {})) {
        if (!subbasins.has(id)) issues.push({ file: label, path: `hazards[${i}].totalsMm.${id}`, message: `unknown sub-basin '${id}' in region '${region.id}'` });
      }
    }
    if (hazard.type === 'outage') {
      hazard.targets.forEach((target, k) => {
        const id = target.replace(/^(corridor|component):/, '');
        // Corridors are declared by the components that run in them (DESIGN §3); none exist until lifelines are authored.
        const known = target.startsWith('corridor:') ? corridorIds(region).has(id) : components.has(id);
        if (!known) issues.push({ file: label, path: `hazards[${i}].targets[${k}]`, message: `unknown ${target.startsWith('corridor:') ? 'corridor' : 'component'} '${id}' in region '${region.id}'` });
      });
    }
  });
  return issues;
}

function corridorIds(region: Region): Set<string> {
  const ids = new Set<string>();
  for (const f of region.layers.lifelines.features) {
    const corridor = (f.properties as { corridor?: unknown }).corridor;
    if (typeof corridor === 'string') ids.add(corridor);
  }
  return ids;
}
