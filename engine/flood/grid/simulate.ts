import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { RenxingError } from '../../core/errors.js';
import { DIST_DIR } from '../../core/paths.js';
import { allocateArrays, type GridMemory } from './arrays.js';
import type { GridArrays, GridShape } from './inertial.js';
import { massRecord, massTotals, type MassRecord, type MassTotals } from './mass-balance.js';
import type { GridModel } from './model.js';
import { runStripLoop, type StripPlan } from './step-loop.js';
import { CTRL_SLOTS, barrierAsync, abortAll } from './barrier.js';

export const STRIP_WORKER = join(DIST_DIR, 'engine/flood/grid/strip.worker.js');

export interface GridResult {
  nx: number;
  ny: number;
  /** Output times (s). */
  times: number[];
  /** Depth (m) at each output time, NaN outside the data (empty when `keepDepths` is false). */
  depths: Float64Array[];
  maxDepth: Float64Array;
  maxSpeed: Float64Array;
  /** Time (s) the depth first reached `arrivalDepth`, NaN where it never did. */
  arrival: Float64Array;
  mass: MassRecord[];
  steps: number;
  workers: number;
  /** Wall seconds of the time loop alone (threads included, set-up and final copies excluded). */
  loopSeconds: number;
}

export interface SimulateOptions {
  /** 1 runs in this thread; more splits the rows into that many strips on worker threads. */
  workers: number;
  /**
   * Called at each output time with that interval's volumes and the depth (NaN off the data) —
   * undefined at times outside `depthTimes` when depths are not kept.
   */
  onOutput?: (index: number, t: number, depth: Float64Array | undefined, mass: MassRecord) => void;
  /** Keep every depth snapshot in the result (default true); writers that stream set false. */
  keepDepths?: boolean;
  /**
   * Output times whose depth the writer needs (default: all). The others only sum volumes: every
   * strip waits while an output is copied, and a volume-only interval (LISFLOOD-FP's massint)
   * need not copy the grid.
   */
  depthTimes?: ReadonlySet<number>;
}

/** Row strips as even as possible; never more strips than rows. */
export function splitRows(ny: number, strips: number): [number, number][] {
  const n = Math.min(strips, ny);
  return Array.from({ length: n }, (_, s) => [Math.floor((s * ny) / n), Math.floor(((s + 1) * ny) / n)]);
}

export function shapeOf(model: GridModel): GridShape {
  const { nx, ny, dx, faceCode, faceSource, sources, points, options } = model;
  return { nx, ny, dx, faceCode, faceSource, sources, points, options };
}

export function outputSchedule(model: GridModel): number[] {
  const { simTime, outputTimes } = model.options;
  return [...new Set([...outputTimes.filter((t) => t > 0 && t < simTime), simTime])].sort((x, y) => x - y);
}

interface Captured { index: number; t: number; depth: Float64Array | undefined; mass: MassRecord }

class Recorder {
  readonly times: number[] = [];
  readonly depths: Float64Array[] = [];
  readonly mass: MassRecord[] = [];
  delivered = 0;
  private last: MassTotals;

  constructor(private readonly model: GridModel, private readonly arrays: GridArrays, private readonly options: SimulateOptions) {
    this.last = massTotals(arrays, model.nx, model.ny, model.dx);
  }

  record(t: number): void {
    this.deliver(this.capture(t));
  }

  /** The state at output time t, copied while every strip waits. */
  capture(t: number): Captured {
    const { nx, ny, dx } = this.model;
    const keep = this.options.keepDepths ?? true;
    let depth: Float64Array | undefined;
    if (keep || (this.options.depthTimes?.has(t) ?? true)) {
      depth = this.arrays.h.slice();
      maskNoData(depth, this.model.z);
    }
    const now = massTotals(this.arrays, nx, ny, dx);
    const mass = massRecord(t, now, this.last);
    this.last = now;
    this.times.push(t);
    this.mass.push(mass);
    if (keep && depth) this.depths.push(depth);
    return { index: this.times.length - 1, t, depth, mass };
  }

  /** Hands a captured state to the caller's writer (which may run while the strips go on). */
  deliver(captured: Captured): void {
    this.options.onOutput?.(captured.index, captured.t, captured.depth, captured.mass);
    this.delivered++;
  }

  finish(steps: number, workers: number, loopSeconds: number): GridResult {
    const { arrays, model } = this;
    // Plain loops: Float64Array.from with a mapping function walks an iterator (~200 ms a million cells).
    const maxDepth = arrays.maxH.slice();
    const maxSpeed = new Float64Array(arrays.maxSpeed2.length);
    const arrival = new Float64Array(arrays.arrival.length);
    for (let c = 0; c < maxSpeed.length; c++) {
      maxSpeed[c] = Math.sqrt(arrays.maxSpeed2[c] as number);
      const t = arrays.arrival[c] as number;
      arrival[c] = t < 0 ? Number.NaN : t;
    }
    for (const field of [maxDepth, maxSpeed, arrival]) maskNoData(field, model.z);
    return { nx: model.nx, ny: model.ny, times: this.times, depths: this.depths, maxDepth, maxSpeed, arrival, mass: this.mass, steps, workers, loopSeconds };
  }
}

