/**
 * What the viewer needs of the API (issue 23): runs the command line made listed with the
 * server's own (defect 6), a run's own scenario file (its calendar start for replays), data
 * folders named on `renxing serve` (defect 4), and a metre-grid DEM refused under a degree CRS.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../api/app.js';
import { runCli, serveOptions } from '../../engine/cli/program.js';
import { formatAsciiGrid } from '../../engine/io/ascii-grid.js';
import { withTempDir } from '../fixtures/mini-pack.js';

describe('the API for the viewer', () => {
  it('lists a run the command line wrote, once, with its layers, and answers what-if on it', async () => {
    await withTempDir(async (dir) => {
      const out = join(dir, 'out');
      let stdout = '';
      const code = await runCli(['run', join(process.cwd(), 'scenarios', 'tangshan-1976.yaml'), '--out', join(out, 'tangshan-1976'), '--realizations', '4', '--workers', '1'], { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => true } });
      expect(code, stdout).toBe(0);
      const db = join(dir, 'runs.db');
      for (let start = 0; start < 2; start++) {
        // A server restarted on the same database imports the unchanged result once.
        const app = await build({ dbPath: db, workers: 1, importRunsFrom: [out] });
        try {
          const runs = (await app.inject({ url: '/runs' })).json<{ id: string; scenarioId: string; title: string; status: string }[]>();
          expect(runs).toHaveLength(1);
          const [run] = runs as [{ id: string; scenarioId: string; title: string; status: string }];
          expect(run).toMatchObject({ scenarioId: 'tangshan-1976', title: 'Tangshan 1976 replay (Ms 7.8)', status: 'succeeded' });
          const summary = (await app.inject({ url: `/runs/${run.id}/summary` })).json<{ realizations: number; seed: number }>();
          expect([summary.realizations, summary.seed]).toEqual([4, 1976]);
          expect((await app.inject({ url: `/runs/${run.id}/layers/zones.geojson` })).statusCode).toBe(200);
          expect((await app.inject({ url: `/runs/${run.id}/scenario` })).json()).toMatchObject({ id: 'tangshan-1976', startsAt: '1976-07-28T03:42:53+08:00' });
          const whatIf = await app.inject({ method: 'POST', url: '/whatif', payload: { runId: run.id, cut: ['corridor:beijing-tianjin'] } });
          expect(whatIf.statusCode).toBe(200);
        } finally {
          await app.close();
        }
      }
    });
  });

  it('takes data folders from renxing serve --data-dir (repeatable) and the CLI output folder', async () => {
    const options = serveOptions({ port: 8080, host: '127.0.0.1', db: 'x.db', dataDir: ['/a', '/b'], runsFrom: [] }, undefined);
    expect(options.dataRoots).toEqual(['/a', '/b']);
    expect(options.importRunsFrom).toEqual([join(process.cwd(), 'out')]);
    let help = '';
    await runCli(['serve', '--help'], { stdout: { write: (s: string) => (help += s) }, stderr: { write: (s: string) => (help += s) } });
    expect(help).toMatch(/--data-dir <dir>[\s\S]*repeatable/);
    expect(help).toMatch(/--runs-from <dir>/);
  });

  it('refuses a geographic EPSG code for a DEM in metres, naming the field', async () => {
    await withTempDir(async (dir) => {
      await mkdir(join(dir, 'dem'));
      await writeFile(join(dir, 'dem', 'dem.asc'), formatAsciiGrid({ nx: 4, ny: 3, xll: 430_000, yll: 4_400_000, cellSize: 50, data: new Float64Array(12) }));
      const app = await build({ dbPath: ':memory:', workers: 1, dataRoots: [dir] });
      try {
        const scenario = { schemaVersion: 1, id: 'g', title: 'G', hazards: [], domain: { dem: join(dir, 'dem', 'dem.asc'), manning: 0.03, durationH: 1, epsg: 4326, rainfallMmPerH: [[0, 10], [3600, 10]] } };
        const response = await app.inject({ method: 'POST', url: '/runs', payload: { scenario } });
        expect(response.statusCode).toBe(400);
        expect(response.json<{ details: { path: string; message: string }[] }>().details).toContainEqual(expect.objectContaining({ path: 'domain.epsg', message: expect.stringMatching(/^EPSG:4326 is a geographic CRS in degrees/) as unknown }));
      } finally {
        await app.close();
      }
    });
  });
});
