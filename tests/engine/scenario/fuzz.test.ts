// Issue 24: a fuzz test of `renxing validate` over the scenario format. Scenarios are drawn from the
// schema's shapes with hostile values (huge and tiny numbers, NaN, infinities, wrong types), then
// written as YAML or JSON with text mutations (aliases, unresolved aliases, a "billion laughs",
// keys twice, deep nesting, too many keys, too many bytes). Every case must end as exit 0, or exit
// 2 with `<file>: <path>: <message>` lines, never a stack trace, within a time and memory bound.
// CI runs FUZZ_RUNS cases (default 60); `npm run fuzz` runs 2,000 (FUZZ_RUNS and FUZZ_SEED set it).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../engine/cli/program.js';
import { formatAsciiGrid } from '../../../engine/io/ascii-grid.js';
import { miniPack, writePack } from '../../fixtures/mini-pack.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 60);
const SEED = process.env['FUZZ_SEED'] === undefined ? undefined : Number(process.env['FUZZ_SEED']);
/** Per case: validate is a file read, a schema check and, for a region, a small pack. */
const CASE_MS = 15_000;
const RSS_BYTES = 3 * 1024 ** 3;

const number = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(0, -0, 1, -1, 1e308, -1e308, 5e-324, 1e-12, 2 ** 53, 24, 120, 1825, 8760, 1e6),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
);
const anything = fc.oneof(number, fc.string({ maxLength: 12 }), fc.constant(null), fc.boolean(), fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 3 }));
const hours = fc.oneof(number, fc.integer({ min: 0, max: 200 }));
const id = fc.oneof(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/), fc.string({ maxLength: 8 }));

const hazard = fc.oneof(
  fc.record({ type: fc.constant('earthquake'), epicenter: fc.tuple(number, number), magnitude: number, depthKm: number, strikeDeg: number, atH: hours, timeOfDay: fc.constantFrom('night', 'day', 'dusk') }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('rainfall'), durationH: hours, uniformMm: number, totalsMm: fc.dictionary(id, number, { maxKeys: 3 }), returnPeriodYears: number, scale: number, totalsCv: number, atH: hours, transposedFrom: fc.record({ scenario: fc.constantFrom('fuzz.yaml', '../x.yaml', 'nope.yaml'), onto: fc.dictionary(id, id, { maxKeys: 2 }) }) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('outage'), targets: fc.array(fc.oneof(id, fc.constant('corridor:north')), { maxLength: 3 }), atH: hours, restoreAtH: hours }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('designFlood'), node: id, hydrographM3s: fc.array(fc.tuple(number, number), { maxLength: 4 }), peakM3s: number, shapeFrom: fc.record({ scenario: fc.constantFrom('fuzz.yaml', 'nope.yaml'), node: id }) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.string({ maxLength: 10 }) }),
);

const regionScenario = fc.record({
  schemaVersion: fc.constantFrom(1, 1, 1, 2),
  id: fc.oneof(fc.constant('fuzz'), id),
  title: fc.string({ maxLength: 10 }),
  region: fc.constantFrom('./mini', './mini', 'capital-nope', '.', '/etc'),
  hazards: fc.array(hazard, { maxLength: 4 }),
  options: fc.record({ realizations: number, seed: number, horizonH: number }, { requiredKeys: [] }),
  startsAt: fc.constantFrom('1976-07-28T03:42:53+08:00', '2023-13-45T99:99+08:00', 'yesterday'),
  caveats: fc.array(fc.string({ maxLength: 20 }), { maxLength: 2 }),
}, { requiredKeys: ['schemaVersion', 'id', 'title', 'hazards'] });

const domainScenario = fc.record({
  schemaVersion: fc.constant(1),
  id: fc.constant('fuzz'),
  title: fc.constant('Fuzz'),
  hazards: fc.constant([]),
  domain: fc.record({
    dem: fc.constantFrom('dem.asc', 'missing.asc', '../../../etc/passwd'),
    manning: fc.oneof(number, fc.constant(0.03)),
    durationH: fc.oneof(number, fc.constant(1)),
    outputEveryH: number,
    boundaries: fc.array(fc.record({ side: fc.constantFrom('N', 'S', 'E', 'W', 'X'), type: fc.constantFrom('free', 'hfix', 'qvar', 'bogus'), value: number, from: number, to: number }, { requiredKeys: ['side', 'type'] }), { maxLength: 2 }),
    points: fc.array(fc.record({ at: fc.tuple(number, number), type: fc.constantFrom('qfix', 'qvar'), value: number, series: fc.array(fc.tuple(number, number), { maxLength: 3 }) }, { requiredKeys: ['at', 'type'] }), { maxLength: 2 }),
    rainfallMmPerH: fc.array(fc.tuple(number, number), { maxLength: 3 }),
  }, { requiredKeys: ['dem', 'manning', 'durationH'] }),
});

