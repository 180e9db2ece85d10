/**
 * Provenance of a pack's figures (issue 22): which fields are figures, the marker each one carries
 * — `sourced`, `estimate` or `none` — and, per class of figure, the share of its total that rests
 * on estimates, which is what a reviewer asks first. `renxing validate --provenance <pack>` prints
 * the report; a test holds the bundled pack to "no figure without a marker".
 *
 * A figure's marker comes from its feature (see `provenance-schema.ts`): a figure listed in
 * `estimated` is an estimate; otherwise a feature with a `source` — its own or, without one, its
 * file's — gives sourced figures (its `estimate` then says how they were converted or placed); a
 * feature with only an `estimate` gives estimates; anything else is `none`. The exposure's figure is each zone's building mix, marked by the stock
 * row the zone takes and weighted by the zone's residents.
 */
import type { PackData } from './pack-data.js';

export type Marker = 'sourced' | 'estimate' | 'none';
export const MARKERS: readonly Marker[] = ['sourced', 'estimate', 'none'];

/**
 * The figures of the river network, by feature kind: areas, volumes, residents and flows
 * (capacities, triggers, releases). Routing parameters (length, width, slope, roughness, curve
 * number, time of concentration) are estimates by method, said in each feature's `estimate` and
 * SOURCES.md's table of methods, and are not counted here.
 */
export const RIVER_FIGURES: Readonly<Record<string, readonly string[]>> = {
  subbasin: ['areaKm2'],
  station: ['safeDischargeM3s'],
  reservoir: ['crestStorageM3', 'floodLimitStorageM3', 'maxReleaseM3s'],
  'detention-basin': ['areaKm2', 'designVolumeM3', 'residents', 'activationDischargeM3s', 'gateCapacityM3s'],
  reach: ['capacityM3s', 'diversion.maxM3s'],
  compartment: ['zones'],
};

const UNIT: Record<string, string> = {
  areaKm2: 'km²', zones: 'km²', designVolumeM3: 'm³', crestStorageM3: 'm³', floodLimitStorageM3: 'm³', residents: 'people',
  activationDischargeM3s: 'm³/s', gateCapacityM3s: 'm³/s', maxReleaseM3s: 'm³/s', safeDischargeM3s: 'm³/s', capacityM3s: 'm³/s', 'diversion.maxM3s': 'm³/s',
};

export interface Figure {
  file: 'zones' | 'rivers' | 'lifelines' | 'shelters' | 'exposure';
  id: string;
  /** What the figure is, e.g. `power sources`, `detention-basin residents`; shares are taken within a class. */
  class: string;
  field: string;
  value: number;
  unit: string;
  marker: Marker;
}

interface Marked { source?: string; estimate?: string; estimated?: string[] }

/** The marker of one figure of a feature; `fileSource` is the `source` of the feature's file. */
export function markerOf(p: Marked, field: string, fileSource?: string): Marker {
  if (p.estimated?.includes(field)) return 'estimate';
  if ((p.source ?? fileSource) !== undefined) return 'sourced';
  return p.estimate !== undefined ? 'estimate' : 'none';
}

/** A figure field's value: a number, a dotted path into an object, or the sum of a record of areas (`zones`). */
export function figureValue(p: object, field: string): number | undefined {
  let v: unknown = p;
  for (const key of field.split('.')) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined;
  if (typeof v === 'number') return v;
  if (field === 'zones' && typeof v === 'object' && v !== null) return Object.values(v as Record<string, number>).reduce((s, x) => s + x, 0);
  return undefined;
}

/** Every figure of a pack with its marker. */
export function packFigures(data: PackData): Figure[] {
  const out: Figure[] = [];
  const add = (file: Figure['file'], p: Marked & { id: string }, cls: string, field: string, value: number, unit: string, fileSource?: string) => {
    out.push({ file, id: p.id, class: cls, field, value, unit, marker: markerOf(p, field, fileSource) });
  };
  for (const { properties: z } of data.zones.features) {
    add('zones', z, 'zones population', 'population', z.population, 'people', data.zones.source);
    add('zones', z, 'zones area', 'areaKm2', z.areaKm2, 'km²', data.zones.source);
  }
  for (const { properties: r } of data.rivers.features) {
    for (const field of RIVER_FIGURES[r.kind] ?? []) {
      const value = figureValue(r, field);
      if (value !== undefined) add('rivers', r, `${r.kind} ${field === 'zones' ? 'land' : field}`, field, value, UNIT[field] ?? '', data.rivers.source);
    }
  }
  for (const { properties: l } of data.lifelines.features) {
    if (l.capacity === undefined) continue;
    const transport = l.system === 'road' || l.system === 'rail';
    add('lifelines', l, `${l.system} ${l.kind === 'node' ? 'sources' : 'links'}`, 'capacity', l.capacity, transport ? 'people/h' : 'people', data.lifelines.source);
  }
  for (const { properties: s } of data.shelters.features) {
    if (s.kind !== 'hospital' || s.capacity > 0) add('shelters', s, 'shelter capacity', 'capacity', s.capacity, 'people', data.shelters.source);
    if (s.beds !== undefined) add('shelters', s, 'hospital beds', 'beds', s.beds, 'beds', data.shelters.source);
  }
  if (data.exposure) {
    const stock = data.exposure.stock;
    for (const { properties: z } of data.zones.features) {
      const row = stock.filter((s) => z.id.startsWith(s.zonesWithPrefix)).sort((a, b) => b.zonesWithPrefix.length - a.zonesWithPrefix.length)[0];
      const marker: Marker = !row ? 'none' : row.estimate !== undefined ? 'estimate' : row.source !== undefined ? 'sourced' : 'none';
      out.push({ file: 'exposure', id: z.id, class: 'building stock (residents)', field: row ? `stock ${row.zonesWithPrefix}` : 'stock', value: z.population, unit: 'people', marker });
    }
  }
  return out;
}

