/**
 * A DEM a pack names (`dem` in region.yaml), read with the pack. Each flood compartment drawn as a
 * polygon takes its stage–area relation from the DEM cells inside its outline, in place of the
 * authored `stageArea` (which the pack keeps: it is what the compartment means without the DEM),
 * and the lifeline components standing in such a compartment take their ground height from the
 * DEM unless the pack gives one. Outlines are drawn in lon/lat and projected to the DEM's CRS with
 * proj4 vertex by vertex (edges stay straight in the DEM's grid: metres off over kilometre edges).
 */
import { isAbsolute, relative, resolve } from 'node:path';
import type { Position } from 'geojson';
import proj4 from 'proj4';
import { RenxingError, type Issue } from '../core/errors.js';
import type { FloodExposure } from '../damage/flood-exposure.js';
import { compileHypsometry, type Hypsometry } from '../flood/river/compartment.js';
import { cellsInside, groundAt, lowestGroundAlong, type ProjectedPolygon, type XY } from '../flood/river/dem-cells.js';
import { demStageArea, type DemStageArea } from '../flood/river/dem-hypsometry.js';
import { projDefinition, SUPPORTED_EPSG } from '../io/grid-corners.js';
import type { Raster } from '../io/raster.js';
import type { LifelineProperties } from './lifeline-schema.js';
import type { RegionFile, RiversFile } from './schema.js';

export interface PackDem {
  /** The file as region.yaml names it, relative to the pack. */
  path: string;
  epsg: number;
  raster: Raster;
  /** Each compartment whose relation came from the DEM, by id. */
  compartments: Map<string, DemCompartment>;
}

export interface DemCompartment extends Pick<DemStageArea, 'lowestM' | 'reliefM' | 'groundCells' | 'noDataCells' | 'maxLevelErrorM'> {
  /** Its cells, ascending indices into the raster. */
  cellIndex: Int32Array;
  breakpoints: number;
}

/**
 * Reads the pack's DEM and works out the relation of each compartment drawn as a polygon. Every
 * problem — a file outside the pack or unreadable, a CRS unknown or contradicted, an outline
 * beyond the DEM or holding no cell with ground, zone areas the cells disagree with — is an issue
 * naming the file and field.
 */
export async function loadPackDem(spec: NonNullable<RegionFile['dem']>, dir: string, rivers: RiversFile, pack: string): Promise<{ dem?: PackDem; relations: Map<string, Hypsometry>; issues: Issue[] }> {
  const regionFile = `${pack}/region.yaml`;
  const riversFile = `${pack}/rivers.geojson`;
  const issues: Issue[] = [];
  const relations = new Map<string, Hypsometry>();
  const file = resolve(dir, spec.path);
  const inPack = relative(resolve(dir), file);
  if (inPack === '' || inPack.startsWith('..') || isAbsolute(inPack)) {
    issues.push({ file: regionFile, path: 'dem.path', message: `'${spec.path}' must be a file inside the pack folder (a link there may point elsewhere)` });
    return { relations, issues };
  }
  let raster: Raster;
  try {
    // Imported when a DEM is read: the GeoTIFF library's web-worker polyfill takes any worker thread
    // that imports it for its own, and this module's demSummary is used on the pool's threads.
    const { readRaster } = await import('../io/read-raster.js');
    raster = await readRaster(file, `${pack}/${spec.path}`);
  } catch (error) {
    if (!(error instanceof RenxingError)) throw error;
    issues.push(...error.issues.map((i) => ({ ...i, message: `${i.message} (the DEM of ${regionFile} dem.path)` })));
    return { relations, issues };
  }
  if (spec.epsg !== undefined && raster.epsg !== undefined && spec.epsg !== raster.epsg) issues.push({ file: regionFile, path: 'dem.epsg', message: `is ${spec.epsg} but the GeoTIFF '${spec.path}' says EPSG:${raster.epsg}` });
  const epsg = spec.epsg ?? raster.epsg;
  const definition = epsg === undefined ? undefined : projDefinition(epsg);
  if (epsg === undefined) issues.push({ file: regionFile, path: 'dem.epsg', message: `needed: '${spec.path}' does not say its CRS (an ESRI ASCII grid never does)` });
  else if (!definition) issues.push({ file: regionFile, path: 'dem.epsg', message: `EPSG:${epsg} is not a CRS renxing projects to: use ${SUPPORTED_EPSG}` });
  if (epsg === undefined || !definition || issues.length > 0) return { relations, issues };

  const toDem = proj4(definition);
  const project = (p: Position): XY => toDem.forward<[number, number]>([p[0] as number, p[1] as number]);
  const compartments = new Map<string, DemCompartment>();
  const east = raster.xll + raster.nx * raster.cellSize;
  const north = raster.yll + raster.ny * raster.cellSize;
  rivers.features.forEach((f, i) => {
    const p = f.properties;
    if (p.kind !== 'compartment' || (f.geometry.type !== 'Polygon' && f.geometry.type !== 'MultiPolygon')) return;
    const at = `features[${i}].geometry`;
    const parts = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    const polygons: ProjectedPolygon[] = parts.map((rings) => rings.map((ring) => ring.map(project)));
    const vertices = polygons.flat(2);
    const beyond = vertices.some(([x, y]) => !(x >= raster.xll && x <= east && y >= raster.yll && y <= north));
    if (beyond) {
      issues.push({ file: riversFile, path: at, message: `compartment '${p.id}' reaches beyond the DEM '${spec.path}' (x ${raster.xll}–${east}, y ${raster.yll}–${north} in EPSG:${epsg}): its relation would miss land` });
      return;
    }
    const cellIndex = cellsInside(raster, polygons);
    if (cellIndex.length === 0) {
      issues.push({ file: riversFile, path: at, message: `compartment '${p.id}' holds no cell centre of the DEM '${spec.path}' (cells of ${raster.cellSize} m)` });
      return;
    }
    let read: DemStageArea;
    try {
      read = demStageArea(raster, cellIndex);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      issues.push({ file: riversFile, path: at, message: `compartment '${p.id}': ${error.message} in the DEM '${spec.path}'` });
      return;
    }
    checkCellLand(p.zones, cellIndex.length * raster.cellSize ** 2, outlineLength(polygons) * raster.cellSize, `compartment '${p.id}'`, riversFile, `features[${i}].properties.zones`, issues);
    relations.set(p.id, compileHypsometry(read.stageArea));
    const { lowestM, reliefM, groundCells, noDataCells, maxLevelErrorM } = read;
    compartments.set(p.id, { lowestM, reliefM, groundCells, noDataCells, maxLevelErrorM, cellIndex, breakpoints: read.stageArea.length });
  });
  return { dem: { path: spec.path, epsg, raster, compartments }, relations, issues };
}

