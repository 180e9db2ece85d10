import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue, RenxingError } from '../../../engine/core/errors.js';
import { PACK_DATA_LIMITS, SCENARIO_DATA_LIMITS } from '../../../engine/core/limits.js';
import { readDataFile } from '../../../engine/io/read-data-file.js';
import { withTempDir } from '../../fixtures/mini-pack.js';

async function failure(name: string, text: string | null): Promise<{ code: string; lines: string[] }> {
  return withTempDir(async (dir) => {
    const path = join(dir, name);
    if (text !== null) await writeFile(path, text);
    try {
      await readDataFile(path);
    } catch (error) {
      if (error instanceof RenxingError) return { code: error.code, lines: error.issues.map(formatIssue) };
      throw error;
    }
    throw new Error('expected a failure');
  });
}

describe('readDataFile', () => {
  it('reads YAML and JSON, ignoring a byte-order mark', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'a.yaml'), '\uFEFFa: 1\nb: [x, y]\n');
      await writeFile(join(dir, 'b.geojson'), '{"type":"FeatureCollection","features":[]}');
      expect(await readDataFile(join(dir, 'a.yaml'))).toEqual({ a: 1, b: ['x', 'y'] });
      expect(await readDataFile(join(dir, 'b.geojson'))).toEqual({ type: 'FeatureCollection', features: [] });
    });
  });

  it('names the line and column of a YAML error', async () => {
    const { code, lines } = await failure('quake.yaml', 'id: a\nhazards:\n  - type: earthquake\n   magnitude: 7\n');
    expect(code).toBe('RX_ERR_FILE_PARSE');
    expect(lines[0]).toMatch(/^quake\.yaml: \(root\): invalid YAML at line 4, column \d+: /);
  });

  it('refuses duplicate keys, which would otherwise hide a value', async () => {
    const { lines } = await failure('dup.yaml', 'seed: 1\nseed: 2\n');
    expect(lines[0]).toMatch(/^dup\.yaml: \(root\): invalid YAML at line 2, column 1: Map keys must be unique/);
  });

  it('reports invalid JSON and missing files', async () => {
    expect((await failure('x.json', '{"a": }')).lines[0]).toMatch(/^x\.json: \(root\): invalid JSON: /);
    expect(await failure('none.yaml', null)).toEqual({ code: 'RX_ERR_FILE_NOT_FOUND', lines: ['none.yaml: (root): no such file'] });
  });
});

describe('readDataFile limits (issue 24, defects 4 and 6)', () => {
  it('reports YAML alias problems as coded errors, never a library stack trace', async () => {
    expect(await failure('a.yaml', 'x: *nope\n')).toEqual({ code: 'RX_ERR_FILE_PARSE', lines: ['a.yaml: (root): invalid YAML at line 1, column 4: alias *nope has no anchor &nope before it'] });
    // "Billion laughs": nine levels of nine aliases each would expand to 9⁹ strings.
    const laughs = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]', ...'bcdefghi'.split('').map((n, k) => `${n}: &${n} [${Array(9).fill(`*${'abcdefghi'[k]}`).join(', ')}]`)].join('\n');
    expect(await failure('laughs.yaml', laughs)).toEqual({ code: 'RX_ERR_TOO_LARGE', lines: ['laughs.yaml: (root): its aliases expand to more than 100 nodes: nested aliases such as a "billion laughs" are refused'] });
    const harmless = ['base: &b 1', ...Array.from({ length: 150 }, (_, k) => `k${k}: *b`)].join('\n');
    expect(await failure('many.yaml', harmless)).toEqual({ code: 'RX_ERR_TOO_LARGE', lines: ['many.yaml: (root): has more than 100 aliases at line 102, column 7'] });
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'few.yaml'), 'base: &b [1, 2]\nx: *b\ny: *b\n');
      expect(await readDataFile(join(dir, 'few.yaml'))).toEqual({ base: [1, 2], x: [1, 2], y: [1, 2] });
    });
  });

  it('refuses a file over the size limit before reading it', async () => {
    const { code, lines } = await failure('big.yaml', `x: ${'a'.repeat(SCENARIO_DATA_LIMITS.bytes)}\n`);
    expect(code).toBe('RX_ERR_TOO_LARGE');
    expect(lines).toEqual([`big.yaml: (root): is ${(SCENARIO_DATA_LIMITS.bytes + 4).toLocaleString('en-US')} bytes, over the limit of ${SCENARIO_DATA_LIMITS.bytes.toLocaleString('en-US')} bytes`]);
  });

  it('counts keys and checks their uniqueness in linear time', async () => {
    const keys = (n: number): string => Array.from({ length: n }, (_, k) => `k${k}: 1`).join('\n');
    expect(await failure('keys.yaml', keys(SCENARIO_DATA_LIMITS.keys + 1))).toEqual({ code: 'RX_ERR_TOO_LARGE', lines: [`keys.yaml: (root): has more than ${SCENARIO_DATA_LIMITS.keys.toLocaleString('en-US')} keys`] });
    // 40,000 keys under a region pack's limits: the library's own duplicate check took 14–19 s; this one is linear.
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'keys.yaml'), `${keys(40_000)}\nk7: 2\n`);
      const started = performance.now();
      await expect(readDataFile(join(dir, 'keys.yaml'), 'keys.yaml', PACK_DATA_LIMITS)).rejects.toMatchObject({ issues: [{ message: "invalid YAML at line 40001, column 1: Map keys must be unique (duplicate key 'k7')" }] });
      expect(performance.now() - started).toBeLessThan(8000);
    });
  });

  it('refuses nesting past the limit in YAML and JSON', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect((await failure('deep.json', `{"a": ${deep}}`)).lines).toEqual([`deep.json: (root): nests deeper than ${SCENARIO_DATA_LIMITS.depth} levels at line 1, column ${7 + SCENARIO_DATA_LIMITS.depth - 1}`]);
    expect((await failure('deep.yaml', `a: ${'['.repeat(200)}${']'.repeat(200)}\n`)).lines[0]).toMatch(new RegExp(`^deep\\.yaml: \\(root\\): nests deeper than ${SCENARIO_DATA_LIMITS.depth} levels at line 1`));
  });

  it('refuses a key given twice in JSON, naming it with its line and column', async () => {
    expect(await failure('dup.json', '{"a": {"b": 1,\n  "b": 2}}')).toEqual({ code: 'RX_ERR_FILE_PARSE', lines: ["dup.json: (root): invalid JSON at line 2, column 3: duplicate key 'b' (keys must be unique)"] });
    expect(await failure('esc.json', '{"a\\u0062": 1, "ab": 2}')).toMatchObject({ lines: ["esc.json: (root): invalid JSON at line 1, column 16: duplicate key 'ab' (keys must be unique)"] });
    // The same key in different objects, and a value equal to a key, are fine.
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'ok.json'), '{"a": {"b": "a"}, "c": {"b": ["b", {"b": 1}]}}');
      expect(await readDataFile(join(dir, 'ok.json'))).toEqual({ a: { b: 'a' }, c: { b: ['b', { b: 1 }] } });
    });
  });
});
