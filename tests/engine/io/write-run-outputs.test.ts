import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTPUT_MANIFEST, removeStaleStaging, writeRunOutputs } from '../../../engine/io/write-run-outputs.js';
import { withTempDir } from '../../fixtures/mini-pack.js';

describe('writeRunOutputs', () => {
  it('writes the files, then replaces the previous result whole and nothing else', async () => {
    await withTempDir(async (dir) => {
      const out = join(dir, 'run');
      await writeRunOutputs(out, { 'summary.json': '{"v":1}', 'old.geojson': '{}' });
      // A file that is not ours (a model's input, a note) shares the folder.
      await writeFile(join(out, 'model.par'), 'DEMfile dem.asc');
      await writeRunOutputs(out, { 'summary.json': '{"v":2}' });
      expect((await readdir(out)).sort()).toEqual([OUTPUT_MANIFEST, 'model.par', 'summary.json']);
      expect(await readFile(join(out, 'summary.json'), 'utf8')).toBe('{"v":2}');
      expect(await readFile(join(out, 'model.par'), 'utf8')).toBe('DEMfile dem.asc');
      expect((await readdir(dir)).filter((f) => f.startsWith('.'))).toEqual([]);
    });
  });

  it('leaves the previous result untouched when a write fails', async () => {
    await withTempDir(async (dir) => {
      const out = join(dir, 'run');
      await writeRunOutputs(out, { 'summary.json': 'good' });
      await expect(writeRunOutputs(out, { 'summary.json': 'new', '../escape.json': 'x' })).rejects.toThrow(/plain file name/);
      expect(await readFile(join(out, 'summary.json'), 'utf8')).toBe('good');
      expect(await readdir(dir)).toEqual(['run']);
    });
  });

  it('fails cleanly when the output folder cannot be made', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'file'), 'x');
      await expect(writeRunOutputs(join(dir, 'file', 'run'), { 'summary.json': '{}' })).rejects.toThrow(/ENOTDIR|EEXIST/);
    });
  });
});

describe('staging left by a killed run (issue 24, defect 5)', () => {
  it('is removed by the next run into the same folder when its process is gone', async () => {
    await withTempDir(async (dir) => {
      const out = join(dir, 'run');
      // A pid that cannot be alive (above Linux's pid_max of 2^22), and this process's own.
      const dead = join(dir, '.run.staging-9999999-abc-def');
      const mine = join(dir, `.run.staging-${process.pid}-abc-def`);
      await mkdir(dead);
      await writeFile(join(dead, 'depth-1.asc'), 'x');
      await mkdir(mine);
      expect(await removeStaleStaging(out)).toEqual(['.run.staging-9999999-abc-def']);
      await mkdir(dead);
      await writeRunOutputs(out, { 'summary.json': '{}' });
      expect((await readdir(dir)).sort()).toEqual([`.run.staging-${process.pid}-abc-def`, 'run']);
    });
  });
});
