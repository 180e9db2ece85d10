/**
 * Numbers as a planner reads them: in Chinese with 万 (10⁴) and 亿 (10⁸) once they are large, in
 * English with thousands separators; shares as percentages; hours as calendar time for replays.
 */
import { lang } from './i18n/i18n.js';

/** A count: 6,132,000 → "613.2万" in Chinese, "6,132,000" in English. */
export function count(x: number): string {
  if (!Number.isFinite(x)) return '–';
  const n = Math.round(x);
  if (lang() === 'zh') {
    const a = Math.abs(n);
    if (a >= 1e8) return `${trim(n / 1e8, a >= 1e10 ? 0 : 2)}亿`;
    if (a >= 1e4) return `${trim(n / 1e4, a >= 1e6 ? 0 : 1)}万`;
    return String(n);
  }
  return n.toLocaleString('en-US');
}

const trim = (x: number, digits: number): string => Number(x.toFixed(digits)).toLocaleString('en-US', { maximumFractionDigits: digits });

export const decimal = (x: number, digits: number): string => (Number.isFinite(x) ? x.toFixed(digits) : '–');
export const share = (x: number): string => `${Math.round(x * 100)}%`;
export const signed = (x: number): string => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${count(Math.abs(x))}`;

/** Calendar time `hours` after `startsAt` (ISO 8601 with offset), in the event's own offset: "1976-07-28 07:42". */
export function clockAt(startsAt: string, hours: number): string {
  const offset = /([+-])(\d{2}):(\d{2})$/.exec(startsAt);
  const offsetMin = offset ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) : 0;
  const local = new Date(Date.parse(startsAt) + hours * 3_600_000 + offsetMin * 60_000);
  const iso = local.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}
