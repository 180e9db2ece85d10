/**
 * The outages a run's summary and plans assume: the deliberate cuts, and each component out by a
 * hazard over the hours it is out in at least half of the realizations (from the per-realization
 * intervals the damage stage records). With one realization, that realization's outages.
 */
import type { MetricSeries } from '../parallel/ensemble.js';
import type { Outage, OutageCause } from './restoration.js';

/** Cause codes the damage stage records per component: bit 1 earthquake, bit 2 flood. */
export const CAUSE_BITS: Readonly<Record<Exclude<OutageCause, 'outage'>, number>> = { earthquake: 1, flood: 2 };

export function likelyOutages(deliberate: readonly Outage[], values: Readonly<Record<string, MetricSeries>>): Outage[] {
  const from = values['lifelines.componentDownFromH'];
  const until = values['lifelines.componentUpAtH'];
  const causes = values['lifelines.componentDownCause'];
  if (!from || !until || !causes) return [...deliberate];
  const width = from.width;
  const realizations = from.values.length / width;
  const out: Outage[] = [...deliberate];
  for (let k = 0; k < width; k++) {
    const events: [number, number][] = [];
    let quakes = 0;
    let floods = 0;
    for (let r = 0; r < realizations; r++) {
      const f = from.values[r * width + k] as number;
      if (f < 0) continue;
      events.push([f, 1], [until.values[r * width + k] as number, -1]);
      const bits = causes.values[r * width + k] as number;
      if (bits & CAUSE_BITS.earthquake) quakes++;
      if (bits & CAUSE_BITS.flood) floods++;
    }
    if (events.length === 0) continue;
    const cause: OutageCause = floods > quakes ? 'flood' : 'earthquake';
    // Sweep the interval ends in time order (ends before starts at one hour): the stretches where at least half are out.
    events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let count = 0;
    let startH = Number.NaN;
    for (const [t, step] of events) {
      const before = count;
      count += step;
      if (2 * before < realizations && 2 * count >= realizations) startH = t;
      else if (2 * before >= realizations && 2 * count < realizations) out.push({ component: k, fromH: startH, untilH: t, cause });
    }
  }
  return out;
}
