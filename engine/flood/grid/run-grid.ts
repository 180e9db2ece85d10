import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ENGINE_VERSION } from '../../core/version.js';
import { encodeAsciiGrid } from '../../io/ascii-grid.js';
import { encodeGeoTiff } from '../../io/geotiff.js';
import { encodeFloat32, type Raster } from '../../io/raster.js';
import { stageRunOutputs } from '../../io/write-run-outputs.js';
import type { MassRecord } from './mass-balance.js';
import type { GridModel } from './model.js';
import { simulateGrid } from './simulate.js';

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
  /** Cells where the flow was certainly supercritical at some time (see supercriticalCells). */
  supercriticalCells: number;
  mass: MassRecord[];
  files: string[];
  warnings: string[];
}

/** Output file names: LISFLOOD-FP's for `.par` runs, DESIGN §5's for scenario domains. */
export interface GridNaming {
  depth(index: number, t: number): string[];
  /** Also write the starting depth as snapshot 0 (LISFLOOD-FP's `-0000`). */
  initialSnapshot: boolean;
  max: string[];
  arrival: string;
  speed: string;
  mass: string;
}

export const LISFLOOD_NAMING = (resroot: string): GridNaming => ({
  depth: (k) => [`${resroot}-${String(k).padStart(4, '0')}.wd`],
  initialSnapshot: true,
  max: [`${resroot}.max`, 'max-depth.tif'],
  arrival: `${resroot}.inittm`,
  speed: `${resroot}.Vmax`,
  mass: `${resroot}.mass`,
});

export const RENXING_NAMING: GridNaming = {
  depth: (_k, t) => [`depth-${t}.asc`, `depth-${t}.tif`],
  initialSnapshot: false,
  max: ['max-depth.asc', 'max-depth.tif'],
  arrival: 'arrival-time-h.asc',
  speed: 'max-speed.asc',
  mass: 'mass.txt',
};

/** For the API and the viewer: GeoTIFFs, and raw Float32 depths (`.f32`) the viewer colours itself. */
export const SERVICE_NAMING: GridNaming = {
  depth: (_k, t) => [`depth-${t}.tif`, `depth-${t}.f32`],
  initialSnapshot: false,
  max: ['max-depth.tif', 'max-depth.f32'],
  arrival: 'arrival-time-h.tif',
  speed: 'max-speed.tif',
  mass: 'mass.txt',
};

export interface GridRunPlan {
  label: string;
  model: GridModel;
  origin: { xll: number; yll: number };
  epsg?: number;
  saveTimes: number[];
  /** Times whose volumes go into the mass file (all output times when empty). */
  massTimes: number[];
  naming: GridNaming;
  warnings: string[];
}

/**
 * Runs a 2D model and writes depth at each save time, maximum depth, hours to first arrival,
 * maximum speed, the volume balance and `summary.json` into `outDir`, replaced whole on success.
 * Depth snapshots stream to disk as they come, so memory stays at one grid whatever the count.
 */