function maskNoData(field: Float64Array, z: Float64Array): void {
  for (let c = 0; c < field.length; c++) if (Number.isNaN(z[c])) field[c] = Number.NaN;
}

/**
 * Runs the 2D model. Results are bit-identical for any worker count: every cell's update reads
 * only its neighbours, Δt is an exact max-reduction, and mass is summed row by row in row order.
 */
export async function simulateGrid(model: GridModel, options: SimulateOptions): Promise<GridResult> {
  const { workers } = options;
  const limit = 4 * availableParallelism();
  if (!Number.isInteger(workers) || workers < 1 || workers > limit) throw new TypeError(`workers must be an integer from 1 to ${limit}, got ${String(workers)}`);
  const strips = splitRows(model.ny, workers);
  return strips.length === 1 ? simulateInThread(model, options) : simulateOnWorkers(model, strips, options);
}

function simulateInThread(model: GridModel, options: SimulateOptions): GridResult {
  const { arrays } = allocateArrays(model);
  const recorder = new Recorder(model, arrays, options);
  const plan: StripPlan = { r0: 0, r1: model.ny, strip: 0, stripMax: new Float64Array(1), outputTimes: outputSchedule(model), ...(model.rain ? { rain: model.rain } : {}) };
  const t0 = performance.now();
  const steps = runStripLoop(arrays, shapeOf(model), plan, {
    stepBarrier: () => undefined,
    output: (_k, t) => recorder.record(t),
  });
  return recorder.finish(steps, 1, (performance.now() - t0) / 1000);
}

export interface StripWorkerData {
  layout: GridMemory;
  shape: GridShape;
  plan: Omit<StripPlan, 'stripMax'>;
  stripMax: SharedArrayBuffer;
  ctrl: SharedArrayBuffer;
  strips: number;
}

async function simulateOnWorkers(model: GridModel, strips: [number, number][], options: SimulateOptions): Promise<GridResult> {
  if (!existsSync(STRIP_WORKER)) throw new RenxingError('RX_ERR_WORKER', `worker file ${STRIP_WORKER} is missing: run \`npm run build\``);
  const { arrays, layout } = allocateArrays(model);
  const recorder = new Recorder(model, arrays, options);
  const ctrl = new SharedArrayBuffer(CTRL_SLOTS * Int32Array.BYTES_PER_ELEMENT);
  const control = new Int32Array(ctrl);
  const stripMax = new SharedArrayBuffer(strips.length * Float64Array.BYTES_PER_ELEMENT);
  const outputTimes = outputSchedule(model);
  const shape = shapeOf(model);
  const t0 = performance.now();
  // Persistent workers, one per strip, for the whole run: they must all run at once to meet at the
  // barriers, which a shared task pool cannot promise, so the grid owns its threads.
  const threads = strips.map(([r0, r1], strip) => {
    const workerData: StripWorkerData = {
      layout, shape, stripMax, ctrl, strips: strips.length,
      plan: { r0, r1, strip, outputTimes, ...(model.rain ? { rain: model.rain } : {}) },
    };
    return new Worker(STRIP_WORKER, { workerData });
  });
  let failure: Error | undefined;
  const finished = threads.map((w, s) => new Promise<number>((resolve) => {
    let steps = 0;
    w.on('message', (m: { steps: number }) => { steps = m.steps; });
    w.on('error', (error) => {
      failure ??= new RenxingError('RX_ERR_WORKER', `grid strip ${s} failed: ${error.message}`, [], { cause: error });
      abortAll(control);
    });
    w.on('exit', () => resolve(steps));
  }));
  try {
    for (let k = 0; k < outputTimes.length; k++) {
      // Two meetings per output: all strips stop, the state is copied, all strips go on; the
      // output is written while they compute the next interval.
      if (!(await barrierAsync(control, strips.length + 1))) break;
      const captured = recorder.capture(outputTimes[k] as number);
      if (!(await barrierAsync(control, strips.length + 1))) break;
      recorder.deliver(captured);
    }
  } finally {
    if (recorder.delivered < outputTimes.length) abortAll(control);
  }
  const loopSeconds = (performance.now() - t0) / 1000;
  const steps = await Promise.all(finished);
  if (failure) throw failure;
  return recorder.finish(steps[0] ?? 0, strips.length, loopSeconds);
}
