import { type GridArrays, type GridShape, advanceStrip, cellMaxDepth, stageMaxDepth, timeStep } from './inertial.js';
import { meanOver, valueAt, type TimeSeries } from './model.js';

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

function evaluate(m: GridShape, t: number, out: Float64Array): Float64Array {
  m.sources.forEach((s, k) => { out[k] = valueAt(s.series, t); });
  return out;
}

/** What drives a step: a stage at mid-step; a flow as its mean over the step, so its volume is exact. */
function evaluateStep(m: GridShape, t: number, dt: number, out: Float64Array): Float64Array {
  m.sources.forEach((s, k) => { out[k] = s.kind.startsWith('q') ? meanOver(s.series, t, t + dt) : valueAt(s.series, t + dt / 2); });
  return out;
}

/**
 * The time loop of one strip of rows. Every strip runs it in lock-step: Δt comes from the maximum
 * over all strips' depths (an exact reduction), so all strips take identical steps and the
 * result does not depend on how the grid was split. Returns the number of steps taken.
 */
export function runStripLoop(a: GridArrays, m: GridShape, plan: StripPlan, sync: StripSync): number {
  const { r0, r1, strip, stripMax, outputTimes } = plan;
  // Boundary values at the start of a step set its CFL limit; stages at mid-step and flows and
  // rain averaged over the step drive it. Averaging integrates a hydrograph's volume exactly
  // without cutting steps at its breakpoints: the scheme's staggered q and h lose accuracy when
  // step lengths jump about (the planar wave's error doubled when steps stopped every 5 s).
  const atStart = new Float64Array(m.sources.length);
  const atMid = new Float64Array(m.sources.length);
  let t = 0;
  let next = 0;
  let steps = 0;
  evaluate(m, t, atStart);
  stripMax[strip] = Math.max(cellMaxDepth(a, m.nx, r0, r1), stageMaxDepth(a, m, atStart, r0, r1));
  sync.stepBarrier();
  while (next < outputTimes.length) {
    const target = outputTimes[next] as number;
    let hmax = 0;
    for (const v of stripMax) if (v > hmax) hmax = v;
    const dt = timeStep(hmax, m, target - t);
    evaluateStep(m, t, dt, atMid);
    const rain = plan.rain ? meanOver(plan.rain, t, t + dt) : 0;
    const cellMax = advanceStrip(a, m, atMid, rain, dt, t, r0, r1, () => sync.stepBarrier());
    t = dt >= target - t ? target : t + dt;
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
