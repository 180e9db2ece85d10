import { createRng } from '../../parallel/rng.js';
import type { FromRiver } from '../../scenario/schema.js';
import type { TimeSeries } from '../grid/model.js';
import { simulateFloodRealization, type FloodInput } from './flood-stage.js';

/**
 * Couples the river-system model to a 2D domain: the hydrograph (seconds from the domain's
 * start, m³/s) leaving a river node, or leaving a reach over and through its levees, in the
 * river scenario's first realization (seed, realization 0 — the same draw its own run makes).
 * Samples before `startH` are dropped; the domain's t = 0 gets the value interpolated there.
 */
export function riverInflowSeries(flood: FloodInput, seed: number, from: FromRiver): { series?: TimeSeries; problem?: string } {
  const { network, dtS } = flood;
  const node = from.node === undefined ? -1 : network.nodeIds.indexOf(from.node);
  const reach = from.reach === undefined ? -1 : network.reaches.findIndex((r) => r.id === from.reach);
  if ((from.node === undefined) === (from.reach === undefined)) return { problem: 'give exactly one of node or reach' };
  if (from.node !== undefined && node < 0) return { problem: `unknown river node '${from.node}'` };
  if (from.reach !== undefined && reach < 0) return { problem: `unknown reach '${from.reach}'` };
  const result = simulateFloodRealization(flood, createRng(seed, 0, 'flood'));
  const q = node >= 0 ? (result.nodeOutflow[node] as Float64Array) : (result.overtopping[reach]?.spillM3s ?? new Float64Array(flood.steps + 1));
  const startS = (from.startH ?? 0) * 3600;
  const t: number[] = [];
  const v: number[] = [];
  q.forEach((value, k) => {
    const at = k * dtS - startS;
    if (at < 0) return;
    if (t.length === 0 && at > 0 && k > 0) {
      // The sample straddling the start: interpolate the domain's t = 0.
      const before = q[k - 1] as number;
      t.push(0);
      v.push(before + ((value - before) * (startS - (k - 1) * dtS)) / dtS);
    }
    t.push(at);
    v.push(value);
  });
  return t.length > 0 ? { series: { t, v } } : { problem: `the river run ends before hour ${from.startH ?? 0}` };
}
