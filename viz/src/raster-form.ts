import type { ScenarioFile } from './api.js';
import { t } from './i18n/i18n.js';

/** What the "2D flood on a DEM" form asks, as typed (empty fields are undefined). */
export interface RasterFormValues {
  /** DEM path on the server (inside its data folders): ESRI ASCII grid or GeoTIFF in a metre CRS. */
  dem?: string | undefined;
  manning?: number | undefined;
  durationH?: number | undefined;
  outputEveryH?: number | undefined;
  epsg?: number | undefined;
  /** Edge where water leaves at normal depth; the others are walls. */
  freeEdge?: 'N' | 'S' | 'E' | 'W' | undefined;
  /** Inflow point in the DEM's CRS, and what flows in: a steady discharge, or a river run's spill. */
  inflowX?: number | undefined;
  inflowY?: number | undefined;
  inflowM3s?: number | undefined;
  riverScenario?: string | undefined;
  riverReach?: string | undefined;
  riverStartH?: number | undefined;
  rainMmPerH?: number | undefined;
}

/**
 * The domain scenario (DESIGN §4 `domain`) the form describes, or the problems to fix first, each
 * naming its field. The server checks the rest (the DEM exists and is allowed, the point is on it,
 * the river run exists) and its answer names the field too.
 */
export function rasterScenario(v: RasterFormValues): { scenario?: ScenarioFile; problems: string[] } {
  const problems: string[] = [];
  const positive = (x: number | undefined, field: string): void => {
    if (x === undefined || !(x > 0)) problems.push(t('raster.problem.positive', { field }));
  };
  if (!v.dem?.trim()) problems.push(t('raster.problem.dem'));
  if (v.manning === undefined || !(v.manning > 0 && v.manning < 1)) problems.push(t('raster.problem.manning'));
  positive(v.durationH, t('raster.hours'));
  if (v.outputEveryH !== undefined) {
    positive(v.outputEveryH, t('raster.every'));
    if (v.durationH !== undefined && v.outputEveryH > v.durationH) problems.push(t('raster.problem.everyLonger'));
  }
  const fromRiver = Boolean(v.riverScenario?.trim() || v.riverReach?.trim());
  if (fromRiver && !(v.riverScenario?.trim() && v.riverReach?.trim())) problems.push(t('raster.problem.riverBoth'));
  if (fromRiver && v.inflowM3s !== undefined) problems.push(t('raster.problem.inflowBoth'));
  const inflow = fromRiver || v.inflowM3s !== undefined;
  if (inflow && (v.inflowX === undefined || v.inflowY === undefined)) problems.push(t('raster.problem.point'));
  if (v.inflowM3s !== undefined && !(v.inflowM3s >= 0)) problems.push(t('raster.problem.inflowNegative'));
  if (v.rainMmPerH !== undefined && !(v.rainMmPerH >= 0)) problems.push(t('raster.problem.rainNegative'));
  if (!inflow && !(v.rainMmPerH && v.rainMmPerH > 0)) problems.push(t('raster.problem.dry'));
  if (problems.length > 0) return { problems };

  const durationH = v.durationH as number;
  const at: [number, number] = [v.inflowX as number, v.inflowY as number];
  const point = fromRiver
    ? { at, type: 'qvar', fromRiver: { scenario: v.riverScenario?.trim(), reach: v.riverReach?.trim(), ...(v.riverStartH !== undefined ? { startH: v.riverStartH } : {}) } }
    : { at, type: 'qfix', value: v.inflowM3s };
  const domain = {
    dem: v.dem?.trim(),
    manning: v.manning,
    durationH,
    outputEveryH: v.outputEveryH ?? durationH,
    ...(v.epsg !== undefined ? { epsg: v.epsg } : {}),
    ...(v.freeEdge ? { boundaries: [{ side: v.freeEdge, type: 'free' }] } : {}),
    ...(inflow ? { points: [point] } : {}),
    ...(v.rainMmPerH ? { rainfallMmPerH: [[0, v.rainMmPerH], [durationH * 3600, v.rainMmPerH]] } : {}),
  };
  const name = (v.dem ?? '').trim().split(/[\\/]/).pop() ?? 'DEM';
  return { scenario: { schemaVersion: 1, id: 'viewer-raster-run', title: t('raster.title', { name }), hazards: [], domain }, problems };
}
