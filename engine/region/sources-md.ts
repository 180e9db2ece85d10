/**
 * Keeps a pack's SOURCES.md from drifting away from its data (issue 22). Two tools:
 *
 * - **Generated blocks.** Counts and tabulated figures are written between
 *   `<!-- generated:NAME -->` and `<!-- /generated:NAME -->` by {@link renderSourcesBlocks}; a pack's
 *   derive script writes them ({@link applySourcesBlocks}) and a test fails when the file holds
 *   anything else ({@link staleSourcesBlocks}), as schemas exported from TypeBox are checked for drift.
 * - **Hand-written rows checked against the data** ({@link checkSourcesRows}): a table row whose
 *   first cell names a pack id in backticks must name one that exists, and the rows naming a
 *   river-network feature must quote each of its figures (area, volume, residents, flows) —
 *   in m³, km², people or m³/s, with `万`, `亿` or `×10^n` as written in Chinese sources.
 */
import type { PackData } from './pack-data.js';
import { figureValue, packFigures, provenanceReport, RIVER_FIGURES } from './provenance.js';

const BLOCK = /<!-- generated:([a-z0-9-]+) -->\n([\s\S]*?)<!-- \/generated:\1 -->/g;

/** Replaces the body of every generated block of `md` whose name is in `blocks`; other text is kept. */
export function applySourcesBlocks(md: string, blocks: ReadonlyMap<string, string>): string {
  return md.replace(BLOCK, (whole, name: string) => {
    const body = blocks.get(name);
    return body === undefined ? whole : `<!-- generated:${name} -->\n${body}<!-- /generated:${name} -->`;
  });
}

/** `md` with the bodies of its generated blocks taken out. */
export function withoutGeneratedBlocks(md: string): string {
  return md.replace(BLOCK, (_, name: string) => `<!-- generated:${name} -->\n<!-- /generated:${name} -->`);
}

/** The names of blocks that are missing from `md` or differ from what the data gives. */
export function staleSourcesBlocks(md: string, blocks: ReadonlyMap<string, string>): string[] {
  const found = new Map([...md.matchAll(BLOCK)].map((m) => [m[1] as string, m[2] as string]));
  return [...blocks].flatMap(([name, body]) => (found.get(name) === body ? [] : [found.has(name) ? `${name}: differs from the data (run the pack's derive:sources)` : `${name}: block missing`]));
}

const fmt = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 2 });
const KIND_ORDER = ['subbasin', 'station', 'reservoir', 'detention-basin', 'outlet', 'junction', 'reach', 'compartment'];
const PLURAL: Record<string, string> = { subbasin: 'sub-basins', station: 'stations', reservoir: 'reservoirs', 'detention-basin': 'detention basins', outlet: 'outlets', junction: 'junctions', reach: 'reaches', compartment: 'compartments' };
const PROVINCE: Record<string, string> = { '11': 'Beijing', '12': 'Tianjin', '13': 'Hebei' };

function countBy<T>(items: readonly T[], key: (x: T) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const x of items) out.set(key(x), (out.get(key(x)) ?? 0) + 1);
  return out;
}

