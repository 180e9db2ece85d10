import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue, RenxingError } from '../../../engine/core/errors.js';
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