export async function runGridToFolder(plan: GridRunPlan, options: { outDir: string; workers: number; now?: () => number; onProgress?: (fraction: number) => void }): Promise<{ summary: GridRunSummary; outDir: string }> {
  const now = options.now ?? ((): number => performance.now() / 1000);
  const started = now();
  const { model, naming } = plan;
  const outDir = resolve(options.outDir);
  const staged = await stageRunOutputs(outDir);
  const files: string[] = [];
  const grid = (data: Float64Array): Raster => ({ nx: model.nx, ny: model.ny, ...plan.origin, cellSize: model.dx, data });
  const write = (names: string[], raster: Raster): void => {
    for (const name of names) {
      writeFileSync(join(staged.dir, name), name.endsWith('.tif') ? new Uint8Array(encodeGeoTiff(raster, plan.epsg)) : name.endsWith('.f32') ? encodeFloat32(raster.data) : encodeAsciiGrid(raster));
      files.push(name);
    }
  };
  try {
    const saveSet = new Set(plan.saveTimes);
    let saved = 0;
    if (naming.initialSnapshot) {
      const start = model.h0.map((h, c) => (Number.isNaN(model.z[c]) ? Number.NaN : h));
      write(naming.depth(0, 0), grid(start));
    }
    const result = await simulateGrid(model, {
      workers: options.workers,
      keepDepths: false,
      depthTimes: saveSet,
      onOutput: (_k, t, depth) => {
        if (depth && saveSet.has(t)) write(naming.depth(++saved, t), grid(depth));
        options.onProgress?.(t / model.options.simTime);
      },
    });
    write(naming.max, grid(result.maxDepth));
    write([naming.arrival], grid(result.arrival.map((t) => t / 3600)));
    write([naming.speed], grid(result.maxSpeed));
    const massTimes = new Set(plan.massTimes.length > 0 ? plan.massTimes : result.times);
    writeFileSync(join(staged.dir, naming.mass), formatMass(result.mass.filter((m) => massTimes.has(m.t) || m.t === model.options.simTime)));
    files.push(naming.mass);
    let flooded = 0;
    let maxDepth = 0;
    result.maxDepth.forEach((h) => {
      if (h >= model.options.arrivalDepth) flooded++;
      if (h > maxDepth) maxDepth = h;
    });
    const supercritical = supercriticalCells(result.maxDepth, result.maxSpeed, model.options.g, model.options.depthThreshold);
    const warnings = [...plan.warnings];
    if (supercritical > 0) {
      warnings.push(`the flow was supercritical (Froude number above 1) in ${supercritical} cell(s), ${((100 * supercritical) / Math.max(flooded, 1)).toFixed(1)} % of the flooded cells: the local-inertial equations leave out advection and do not hold there (Bates et al. 2010; de Almeida & Bates 2013), and depths and speeds may swing from cell to cell; treat those cells (the fast ones in the maximum-speed raster) as unreliable, or use finer cells or a full shallow-water model for steep ground`);
    }
    const summary: GridRunSummary = {
      schemaVersion: 1, kind: 'grid', model: plan.label, engineVersion: ENGINE_VERSION, elapsedS: 0,
      grid: { nx: model.nx, ny: model.ny, cellSize: model.dx, ...plan.origin },
      simTimeS: model.options.simTime, steps: result.steps, workers: result.workers,
      maxDepthM: maxDepth, floodedAreaKm2: (flooded * model.dx * model.dx) / 1e6, arrivalDepthM: model.options.arrivalDepth,
      maxRelativeMassError: Math.max(0, ...result.mass.map((m) => m.relativeError)), supercriticalCells: supercritical,
      mass: result.mass, files: [...files, 'summary.json'], warnings,
    };
    summary.elapsedS = Number((now() - started).toFixed(3));
    writeFileSync(join(staged.dir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
    await staged.commit();
    return { summary, outDir };
  } catch (error) {
    await staged.discard();
    throw error;
  }
}

/**
 * Cells whose flow was certainly supercritical at some time: the largest speed came at a depth no
 * greater than the largest depth, so maxSpeed / √(g·maxDepth) is a lower bound on the Froude
 * number at that moment, and above 1 the local-inertial scheme is outside its validity.
 */
export function supercriticalCells(maxDepth: Float64Array, maxSpeed: Float64Array, g: number, depthThreshold: number): number {
  let count = 0;
  maxDepth.forEach((h, c) => {
    if (h > depthThreshold && (maxSpeed[c] as number) > Math.sqrt(g * h)) count++;
  });
  return count;
}

/** The mass file: one row per interval, volumes in m³ (LISFLOOD-FP's .mass carries the same quantities as rates). */
function formatMass(rows: MassRecord[]): string {
  const header = 'Time(s) Storage(m3) BoundaryIn(m3) BoundaryOut(m3) Rain(m3) PointNet(m3) StorageChange(m3) Error(m3) RelativeError';
  const lines = rows.map((m) => [m.t, m.storage, m.boundaryIn, m.boundaryOut, m.rain, m.pointNet, m.storageChange, m.error, m.relativeError].map((v) => (Number.isInteger(v) ? String(v) : v.toExponential(6))).join(' '));
  return `${[header, ...lines].join('\n')}\n`;
}
