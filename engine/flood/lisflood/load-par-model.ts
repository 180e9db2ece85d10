import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { RenxingError, type Issue } from '../../core/errors.js';
import type { Raster } from '../../io/raster.js';
import { readRaster } from '../../io/read-raster.js';
import { GridModelError, buildGridModel, type EdgeCondition, type PointCondition } from '../grid/build-model.js';
import type { GridModel, TimeSeries } from '../grid/model.js';
import { parseBci } from './bci-file.js';
import { parseBdy } from './bdy-file.js';
import { KNOWN_KEYWORDS, parsePar, type KnownKeyword } from './par-file.js';

export interface ParRun {
  model: GridModel;
  /** Folder the outputs go to (dirroot, relative to the .par file) and their name stem (resroot). */
  outDir: string;
  resroot: string;
  /** Depth is written at these times (saveint multiples); mass at massint multiples. */
  saveTimes: number[];
  massTimes: number[];
  /** Keywords read but not supported, each named. */
  warnings: string[];
  /** Lower-left corner of the DEM, for writing outputs on its grid. */
  origin: { xll: number; yll: number };
  /** The DEM's EPSG code when its file gives one (GeoTIFF), for the GeoTIFF outputs. */
  epsg?: number;
}

/** Flags we read but do not act on, and why. */
const IGNORED_FLAGS: Record<string, string | undefined> = {
  qoutput: 'renxing writes no face-flow (Qx, Qy) files',
  voutput: 'renxing writes no face-velocity (Vx, Vy) files; the maximum speed is in the .Vmax file',
  depthoff: 'renxing still writes the depth (.wd) files at each saveint',
};

function multiples(step: number, end: number): number[] {
  if (!(step > 0)) return [];
  const out: number[] = [];
  for (let k = 1; k * step <= end + 1e-9; k++) out.push(k * step);
  return out;
}

/**
 * Reads a LISFLOOD-FP `.par` file and the files it names into a 2D model. Supported: the
 * floodplain ACC solver keywords (see KNOWN_KEYWORDS); every other keyword is a warning naming
 * it. All problems are reported together as `<file>: <where>: <message>`.
 */