/** The generated blocks of a pack's SOURCES.md, by name; each body ends with a newline. */
export function renderSourcesBlocks(data: PackData): Map<string, string> {
  const blocks = new Map<string, string>();
  const zones = data.zones.features.map((f) => f.properties);
  const byProvince = countBy(zones, (z) => PROVINCE[z.id.slice(0, 2)] ?? z.id.slice(0, 2));
  blocks.set('zones-counts', `${zones.length} zones (${[...byProvince].map(([p, n]) => `${p} ${n}`).join(', ')}), ${fmt(zones.reduce((s, z) => s + z.population, 0))} residents.\n`);

  const rivers = data.rivers.features.map((f) => f.properties);
  const kinds = countBy(rivers, (r) => r.kind);
  const kindList = [...kinds.keys()].sort((a, b) => KIND_ORDER.indexOf(a) - KIND_ORDER.indexOf(b)).map((k) => `${kinds.get(k) ?? 0} ${PLURAL[k] ?? k}`);
  blocks.set('rivers-counts', `It has **${rivers.length} features**: ${kindList.join(', ')}.\n`);

  const lifelines = data.lifelines.features.map((f) => f.properties);
  const systems = [...new Set(lifelines.map((p) => p.system))];
  const rows = systems.map((s) => {
    const of = lifelines.filter((p) => p.system === s);
    const nodes = of.filter((p) => p.kind === 'node');
    const role = (r: string) => nodes.filter((p) => p.kind === 'node' && p.role === r).length;
    return `| ${s} | ${of.length} | ${role('source')} | ${role('transfer')} | ${role('delivery')} | ${of.length - nodes.length} | ${of.filter((p) => p.capacity !== undefined).length} |`;
  });
  blocks.set('lifelines-counts', [`${lifelines.length} features:`, '', '| system | features | source nodes | transfer nodes | delivery nodes | links | with a capacity |', '|---|---|---|---|---|---|---|', ...rows, ''].join('\n'));

  const roads = lifelines.filter((p) => p.system === 'road' && p.kind === 'link');
  const flagged = (text: string) => roads.filter((p) => (p.estimate ?? '').includes(text)).length;
  blocks.set('road-flags', `In all, ${flagged('not checked against a cited route description')} of ${roads.length} road links carry this flag, ${flagged('Lanes not found')} have assumed lanes and ${flagged('Design speed not found')} an assumed design speed.\n`);

  const shelters = data.shelters.features.map((f) => f.properties);
  const shelterKinds = countBy(shelters, (s) => s.kind);
  const totals = [...countBy(shelters, (s) => s.zone.slice(0, 2)).keys()].sort().map((p) => {
    const of = shelters.filter((s) => s.zone.startsWith(p));
    return `${PROVINCE[p] ?? p} capacity ${fmt(of.reduce((s, x) => s + x.capacity, 0))}, beds ${fmt(of.reduce((s, x) => s + (x.beds ?? 0), 0))}`;
  });
  blocks.set('shelters-counts', `${shelters.length} features (${[...shelterKinds].map(([k, n]) => `${k} ${n}`).join(', ')}). Totals: ${totals.join('; ')}.\n`);

  if (data.exposure) {
    const classes = data.exposure.structureClasses.map((c) => c.id);
    const stockRows = data.exposure.stock.map((s) => {
      const total = classes.reduce((t, c) => t + (s.households[c] ?? 0), 0);
      const cells = classes.map((c) => `${fmt(s.households[c] ?? 0)} (${total > 0 ? (100 * (s.households[c] ?? 0) / total).toFixed(1) : '0.0'} %)`);
      return `| \`${s.zonesWithPrefix}\` | ${cells.join(' | ')} |`;
    });
    blocks.set('exposure-stock', [`${data.exposure.stock.length} stock rows (households, 10 % sample counts, and shares; a zone takes the row with the longest prefix of its id):`, '', `| zones | ${classes.join(' | ')} |`, `|---|${classes.map(() => '---').join('|')}|`, ...stockRows, ''].join('\n'));
  }

  const figures = packFigures(data);
  const report = provenanceReport(figures);
  const count = (m: string) => figures.filter((f) => f.marker === m).length;
  blocks.set('provenance', [
    `${figures.length} figures: ${count('sourced')} sourced, ${count('estimate')} estimates, ${count('none')} without a marker (\`renxing validate --provenance\` prints this table).`,
    '',
    '| class | figures | sourced | estimate | none | on estimates (share of the class\'s total) |',
    '|---|---|---|---|---|---|',
    ...report.map((c) => `| ${c.class} | ${c.count.sourced + c.count.estimate + c.count.none} | ${c.count.sourced} | ${c.count.estimate} | ${c.count.none} | ${(100 * c.estimateShare).toFixed(1)} % of ${fmt(c.total.sourced + c.total.estimate + c.total.none)} ${c.unit} |`),
    '',
  ].join('\n'));

  const riverRows = data.rivers.features.flatMap(({ properties: p }) => {
    const cells = (RIVER_FIGURES[p.kind] ?? []).flatMap((field) => {
      const value = figureValue(p, field);
      const marker = figures.find((x) => x.file === 'rivers' && x.id === p.id && x.field === field)?.marker;
      return value === undefined || marker === undefined ? [] : [`${field} ${fmt(value)} ${marker === 'sourced' ? '[S]' : marker === 'estimate' ? '[EST]' : '[none]'}`];
    });
    return cells.length > 0 && p.kind !== 'subbasin' ? [`| \`${p.id}\` | ${p.kind} | ${cells.join('; ')} |`] : [];
  });
  blocks.set('river-figures', ['The figures of every node, reach and compartment as the data holds them, with their markers (sub-basin areas are in the table of sub-basins below):', '', '| feature | kind | figures |', '|---|---|---|', ...riverRows, ''].join('\n'));
  return blocks;
}

/** Numbers in a piece of Markdown, with `万` (1e4), `亿` (1e8) and `×10^n` applied. */
export function numbersIn(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/(\d[\d,]*(?:\.\d+)?)\s*(?:[×x]\s*10\^(\d+)|(万|亿))?/g)) {
    const base = Number((m[1] as string).replace(/,/g, ''));
    const scale = m[2] !== undefined ? 10 ** Number(m[2]) : m[3] === '万' ? 1e4 : m[3] === '亿' ? 1e8 : 1;
    out.push(base * scale);
  }
  return out;
}

const PACK_ID = /`((?:sub|stn|res|dtb|jct|out|rch|cmp|power|water|gas|telecom|supplies|road|rail|air)-[a-z0-9-]+)`/g;

/**
 * Checks the hand-written table rows of SOURCES.md against the data: every pack id named in a
 * row's first cell exists, and the rows naming a river-network feature quote each of its
 * figures. Returns one message per problem.
 */
export function checkSourcesRows(md: string, data: PackData): string[] {
  const ids = new Set([
    ...data.rivers.features.map((f) => f.properties.id),
    ...data.lifelines.features.map((f) => f.properties.id),
  ]);
  const rowsOf = new Map<string, string[]>();
  const problems: string[] = [];
  // Generated tables quote the data by construction: only the hand-written rows are checked.
  for (const line of withoutGeneratedBlocks(md).split('\n')) {
    if (!line.startsWith('|')) continue;
    const first = line.split('|')[1] ?? '';
    for (const m of first.matchAll(PACK_ID)) {
      const id = m[1] as string;
      if (!ids.has(id)) problems.push(`SOURCES.md names \`${id}\`, which is not in the pack: ${line.slice(0, 80)}…`);
      else rowsOf.set(id, [...(rowsOf.get(id) ?? []), line]);
    }
  }
  for (const f of data.rivers.features) {
    const p = f.properties;
    const rows = rowsOf.get(p.id);
    if (!rows) continue;
    const quoted = rows.flatMap(numbersIn);
    // Every scalar figure (a compartment's land is a table of zones, tabulated by the derive script).
    for (const field of (RIVER_FIGURES[p.kind] ?? []).filter((x) => x !== 'zones')) {
      const value = figureValue(p, field);
      if (value === undefined) continue;
      if (!quoted.some((q) => Math.abs(q - value) <= 1e-9 * Math.max(1, Math.abs(value)))) {
        problems.push(`SOURCES.md: the rows naming \`${p.id}\` do not quote its ${field} ${fmt(value)}`);
      }
    }
  }
  return problems;
}
