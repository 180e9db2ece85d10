import { cp, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue, RenxingError } from '../../../../engine/core/errors.js';
import { PACKAGE_ROOT } from '../../../../engine/core/paths.js';
import { formatAsciiGrid, parseAsciiGrid } from '../../../../engine/io/ascii-grid.js';
import { readGeoTiff } from '../../../../engine/io/geotiff.js';
import { parseBci } from '../../../../engine/flood/lisflood/bci-file.js';
import { parseBdy } from '../../../../engine/flood/lisflood/bdy-file.js';
import { loadParModel } from '../../../../engine/flood/lisflood/load-par-model.js';
import { runParModel } from '../../../../engine/flood/lisflood/run-par.js';
import { runCli } from '../../../../engine/cli/program.js';
import { OUTPUT_MANIFEST } from '../../../../engine/io/write-run-outputs.js';
import { withTempDir } from '../../../fixtures/mini-pack.js';

const FIXTURE = join(PACKAGE_ROOT, 'tests/fixtures/lisflood');

async function copyFixture(dir: string): Promise<string> {
  await cp(FIXTURE, join(dir, 'model'), { recursive: true });
  return join(dir, 'model', 'valley.par');
}

describe('LISFLOOD-FP boundary files', () => {
  it('reads .bdy series with their time units, in seconds', () => {
    const { series, problems } = parseBdy('comment\nin1\n3 hours\n1 0\n# a note\n2 0.5\n0 1\n\nin2\n2 seconds\n5 0\n6 10\n', 'x.bdy');
    expect(problems).toEqual([]);
    expect(series.get('in1')).toEqual({ t: [0, 1800, 3600], v: [1, 2, 0] });
    expect(series.get('in2')).toEqual({ t: [0, 10], v: [5, 6] });
  });

  it('names the line of a bad .bdy or .bci entry', () => {
    expect(parseBdy('c\nin1\n3 fortnights\n1 0\n', 'x.bdy').problems).toEqual(["x.bdy: line 3: unknown time unit 'fortnights' (seconds, minutes, hours or days)"]);
    expect(parseBdy('c\nin1\n2 minute\n1 0\n2 1\n3 2\nin2\n1 seconds\n5 0\n', 'x.bdy').problems).toEqual([
      "x.bdy: line 7: expected the number of points of '3', got 'in2' (or the series before it, 'in1', has more points than its count says)",
    ]);
    expect(parseBci('N 0 100 HFIX 1\nQ 0 1 FREE\nW 0 100 HVAR\nE 0 100 WEIR 2\n', 'x.bci').problems).toEqual([
      "x.bci: line 2: expected N, S, E, W or P first, got 'Q'",
      'x.bci: line 3: HVAR needs the name of a series in the .bdy file',
      "x.bci: line 4: unknown boundary type 'WEIR' (expected FREE, HFIX, HVAR, QFIX, QVAR)",
    ]);
  });
});

describe('loadParModel', () => {
  it('builds the model and warns about keywords it does not apply', async () => {
    const run = await loadParModel(join(FIXTURE, 'valley.par'));
    expect([run.model.nx, run.model.ny, run.model.dx]).toEqual([20, 10, 50]);
    expect(run.model.options).toMatchObject({ simTime: 1800, maxDt: 10, theta: 0.8, outputTimes: [300, 600, 900, 1200, 1500, 1800] });
    expect(run.saveTimes).toEqual([600, 1200, 1800]);
    expect(run.model.sources.map((s) => s.kind)).toEqual(['hvar', 'free', 'qfix']);
    expect(Array.from(run.model.faceCode.west)).toEqual([0, 0, 0, 2, 2, 2, 2, 0, 0, 0]);
    expect(run.model.points).toEqual([{ cell: 4 * 20 + 10, source: 2 }]);
    // A point's QFIX is per unit width, like an edge's: 0.01 m²/s × 50 m cells = 0.5 m³/s.
    expect(run.model.sources[2]?.series.v).toEqual([0.5]);
    expect(run.model.options.arrivalDepth).toBe(0.001);
    expect(run.warnings).toEqual(["valley.par: line 14: keyword 'ch_start' is not supported by renxing and was not applied"]);
  });

  it('reports every problem of a broken model at once', async () => {
    await withTempDir(async (dir) => {
      const par = await copyFixture(dir);
      await writeFile(par, (await readFile(par, 'utf8')).replace('sim_time        1800', 'sim_time soon').replace('valley.asc', 'missing.asc'));
      await writeFile(join(dir, 'model', 'valley.bci'), 'W 4400150 4400350 HVAR nowhere\n');
      const error = await loadParModel(par).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RenxingError);
      expect((error as RenxingError).issues.map(formatIssue)).toEqual(["valley.par: line 5 sim_time: expected a number, got 'soon'"]);
      await writeFile(par, (await readFile(par, 'utf8')).replace('sim_time soon', 'sim_time 100'));
      const second = (await loadParModel(par).catch((e: unknown) => e)) as RenxingError;
      expect(second.issues.map(formatIssue)).toEqual([
        'missing.asc: (root): no such file or unreadable',
        "valley.bci: line 1: series 'nowhere' is not in the .bdy file",
      ]);
    });
  });
});