/** Replaces the `at`-th value met in a walk of `data` (mod their count) with `value`. */
function replaceValue(data: unknown, at: number, value: unknown): unknown {
  const slots: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach((child, k) => { slots.push({ parent: node, key: k }); walk(child); });
    else if (node !== null && typeof node === 'object') for (const [key, child] of Object.entries(node)) { slots.push({ parent: node as Record<string, unknown>, key }); walk(child); }
  };
  walk(data);
  const slot = slots[at % Math.max(1, slots.length)];
  if (slot) (slot.parent as Record<string | number, unknown>)[slot.key] = value;
  return data;
}

const laughs = ['lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]', ...Array.from({ length: 8 }, (_, k) => `lol${k + 1}: &l${k + 1} [${Array(9).fill(`*l${k}`).join(', ')}]`)].join('\n');

/** Text mutations of the written file, each one of the issue's reproductions. */
const TEXT_MUTATIONS: Record<string, (text: string, n: number) => string> = {
  none: (t) => t,
  alias: (t) => `${t.replace(/^title: /m, 'title: &t ')}\ndescription: *t\n`,
  unresolvedAlias: (t) => `${t}\ndescription: *nowhere\n`,
  manyAliases: (t, n) => `${t.replace(/^title: /m, 'title: &t ')}\ncaveats: [${Array(101 + n).fill('*t').join(', ')}]\n`,
  billionLaughs: (t) => `${t}\n${laughs}\n`,
  duplicateKey: (t) => (t.startsWith('{') ? `{"id": "again", ${t.slice(1)}` : `${t}\nid: again\n`),
  deepNesting: (t, n) => `${t}\ndescription: ${'['.repeat(n)}${']'.repeat(n)}\n`,
  manyKeys: (t) => `${t}\nriver: {${Array.from({ length: 20_001 }, (_, k) => `k${k}: 1`).join(', ')}}\n`,
  tooBig: (t) => `${t}\ndescription: "${'x'.repeat(1_000_001)}"\n`,
};

describe('fuzzing renxing validate (issue 24)', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'renxing-fuzz-'));
    await writePack(dir, miniPack());
    await writeFile(join(dir, 'dem.asc'), formatAsciiGrid({ nx: 4, ny: 3, xll: 0, yll: 0, cellSize: 10, data: new Float64Array(12).fill(1) }));
  });
  afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

  it(`ends every case as exit 0 or 2 with file: path: message lines (${RUNS} cases)`, async () => {
    const mutation = fc.record({
      scenario: fc.oneof({ weight: 3, arbitrary: regionScenario }, { weight: 1, arbitrary: domainScenario }),
      replacements: fc.array(fc.tuple(fc.nat(), anything), { maxLength: 3 }),
      text: fc.oneof({ weight: 6, arbitrary: fc.constant('none') }, { weight: 4, arbitrary: fc.constantFrom(...Object.keys(TEXT_MUTATIONS)) }),
      n: fc.integer({ min: 1, max: 120 }),
      json: fc.boolean(),
    });
    await fc.assert(fc.asyncProperty(mutation, async ({ scenario, replacements, text, n, json }) => {
      const data: unknown = structuredClone(scenario);
      for (const [at, value] of replacements) replaceValue(data, at, value);
      const name = json ? 'fuzz.json' : 'fuzz.yaml';
      const written = json ? JSON.stringify(data) : stringify(data, { aliasDuplicateObjects: false });
      await writeFile(join(dir, name), (TEXT_MUTATIONS[text] as (t: string, n: number) => string)(written, n));
      let out = '';
      let err = '';
      const started = performance.now();
      const code = await runCli(['validate', join(dir, name)], { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } });
      const elapsed = performance.now() - started;
      const context = `${text} ${name}: ${err.slice(0, 500)}`;
      expect([0, 2], context).toContain(code);
      if (code === 0) expect(out, context).toMatch(/: valid scenario '/);
      else {
        const lines = err.trimEnd().split('\n');
        expect(lines.length, context).toBeGreaterThan(0);
        for (const line of lines) expect(line, context).toMatch(/^[^\s:][^:\n]*: [^\n]+: [^\n]+$/);
      }
      expect(err, context).not.toMatch(/\n\s+at |internal error|node_modules|Error:/);
      expect(elapsed, context).toBeLessThan(CASE_MS);
      expect(process.memoryUsage().rss, context).toBeLessThan(RSS_BYTES);
    }), { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}), endOnFailure: true });
  });
});
