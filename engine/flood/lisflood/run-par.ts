import { writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { ENGINE_VERSION } from '../../core/version.js';
import { formatAsciiGrid } from '../../io/ascii-grid.js';
import { encodeGeoTiff } from '../../io/geotiff.js';
import type { Raster } from '../../io/raster.js';
import { stageRunOutputs } from '../../io/write-run-outputs.js';
import type { MassRecord } from '../grid/mass-balance.js';
import { simulateGrid } from '../grid/simulate.js';
import { loadParModel } from './load-par-model.js';

export interface GridRunSummary {
  schemaVersion: 1;
  kind: 'grid';
  model: string;
  engineVersion: string;
  elapsedS: number;
  grid: { nx: number; ny: number; cellSize: number; xll: number; yll: number };
  simTimeS: number;
  steps: number;
  workers: number;
  maxDepthM: number;
  /** Area where the depth ever reached the arrival depth. */
  floodedAreaKm2: number;
  arrivalDepthM: number;
  maxRelativeMassError: number;
  mass: MassRecord[];
  files: string[];
  warnings: string[];
}

const pad = (k: number): string => String(k).padStart(4, '0');

/**
 * Runs a LISFLOOD-FP model and writes its outputs under the names LISFLOOD-FP users expect:
 * `<resroot>-NNNN.wd` (depth at each saveint, NNNN from 0001), `.max` (maximum depth), `.inittm`
 * (hours to first arrival), `.Vmax` (maximum speed), `.mass` (volumes per massint); plus
 * `max-depth.tif` and `summary.json`. The folder is replaced whole when the run succeeds.
 */
export async function runParModel(parPath: string, options: { out?: string; workers: number; now?: () => number }): Promise<{ summary: GridRunSummary; outDir: string }> {
  const now = options.now ?? ((): number => performance.now() / 1000);
  const started = now();
  const run = await loadParModel(parPath);
  const { model, resroot, saveTimes } = run;
  const outDir = resolve(options.out ?? run.outDir);
  const staged = await stageRunOutputs(outDir);
  const files: string[] = [];
  const grid = (data: Float64Array): Raster => ({ nx: model.nx, ny: model.ny, ...run.origin, cellSize: model.dx, data });
  const write = (name: string, content: string | Uint8Array): void => {
    writeFileSync(join(staged.dir, name), content);
    files.push(name);
  };
  try {
    const saveSet = new Set(saveTimes);
    let saved = 0;
    const result = await simulateGrid(model, {
      workers: options.workers,
      keepDepths: false,
      onOutput: (_k, t, depth) => { if (saveSet.has(t)) write(`${resroot}-${pad(++saved)}.wd`, formatAsciiGrid(grid(depth))); },
    });
    write(`${resroot}.max`, formatAsciiGrid(grid(result.maxDepth)));
    write(`${resroot}.inittm`, formatAsciiGrid(grid(result.arrival.map((t) => t / 3600))));
    write(`${resroot}.Vmax`, formatAsciiGrid(grid(result.maxSpeed)));
    write('max-depth.tif', new Uint8Array(encodeGeoTiff(grid(result.maxDepth))));
    const massTimes = new Set(run.massTimes.length > 0 ? run.massTimes : result.times);
    const massRows = result.mass.filter((m) => massTimes.has(m.t) || m.t === model.options.simTime);
    write(`${resroot}.mass`, formatMass(massRows));
    let flooded = 0;
    let maxDepth = 0;
    result.maxDepth.forEach((h) => {
      if (h >= model.options.arrivalDepth) flooded++;
      if (h > maxDepth) maxDepth = h;
    });
    const summary: GridRunSummary = {
      schemaVersion: 1, kind: 'grid', model: basename(parPath), engineVersion: ENGINE_VERSION, elapsedS: 0,
      grid: { nx: model.nx, ny: model.ny, cellSize: model.dx, xll: run.origin.xll, yll: run.origin.yll },
      simTimeS: model.options.simTime, steps: result.steps, workers: result.workers,
      maxDepthM: maxDepth, floodedAreaKm2: (flooded * model.dx * model.dx) / 1e6, arrivalDepthM: model.options.arrivalDepth,
      maxRelativeMassError: Math.max(0, ...result.mass.map((m) => m.relativeError)),
      mass: result.mass, files: [...files, 'summary.json'], warnings: run.warnings,
    };
    summary.elapsedS = Number((now() - started).toFixed(3));
    write('summary.json', `${JSON.stringify(summary, null, 2)}\n`);
    await staged.commit();
    return { summary, outDir };
  } catch (error) {
    await staged.discard();
    throw error;
  }
}

/** The mass file: one row per interval, volumes in m³ (LISFLOOD-FP's .mass carries the same quantities as rates). */
function formatMass(rows: MassRecord[]): string {
  const header = 'Time(s) Storage(m3) BoundaryIn(m3) BoundaryOut(m3) Rain(m3) PointNet(m3) StorageChange(m3) Error(m3) RelativeError';
  const lines = rows.map((m) => [m.t, m.storage, m.boundaryIn, m.boundaryOut, m.rain, m.pointNet, m.storageChange, m.error, m.relativeError].map((v) => (Number.isInteger(v) ? String(v) : v.toExponential(6))).join(' '));
  return `${[header, ...lines].join('\n')}\n`;
}