describe('loadParModel on doubtful input', () => {
  it('refuses a number keyword without its number and a resroot with folders', async () => {
    await withTempDir(async (dir) => {
      const par = await copyFixture(dir);
      await writeFile(par, `${(await readFile(par, 'utf8')).replace(/^resroot.*$/m, 'resroot sub/valley')}\nsaveint\n`);
      const error = (await loadParModel(par).catch((e: unknown) => e)) as RenxingError;
      expect(error.issues.map(formatIssue)).toEqual([
        expect.stringMatching(/^valley\.par: line \d+ resroot: expected a file-name stem without folders \(put the folder in dirroot\), got 'sub\/valley'$/),
        expect.stringMatching(/^valley\.par: line \d+ saveint: expected a number, got nothing$/),
      ]);
    });
  });

  it("takes fpfric where the Manning's n file has no value, and refuses such a file without fpfric", async () => {
    await withTempDir(async (dir) => {
      const par = await copyFixture(dir);
      const demText = await readFile(join(dir, 'model', 'valley.asc'), 'utf8');
      const dem = parseAsciiGrid(demText, 'valley.asc');
      // n everywhere 0.04 but the first column, which has none.
      await writeFile(join(dir, 'model', 'n.asc'), formatAsciiGrid({ ...dem, data: dem.data.map((_, c) => (c % dem.nx === 0 ? Number.NaN : 0.04)) }));
      const text = `${await readFile(par, 'utf8')}\nmanningfile n.asc\n`;
      await writeFile(par, text);
      const run = await loadParModel(par);
      const fpfric = Number(/^fpfric\s+(\S+)/m.exec(text)?.[1]);
      expect(run.model.manning[0]).toBe(fpfric);
      expect(run.model.manning[1]).toBe(0.04);
      await writeFile(par, text.replace(/^fpfric.*$/m, ''));
      const error = (await loadParModel(par).catch((e: unknown) => e)) as RenxingError;
      expect(error.issues.map(formatIssue)).toEqual([expect.stringMatching(/Manning's n raster has no value on \d+ cell\(s\) where the DEM has ground$/)]);
    });
  });

  it('leaves the model folder as it was when its results go beside the inputs (dirroot .)', async () => {
    await withTempDir(async (dir) => {
      const par = await copyFixture(dir);
      await writeFile(par, `${(await readFile(par, 'utf8')).replace(/^dirroot.*$/m, '')}\ndirroot .\n`);
      await writeFile(join(dir, 'model', 'notes.txt'), 'mine');
      const before = await readdir(join(dir, 'model'));
      await runParModel(par, { workers: 1 });
      await runParModel(par, { workers: 1 });
      const after = await readdir(join(dir, 'model'));
      for (const name of before) expect(after).toContain(name);
      expect(await readFile(join(dir, 'model', 'notes.txt'), 'utf8')).toBe('mine');
      expect(after).toContain('valley.max');
    });
  });
});

describe('runParModel', () => {
  it('writes LISFLOOD-FP named outputs, a GeoTIFF and a summary', async () => {
    await withTempDir(async (dir) => {
      const par = await copyFixture(dir);
      const { summary, outDir } = await runParModel(par, { workers: 2 });
      expect(outDir).toBe(join(dir, 'model', 'results'));
      expect((await readdir(outDir)).sort()).toEqual([OUTPUT_MANIFEST, 'max-depth.tif', 'summary.json', 'valley-0000.wd', 'valley-0001.wd', 'valley-0002.wd', 'valley-0003.wd', 'valley.Vmax', 'valley.inittm', 'valley.mass', 'valley.max']);
      const wd = parseAsciiGrid(await readFile(join(outDir, 'valley-0003.wd'), 'utf8'), 'valley-0003.wd');
      expect([wd.nx, wd.ny, wd.xll, wd.yll, wd.cellSize]).toEqual([20, 10, 500000, 4400000, 50]);
      expect(wd.data[2 * 20 + 7]).toBeNaN(); // the no-data cell stays no-data
      const max = parseAsciiGrid(await readFile(join(outDir, 'valley.max'), 'utf8'), 'valley.max');
      expect(Math.max(...max.data.filter((v) => !Number.isNaN(v)))).toBeCloseTo(summary.maxDepthM, 3);
      const tif = await readGeoTiff(join(outDir, 'max-depth.tif'));
      expect(tif.xll).toBe(500000);
      tif.data.forEach((v, c) => { if (!Number.isNaN(v)) expect(v).toBeCloseTo(max.data[c] as number, 3); });
      expect(summary.maxRelativeMassError).toBeLessThan(1e-9);
      expect(summary.floodedAreaKm2).toBeGreaterThan(0);
      const mass = (await readFile(join(outDir, 'valley.mass'), 'utf8')).trim().split('\n');
      expect(mass).toHaveLength(1 + 6);
    });
  });

  it('validates from the CLI, printing the warning (exit 0)', async () => {
    let out = '';
    let err = '';
    const code = await runCli(['validate', join(FIXTURE, 'valley.par')], { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } });
    expect(code).toBe(0);
    expect(out).toMatch(/valid LISFLOOD-FP model \(20 × 10 cells of 50 m, 1800 s\)/);
    expect(err).toMatch(/ch_start/);
  });

  it('runs from the CLI, printing the warning (exit 0)', async () => {
    await withTempDir(async (dir) => {
      const par = await copyFixture(dir);
      let out = '';
      let err = '';
      const code = await runCli(['run', par, '--out', join(dir, 'o'), '--workers', '1'], { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } });
      expect(code).toBe(0);
      expect(err).toMatch(/warning: valley\.par: line 14: keyword 'ch_start' is not supported/);
      expect(out).toMatch(/2D local-inertial run of valley\.par/);
    });
  });
});