export interface ProvenanceClass {
  class: string;
  unit: string;
  count: Record<Marker, number>;
  total: Record<Marker, number>;
  /** Share of the class's total (capacity, volume, residents …) resting on estimates. */
  estimateShare: number;
}

/** Counts and totals of each class of figure by marker, in the order the classes first appear. */
export function provenanceReport(figures: readonly Figure[]): ProvenanceClass[] {
  const classes = new Map<string, ProvenanceClass>();
  for (const f of figures) {
    let c = classes.get(f.class);
    if (!c) {
      c = { class: f.class, unit: f.unit, count: { sourced: 0, estimate: 0, none: 0 }, total: { sourced: 0, estimate: 0, none: 0 }, estimateShare: 0 };
      classes.set(f.class, c);
    }
    c.count[f.marker] += 1;
    c.total[f.marker] += f.value;
  }
  for (const c of classes.values()) {
    const all = c.total.sourced + c.total.estimate + c.total.none;
    c.estimateShare = all > 0 ? c.total.estimate / all : 0;
  }
  return [...classes.values()];
}

/**
 * Problems with a pack's markers: figures without one, `estimated` naming a field that is not a
 * figure of the feature (or without a `source` to set it against), and `SOURCES.md#key`
 * references to keys that the pack's SOURCES.md does not define (`keys`: the backticked keys in
 * the first column of its tables).
 */
export function provenanceIssues(data: PackData, keys: ReadonlySet<string>): string[] {
  const issues: string[] = [];
  for (const f of packFigures(data)) if (f.marker === 'none') issues.push(`${f.file}: ${f.id}: ${f.field} ${f.value} has neither a source nor an estimate`);
  const check = (file: string, p: Marked & { id: string }, fields: readonly string[], fileSource?: string) => {
    for (const field of p.estimated ?? []) {
      if (!fields.includes(field)) issues.push(`${file}: ${p.id}: estimated names '${field}', which is not one of its figures (${fields.join(', ') || 'none'})`);
    }
    if (p.estimated && (p.source ?? fileSource) === undefined) issues.push(`${file}: ${p.id}: estimated without a source (every figure of a feature with only an estimate is an estimate)`);
    if (p.estimated && p.estimate === undefined) issues.push(`${file}: ${p.id}: estimated without the estimate that says how`);
    for (const item of (p.source ?? '').split(' ; ')) {
      const key = /^SOURCES\.md#(.+)$/.exec(item)?.[1];
      if (key !== undefined && !keys.has(key)) issues.push(`${file}: ${p.id}: source ${item} names no key of SOURCES.md`);
    }
  };
  for (const { properties: z } of data.zones.features) check('zones', z, ['population', 'areaKm2'], data.zones.source);
  for (const { properties: r } of data.rivers.features) check('rivers', r, (RIVER_FIGURES[r.kind] ?? []).filter((f) => figureValue(r, f) !== undefined), data.rivers.source);
  for (const { properties: l } of data.lifelines.features) check('lifelines', l, l.capacity === undefined ? [] : ['capacity'], data.lifelines.source);
  for (const { properties: s } of data.shelters.features) check('shelters', s, ['capacity', ...(s.beds === undefined ? [] : ['beds'])], data.shelters.source);
  return issues;
}

/** The keys a SOURCES.md defines: backticked words at the start of a table row's first cell (`| \`key\` | …`). */
export function sourcesKeys(md: string): Set<string> {
  return new Set([...md.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1] as string));
}

/** The report as text: one line per class, then the figures that carry no marker. */
export function formatProvenance(name: string, figures: readonly Figure[]): string {
  const report = provenanceReport(figures);
  const n = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 0 });
  const width = Math.max(5, ...report.map((c) => c.class.length));
  const lines = [
    `${name}: ${n(figures.length)} figures — sourced ${n(figures.filter((f) => f.marker === 'sourced').length)}, estimate ${n(figures.filter((f) => f.marker === 'estimate').length)}, none ${n(figures.filter((f) => f.marker === 'none').length)}`,
    '',
    `${'class'.padEnd(width)}  figures  sourced  estimate  none  on estimates (share of the class's total)`,
    ...report.map((c) => `${c.class.padEnd(width)}  ${n(c.count.sourced + c.count.estimate + c.count.none).padStart(7)}  ${n(c.count.sourced).padStart(7)}  ${n(c.count.estimate).padStart(8)}  ${n(c.count.none).padStart(4)}  ${(100 * c.estimateShare).toFixed(1).padStart(5)} % of ${n(c.total.sourced + c.total.estimate + c.total.none)} ${c.unit}`),
  ];
  const none = figures.filter((f) => f.marker === 'none');
  if (none.length > 0) lines.push('', 'without a marker:', ...none.map((f) => `  ${f.file}: ${f.id}: ${f.field} ${n(f.value)} ${f.unit}`));
  return `${lines.join('\n')}\n`;
}