export async function loadParModel(parPath: string): Promise<ParRun> {
  const label = basename(parPath);
  const dir = dirname(resolve(parPath));
  const issues: Issue[] = [];
  const warnings: string[] = [];
  let text: string;
  try {
    text = await readFile(parPath, 'utf8');
  } catch (cause) {
    throw new RenxingError('RX_ERR_FILE_NOT_FOUND', `${label}: cannot be read`, [{ file: label, path: '', message: 'no such file' }], { cause });
  }
  const values = new Map<KnownKeyword, { value: string; line: number }>();
  for (const entry of parsePar(text).entries) {
    const kind = (KNOWN_KEYWORDS as Record<string, string>)[entry.keyword];
    if (!kind) {
      warnings.push(`${label}: line ${entry.line}: keyword '${entry.keyword}' is not supported by renxing and was not applied`);
      continue;
    }
    if (kind === 'number' && (entry.value === '' || !Number.isFinite(Number(entry.value)))) issues.push({ file: label, path: `line ${entry.line} ${entry.keyword}`, message: entry.value === '' ? 'expected a number, got nothing' : `expected a number, got '${entry.value}'` });
    if (entry.keyword === 'resroot' && /[/\\]/.test(entry.value)) issues.push({ file: label, path: `line ${entry.line} resroot`, message: `expected a file-name stem without folders (put the folder in dirroot), got '${entry.value}'` });
    if (IGNORED_FLAGS[entry.keyword] !== undefined) warnings.push(`${label}: line ${entry.line}: '${entry.keyword}' is not applied: ${IGNORED_FLAGS[entry.keyword]}`);
    if ((kind === 'path' || kind === 'text') && entry.value === '') issues.push({ file: label, path: `line ${entry.line} ${entry.keyword}`, message: 'expected a value' });
    values.set(entry.keyword as KnownKeyword, { value: entry.value, line: entry.line });
  }
  const num = (k: KnownKeyword): number | undefined => (values.has(k) ? Number(values.get(k)?.value) : undefined);
  const path = (k: KnownKeyword): string | undefined => (values.has(k) ? resolve(dir, values.get(k)?.value ?? '') : undefined);
  const solver = values.get('solver')?.value.toLowerCase();
  if (solver !== undefined && solver !== 'acc') issues.push({ file: label, path: `line ${values.get('solver')?.line ?? 0} solver`, message: `only the ACC (local inertial) solver is implemented, got '${solver}'` });
  if (!values.has('acceleration') && solver === undefined) warnings.push(`${label}: neither 'acceleration' nor 'solver ACC' is set; renxing always runs the ACC (local inertial) solver`);
  if (values.has('adaptoff')) warnings.push(`${label}: 'adaptoff' is ignored: the ACC solver always adapts its time step to the CFL condition`);
  for (const k of ['demfile', 'sim_time'] as const) if (!values.has(k)) issues.push({ file: label, path: k, message: 'is required' });
  if (!values.has('fpfric') && !values.has('manningfile')) issues.push({ file: label, path: 'fpfric', message: "give fpfric (Manning's n) or manningfile" });
  if (issues.length > 0) throw new RenxingError('RX_ERR_INVALID_INPUT', `${label}: invalid parameter file`, issues);

  const rasterOrIssue = async (k: KnownKeyword): Promise<Raster | undefined> => {
    const p = path(k);
    if (!p) return undefined;
    try {
      return await readRaster(p, basename(p));
    } catch (error) {
      if (error instanceof RenxingError) issues.push(...error.issues);
      else throw error;
      return undefined;
    }
  };
  const dem = await rasterOrIssue('demfile');
  let manningRaster = await rasterOrIssue('manningfile');
  // LISFLOOD-FP takes fpfric where the Manning's n file has no value.
  const fpfric = num('fpfric');
  if (manningRaster && fpfric !== undefined) manningRaster = { ...manningRaster, data: manningRaster.data.map((n) => (Number.isNaN(n) ? fpfric : n)) };
  const start = await rasterOrIssue('startfile');

  let bdy = new Map<string, TimeSeries>();
  const bdyPath = path('bdyfile');
  if (bdyPath) {
    const parsed = parseBdy(await readText(bdyPath, issues), basename(bdyPath));
    bdy = parsed.series;
    parsed.problems.forEach((p) => issues.push(asIssue(p)));
  }
  let rain: TimeSeries | undefined;
  const rainPath = path('rainfall');
  if (rainPath) {
    const parsed = parseBdy(await readText(rainPath, issues), basename(rainPath), { named: false });
    parsed.problems.forEach((p) => issues.push(asIssue(p)));
    const mmPerHour = parsed.series.get('rainfall');
    if (mmPerHour) rain = { t: mmPerHour.t, v: mmPerHour.v.map((mm) => mm / 1000 / 3600) };
  }
  const edges: EdgeCondition[] = [];
  const points: PointCondition[] = [];
  const bciPath = path('bcifile');
  if (bciPath) {
    const bciLabel = basename(bciPath);
    const parsed = parseBci(await readText(bciPath, issues), bciLabel);
    parsed.problems.forEach((p) => issues.push(asIssue(p)));
    for (const line of parsed.lines) {
      const series = line.series !== undefined ? bdy.get(line.series) : undefined;
      if (line.series !== undefined && !series) issues.push({ file: bciLabel, path: `line ${line.line}`, message: `series '${line.series}' is not in the .bdy file` });
      const condition = { kind: line.kind, ...(line.value !== undefined ? { value: line.value } : {}), ...(series ? { series } : {}) };
      if (line.where === 'P') points.push({ x: line.a, y: line.b, ...pointFlowToCubic(condition, dem?.cellSize ?? 1) } as PointCondition);
      else edges.push({ side: line.where, from: line.a, to: line.b, ...condition });
    }
  }
  if (issues.length > 0 || !dem) throw new RenxingError('RX_ERR_INVALID_INPUT', `${label}: the model's files have problems`, issues);

  let initialDepth = start;
  if (start && values.has('startelev')) initialDepth = { ...start, data: start.data.map((elev, c) => Math.max(elev - (dem.data[c] as number), 0)) };
  const simTime = num('sim_time') as number;
  const saveTimes = multiples(num('saveint') ?? 0, simTime);
  const massTimes = multiples(num('massint') ?? 0, simTime);
  const theta = num('theta');
  const cfl = num('cfl') ?? num('courant');
  try {
    const model = buildGridModel({
      dem,
      manning: manningRaster ?? (num('fpfric') as number),
      ...(initialDepth ? { initialDepth } : {}),
      edges, points,
      ...(rain ? { rain } : {}),
      options: {
        simTime,
        outputTimes: [...new Set([...saveTimes, ...massTimes])].sort((a, b) => a - b),
        ...(num('initial_tstep') !== undefined ? { maxDt: num('initial_tstep') as number } : {}),
        ...(theta !== undefined ? { theta } : {}),
        ...(cfl !== undefined ? { alpha: cfl } : {}),
        ...(num('depththresh') !== undefined ? { depthThreshold: num('depththresh') as number } : {}),
        // .inittm marks the first time a cell is wetter than depththresh, as in LISFLOOD-FP.
        arrivalDepth: num('arrivaldepth') ?? num('depththresh') ?? 0.001,
      },
    });
    return { model, outDir: path('dirroot') ?? resolve(dir, 'results'), resroot: values.get('resroot')?.value ?? 'res', saveTimes, massTimes, warnings, origin: { xll: dem.xll, yll: dem.yll }, ...(dem.epsg !== undefined ? { epsg: dem.epsg } : {}) };
  } catch (error) {
    if (error instanceof GridModelError) throw new RenxingError('RX_ERR_INVALID_INPUT', `${label}: the model is not valid`, error.problems.map((message) => ({ file: label, path: 'model', message })));
    throw error;
  }
}

/**
 * LISFLOOD-FP takes point QFIX/QVAR values per unit width (m²/s) and multiplies them by the cell
 * size, as for edges (boundary.cpp); our point sources are m³/s, so convert here.
 */
function pointFlowToCubic<C extends { kind: string; value?: number; series?: TimeSeries }>(condition: C, dx: number): C {
  if (condition.kind !== 'qfix' && condition.kind !== 'qvar') return condition;
  return {
    ...condition,
    ...(condition.value !== undefined ? { value: condition.value * dx } : {}),
    ...(condition.series ? { series: { t: condition.series.t, v: condition.series.v.map((q) => q * dx) } } : {}),
  };
}

async function readText(path: string, issues: Issue[]): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    issues.push({ file: basename(path), path: '', message: 'no such file' });
    return '';
  }
}

/** Parsers report `file: line n: message`; split that into an Issue. */
function asIssue(problem: string): Issue {
  const match = /^([^:]+): (line [^:]+): (.*)$/.exec(problem);
  return match ? { file: match[1] as string, path: match[2] as string, message: match[3] as string } : { file: '', path: '', message: problem };
}
