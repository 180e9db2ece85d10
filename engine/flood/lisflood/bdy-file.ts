import type { TimeSeries } from '../grid/model.js';

const UNIT_SECONDS: Record<string, number> = { seconds: 1, second: 1, secs: 1, s: 1, minutes: 60, minute: 60, mins: 60, min: 60, hours: 3600, hour: 3600, hrs: 3600, days: 86400, day: 86400 };

/**
 * LISFLOOD-FP time series files (`.bdy`, also the `rainfall` file): a first line that is always
 * skipped, then for each series its name, a line `count units` (seconds, minutes, hours or days),
 * and `count` lines of `value time`; blank and `#` lines are skipped (input.cpp, LoadBCVar).
 * Times are returned in seconds.
 */
export function parseBdy(text: string, file: string, { named = true } = {}): { series: Map<string, TimeSeries>; problems: string[] } {
  const series = new Map<string, TimeSeries>();
  const problems: string[] = [];
  const lines = text.split(/\r?\n/).map((l, k) => ({ text: l.trim(), line: k + 1 })).slice(1).filter((l) => l.text !== '' && !l.text.startsWith('#'));
  let k = 0;
  while (k < lines.length) {
    const nameLine = lines[k] as { text: string; line: number };
    const name = named ? nameLine.text.split(/\s+/)[0] ?? '' : 'rainfall';
    if (named) k++;
    const header = lines[k];
    if (!header) {
      problems.push(`${file}: line ${nameLine.line}: series '${name}' has no 'count units' line`);
      break;
    }
    const [countText, unitText] = header.text.split(/\s+/);
    const count = Number(countText);
    const unit = UNIT_SECONDS[(unitText ?? '').toLowerCase()];
    if (!Number.isInteger(count) || count < 1) {
      // A series with more points than its count leaves its extra rows to be read as the next name and count.
      const previous = series.size > 0 ? ` (or the series before it, '${[...series.keys()].pop() ?? ''}', has more points than its count says)` : '';
      problems.push(`${file}: line ${header.line}: expected the number of points of '${name}', got '${countText ?? ''}'${previous}`);
      break;
    }
    if (!unit) {
      problems.push(`${file}: line ${header.line}: unknown time unit '${unitText ?? ''}' (seconds, minutes, hours or days)`);
      break;
    }
    const t: number[] = [];
    const v: number[] = [];
    for (let p = 0; p < count; p++) {
      const row = lines[k + 1 + p];
      const [value, time] = (row?.text ?? '').split(/\s+/).map(Number);
      if (!row || value === undefined || time === undefined || !Number.isFinite(value) || !Number.isFinite(time)) {
        problems.push(`${file}: line ${row?.line ?? 'end'}: expected 'value time' (point ${p + 1} of ${count} of '${name}')`);
        return { series, problems };
      }
      if (t.length > 0 && time * unit <= (t[t.length - 1] as number)) problems.push(`${file}: line ${row.line}: times of '${name}' must increase`);
      t.push(time * unit);
      v.push(value);
    }
    if (series.has(name)) problems.push(`${file}: line ${nameLine.line}: series '${name}' is defined twice`);
    series.set(name, { t, v });
    k += 1 + count;
    if (!named) break;
  }
  return { series, problems };
}
