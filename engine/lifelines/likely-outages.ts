/**
 * The outages a run's summary and plans assume: the deliberate cuts, and each tracked component (`tracked[column]`) out by a
 * hazard over the hours it is out in at least half of the realizations (from the per-realization
 * intervals the damage stage records). With one realization, that realization's outages.
 */
import type { MetricSeries } from '../parallel/ensemble.js';
import { CAUSE_BITS, INTERVAL_SLOTS, type Outage, type OutageCause } from './restoration.js';

export function likelyOutages(deliberate: readonly Outage[], tracked: Int32Array, values: Readonly<Record<string, MetricSeries>>): Outage[] {
  const series = values['lifelines.componentDownIntervals'];
  return [...deliberate, ...(series ? likelyStretches(series).map((s): Outage => ({ component: tracked[s.index] as number, fromH: s.fromH, untilH: s.untilH, cause: majorityCause(s.intervals, s.fromH, s.untilH) })) : [])];
}

/**
 * For a metric of down-intervals (INTERVAL_SLOTS slots of (from, until, cause bits) per item and
 * realization, −1 where unused): per item, each stretch of hours it is down in at least half of
 * the realizations, with the realizations' intervals it was read from.
 */
export function likelyStretches(series: MetricSeries): { index: number; fromH: number; untilH: number; intervals: { from: number; until: number; bits: number }[] }[] {
  const slots = INTERVAL_SLOTS;
  const items = series.width / (3 * slots);
  const realizations = series.values.length / series.width;
  const out: ReturnType<typeof likelyStretches> = [];
  for (let k = 0; k < items; k++) {
    const intervals: { from: number; until: number; bits: number }[] = [];
    for (let r = 0; r < realizations; r++) {
      for (let j = 0; j < slots; j++) {
        const at = r * series.width + (k * slots + j) * 3;
        const from = series.values[at] as number;
        if (from >= 0) intervals.push({ from, until: series.values[at + 1] as number, bits: series.values[at + 2] as number });
      }
    }
    if (intervals.length === 0) continue;
    // Sweep the interval ends in time order (ends before starts at one hour): the stretches where at least half are out.
    const events = intervals.flatMap((i): [number, number][] => [[i.from, 1], [i.until, -1]]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let count = 0;
    let startH = Number.NaN;
    for (const [t, step] of events) {
      const before = count;
      count += step;
      if (2 * before < realizations && 2 * count >= realizations) startH = t;
      else if (2 * before >= realizations && 2 * count < realizations) out.push({ index: k, fromH: startH, untilH: t, intervals });
    }
  }
  return out;
}

/** The hazard most of the realizations' intervals overlapping [from, until) name (the earthquake on a tie). */
function majorityCause(intervals: readonly { from: number; until: number; bits: number }[], from: number, until: number): OutageCause {
  let quakes = 0;
  let floods = 0;
  for (const i of intervals) {
    if (i.until <= from || i.from >= until) continue;
    if (i.bits & CAUSE_BITS.earthquake) quakes++;
    if (i.bits & CAUSE_BITS.flood) floods++;
  }
  return floods > quakes ? 'flood' : 'earthquake';
}
