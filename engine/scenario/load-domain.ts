import { basename, resolve } from 'node:path';
import { RenxingError, type Issue } from '../core/errors.js';
import { GridModelError, buildGridModel } from '../flood/grid/build-model.js';
import type { GridModel, TimeSeries } from '../flood/grid/model.js';
import { readRaster } from '../io/read-raster.js';
import { GEOGRAPHIC_EPSG } from '../io/grid-corners.js';
import type { Raster } from '../io/raster.js';
import { isInside } from '../region/load-region.js';
import type { Domain, FromRiver } from './schema.js';
import { LIMITS } from '../core/limits.js';

/**
 * The scenario field a problem of the 2D model comes from: the solver names things as LISFLOOD-FP
 * does (sim_time, boundary 2, point 1), the user wrote `domain.durationH`, `domain.boundaries[1]`.
 */
const MODEL_FIELDS: readonly [RegExp, (m: RegExpMatchArray) => string, string?][] = [
  [/^sim_time must be > 0/, () => 'domain.durationH', 'must be at least a millisecond'],
  [/^CFL coefficient/, () => 'domain.solver.cfl'],
  [/^theta/, () => 'domain.solver.theta'],
  [/^maximum time step/, () => 'domain.solver.maxDtS'],
  [/^the start \(initial depth\) raster/, () => 'domain.initialDepth'],
  [/^Manning's n/, () => 'domain.manning'],
  [/^boundary (\d+) /, (m) => `domain.boundaries[${Number(m[1]) - 1}]`],
  [/^point (\d+) /, (m) => `domain.points[${Number(m[1]) - 1}]`],
];

function fieldOf(problem: string): { path: string; message: string } {
  for (const [pattern, path, message] of MODEL_FIELDS) {
    const match = problem.match(pattern);
    if (match) return { path: path(match), message: message ?? problem };
  }
  return { path: 'domain', message: problem };
}

export interface DomainRun {
  model: GridModel;
  origin: { xll: number; yll: number };
  epsg?: number;
  /** Times (s) at which depth rasters are written. */
  saveTimes: number[];
}

const toSeries = (pairs: [number, number][]): TimeSeries => ({ t: pairs.map((p) => p[0]), v: pairs.map((p) => p[1]) });

/** Runs the river scenario a point names and gives its hydrograph, or reports why it cannot (as issues at `path`). */
export type RiverInflowResolver = (from: FromRiver, path: string, issues: Issue[]) => Promise<TimeSeries | undefined>;

/** Reads a scenario's raster domain (paths relative to the scenario, and inside one of `roots` when given) into a 2D model. */
export async function loadDomain(domain: Domain, baseDir: string, label: string, roots?: readonly string[], riverInflow?: RiverInflowResolver): Promise<DomainRun> {
  const issues: Issue[] = [];
  const raster = async (ref: string, path: string): Promise<Raster | undefined> => {
    const file = resolve(baseDir, ref);
    if (roots !== undefined && !roots.some((root) => isInside(file, root))) {
      issues.push({ file: label, path, message: `'${ref}' must be a file inside the bundled scenarios or a folder this server allows` });
      return undefined;
    }
    try {
      return await readRaster(file, basename(file));
    } catch (error) {
      if (!(error instanceof RenxingError)) throw error;
      issues.push(...error.issues.map((i) => ({ ...i, message: `${i.message} (from ${label} ${path})` })));
      return undefined;
    }
  };
  const dem = await raster(domain.dem, 'domain.dem');
  const manning = typeof domain.manning === 'string' ? await raster(domain.manning, 'domain.manning') : domain.manning;
  const initialDepth = domain.initialDepth ? await raster(domain.initialDepth, 'domain.initialDepth') : undefined;
  const fromRiver = new Map<number, TimeSeries>();
  for (const [k, p] of (domain.points ?? []).entries()) {
    if (!p.fromRiver) continue;
    const path = `domain.points[${k}].fromRiver`;
    if (p.type !== 'qvar' || p.series || p.value !== undefined) issues.push({ file: label, path, message: 'a river inflow is a qvar point with neither value nor series' });
    else if (!riverInflow) issues.push({ file: label, path, message: 'river inflows are not available here' });
    else {
      const series = await riverInflow(p.fromRiver, path, issues);
      if (series) fromRiver.set(k, series);
    }
  }
  if (domain.epsg !== undefined && GEOGRAPHIC_EPSG.has(domain.epsg)) issues.push({ file: label, path: 'domain.epsg', message: `EPSG:${domain.epsg} is a geographic CRS in degrees; the DEM's cells must be metres (a UTM zone such as 32650, or CGCS2000 Gauss–Krüger 4534–4554)` });
  if (dem?.epsg !== undefined && domain.epsg !== undefined && dem.epsg !== domain.epsg) issues.push({ file: label, path: 'domain.epsg', message: `is ${domain.epsg} but the DEM's GeoTIFF says EPSG:${dem.epsg}` });
  if (!dem || manning === undefined || (domain.initialDepth && !initialDepth) || issues.length > 0) throw new RenxingError('RX_ERR_INVALID_INPUT', `${label}: the domain's inputs cannot be read`, issues);

  // Times to the millisecond, the end included, so that hours × 3600 rounding cannot put the last
  // save a hair past the end (1.13 h × 3600 = 4067.9999999999995 s) and lose it.
  const toMs = (seconds: number): number => Math.round(seconds * 1000) / 1000;
  const simTime = toMs(domain.durationH * 3600);
  const every = (domain.outputEveryH ?? domain.durationH) * 3600;
  // Counted before any is listed: an output every 1e-12 h must be refused, not allocated.
  const frames = Math.floor(simTime / every);
  if (frames > LIMITS.depthFrames.value) {
    throw new RenxingError('RX_ERR_TOO_LARGE', `${label}: too many depth rasters`, [{ file: label, path: domain.outputEveryH !== undefined ? 'domain.outputEveryH' : 'domain.durationH', message: `gives ${frames.toLocaleString('en-US')} depth rasters over ${domain.durationH} h, over the limit of ${LIMITS.depthFrames.value.toLocaleString('en-US')}: save less often` }]);
  }
  const saveTimes: number[] = [];
  for (let k = 1; toMs(k * every) <= simTime; k++) saveTimes.push(toMs(k * every));
  const solver = domain.solver ?? {};
  try {
    const model = buildGridModel({
      dem,
      manning,
      ...(initialDepth ? { initialDepth } : {}),
      edges: (domain.boundaries ?? []).map((b) => ({
        side: b.side, kind: b.type as 'hfix',
        ...(b.from !== undefined ? { from: b.from } : {}), ...(b.to !== undefined ? { to: b.to } : {}),
        ...(b.value !== undefined ? { value: b.value } : {}), ...(b.series ? { series: toSeries(b.series) } : {}),
      })),
      points: (domain.points ?? []).map((p, k) => {
        const river = fromRiver.get(k);
        return {
          x: p.at[0], y: p.at[1], kind: p.type as 'qfix',
          ...(p.value !== undefined ? { value: p.value } : {}), ...(p.series ? { series: toSeries(p.series) } : {}), ...(river ? { series: river } : {}),
        };
      }),
      ...(domain.rainfallMmPerH ? { rain: toSeries(domain.rainfallMmPerH.map(([t, mm]) => [t, mm / 1000 / 3600])) } : {}),
      options: {
        simTime,
        outputTimes: saveTimes,
        ...(solver.theta !== undefined ? { theta: solver.theta } : {}),
        ...(solver.cfl !== undefined ? { alpha: solver.cfl } : {}),
        ...(solver.maxDtS !== undefined ? { maxDt: solver.maxDtS } : {}),
        ...(solver.depthThresholdM !== undefined ? { depthThreshold: solver.depthThresholdM } : {}),
        ...(solver.arrivalDepthM !== undefined ? { arrivalDepth: solver.arrivalDepthM } : {}),
      },
    });
    const epsg = domain.epsg ?? dem.epsg;
    return { model, origin: { xll: dem.xll, yll: dem.yll }, ...(epsg !== undefined ? { epsg } : {}), saveTimes };
  } catch (error) {
    if (error instanceof GridModelError) throw new RenxingError('RX_ERR_INVALID_INPUT', `${label}: the domain is not valid`, error.problems.map((message) => ({ file: label, ...fieldOf(message) })));
    throw error;
  }
}
