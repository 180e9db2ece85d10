import { type GridArrays, type GridShape, cellMaxDepth, limitOutflow, stageMaxDepth, timeStep, updateDepths, updateFluxes } from './inertial.js';
import { valueAt, type TimeSeries } from './model.js';

/** How strips meet: a barrier between phases, and a hand-over at each output time. */
export interface StripSync {
  stepBarrier(): void;
  output(index: number, t: number): void;
}

export interface StripPlan {
  r0: number;
  r1: number;
  strip: number;
  /** One slot per strip: each strip's largest depth, reduced by every strip to the same Δt. */
  stripMax: Float64Array;
  /** Output times (s), ascending, the last equal to the end time. */
  outputTimes: number[];
  rain?: TimeSeries;
}

/**
 * Every time in (0, end) where an inflow or rain series changes slope, ascending. Stage series are
 * left out: they set no volume, and a dense one (a boundary sampled every few seconds) would
 * chop the steps for nothing.
 */
function volumeBreaks(m: GridShape, rain: TimeSeries | undefined, end: number): number[] {
  const times = new Set<number>();
  const flows = m.sources.filter((s) => s.kind.startsWith('q')).map((s) => s.series);
  for (const series of [...flows, ...(rain ? [rain] : [])]) for (const t of series.t) if (t > 0 && t < end) times.add(t);
  return [...times].sort((a, b) => a - b);
}

function evaluate(m: GridShape, t: number, out: Float64Array): Float64Array {
  m.sources.forEach((s, k) => { out[k] = valueAt(s.series, t); });
  return out;
}

/**
 * The time loop of one strip of rows. Every strip runs it in lock-step: Δt comes from the maximum
 * over all strips' depths (an exact reduction), so all strips take identical steps and the
 * result does not depend on how the grid was split. Returns the number of steps taken.
 */
export function runStripLoop(a: GridArrays, m: GridShape, plan: StripPlan, sync: StripSync): number {
  const { r0, r1, strip, stripMax, outputTimes } = plan;
  // Boundary values at the start of a step set its CFL limit; those at mid-step drive it. Steps
  // also stop at every breakpoint of an inflow or rain series, so the midpoint rule integrates a
  // piecewise-linear hydrograph's volume exactly.
  const atStart = new Float64Array(m.sources.length);
  const atMid = new Float64Array(m.sources.length);
  const breaks = volumeBreaks(m, plan.rain, outputTimes[outputTimes.length - 1] ?? 0);
  let t = 0;
  let next = 0;
  let nextBreak = 0;
  let steps = 0;
  evaluate(m, t, atStart);
  stripMax[strip] = Math.max(cellMaxDepth(a, m.nx, r0, r1), stageMaxDepth(a, m, atStart, r0, r1));
  sync.stepBarrier();
  while (next < outputTimes.length) {
    const target = outputTimes[next] as number;
    while (nextBreak < breaks.length && (breaks[nextBreak] as number) <= t) nextBreak++;
    const stop = Math.min(target, breaks[nextBreak] ?? target);
    let hmax = 0;
    for (const v of stripMax) if (v > hmax) hmax = v;
    const dt = timeStep(hmax, m, stop - t);
    evaluate(m, t + dt / 2, atMid);
    updateFluxes(a, m, atMid, dt, r0, r1);
    sync.stepBarrier();
    limitOutflow(a, m, dt, r0, r1);
    sync.stepBarrier();
    const rain = plan.rain ? valueAt(plan.rain, t + dt / 2) : 0;
    const cellMax = updateDepths(a, m, atMid, rain, dt, t, r0, r1);
    t = dt >= stop - t ? stop : t + dt;
    steps++;
    evaluate(m, t, atStart);
    stripMax[strip] = Math.max(cellMax, stageMaxDepth(a, m, atStart, r0, r1));
    sync.stepBarrier();
    if (t >= target) {
      sync.output(next, t);
      next++;
    }
  }
  return steps;
}