/**
 * The zones' parts of a compartment add up to the land its outline holds in DEM cells, within the
 * 1 % the pack's own relation is held to plus the cells along the outline (cell-centre rasterizing
 * misses or adds less than a cell's width of it): else the outline, the zone areas or the DEM's
 * CRS is wrong, and exposure would count land the relation does not flood.
 */
function checkCellLand(zones: Record<string, number>, cellsM2: number, edgeM2: number, what: string, file: string, path: string, issues: Issue[]): void {
  const land = Object.values(zones).reduce((a, b) => a + b, 0);
  const cellsKm2 = cellsM2 / 1e6;
  const allowedKm2 = 0.01 * cellsKm2 + edgeM2 / 1e6;
  if (Math.abs(land - cellsKm2) > allowedKm2) issues.push({ file, path, message: `zone areas add up to ${land} km², but the outline of ${what} holds ${round(cellsKm2)} km² of DEM cells (more than ${round(allowedKm2)} km² apart): the outline, the zone areas or the DEM's CRS is off` });
}

const round = (x: number): number => Number(x.toFixed(3));

function outlineLength(polygons: readonly ProjectedPolygon[]): number {
  let length = 0;
  for (const ring of polygons.flat()) ring.forEach((a, k) => { const b = ring[(k + 1) % ring.length] as XY; length += Math.hypot(b[0] - a[0], b[1] - a[1]); });
  return length;
}

/**
 * The ground lookup `compileFloodExposure` takes: in a compartment whose relation came from the
 * DEM, a point's ground (its cell) or a line's lowest ground over the compartment's cells, in m
 * above the compartment's lowest; NaN anywhere else, where the ground is drawn instead.
 */
export function demGround(dem: PackDem, areaIds: readonly string[]): (area: number, at: readonly Position[]) => number {
  const toDem = proj4(projDefinition(dem.epsg) as string);
  return (area, at) => {
    const compartment = dem.compartments.get(areaIds[area] ?? '');
    if (!compartment || at.length === 0) return Number.NaN;
    const line = at.map((p) => toDem.forward<[number, number]>([p[0] as number, p[1] as number]));
    const [x, y] = line[0] as XY;
    return line.length === 1 ? groundAt(dem.raster, compartment.lowestM, x, y) : lowestGroundAlong(dem.raster, compartment.cellIndex, compartment.lowestM, line);
  };
}

/** For the summary: the DEM, what each compartment read from it, and the components whose ground it gave. */
export interface DemSummary {
  path: string;
  epsg: number;
  compartments: { id: string; cells: number; noDataCells: number; lowestM: number; reliefM: number; breakpoints: number; maxLevelErrorM: number }[];
  /** Components standing in those compartments with no ground in the pack, and the ground the DEM gave (m above the compartment's lowest). */
  grounds: { id: string; area: string; groundM: number }[];
}

export function demSummary(dem: PackDem, exposure: FloodExposure | undefined, areaIds: readonly string[], componentIds: readonly string[], features: readonly { properties: LifelineProperties }[]): DemSummary {
  const given = new Set(features.filter((f) => f.properties.flood?.groundM !== undefined).map((f) => f.properties.id));
  const grounds = (exposure?.sites ?? []).flatMap((s) => {
    const id = componentIds[s.component] as string;
    const area = areaIds[s.area] as string;
    return dem.compartments.has(area) && !given.has(id) && !Number.isNaN(s.groundM) ? [{ id, area, groundM: round(s.groundM) }] : [];
  });
  return {
    path: dem.path, epsg: dem.epsg,
    compartments: [...dem.compartments].map(([id, c]) => ({
      id, cells: c.groundCells, noDataCells: c.noDataCells, lowestM: round(c.lowestM), reliefM: round(c.reliefM), breakpoints: c.breakpoints, maxLevelErrorM: Number(c.maxLevelErrorM.toExponential(2)),
    })),
    grounds,
  };
}
