import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../engine/cli/program.js';
import { formatIssue, RenxingError } from '../../../engine/core/errors.js';
import { formatAsciiGrid } from '../../../engine/io/ascii-grid.js';
import { loadAnyScenario } from '../../../engine/scenario/load-scenario.js';
import { withTempDir } from '../../fixtures/mini-pack.js';
import { OUTPUT_MANIFEST } from '../../../engine/io/write-run-outputs.js';

const NX = 30;
const NY = 12;
const dem = formatAsciiGrid({ nx: NX, ny: NY, xll: 0, yll: 0, cellSize: 20, data: Float64Array.from({ length: NX * NY }, (_, c) => 5 - 0.1 * (c % NX)) });
const scenario = {
  schemaVersion: 1, id: 'sloping-plain', title: 'Sloping plain, point inflow and rain', hazards: [],
  domain: {
    dem: 'dem.asc', manning: 0.03, durationH: 1, outputEveryH: 0.5, epsg: 32650,
    boundaries: [{ side: 'E', type: 'free' }],
    points: [{ at: [50, 130], type: 'qvar', series: [[0, 0], [1200, 4], [3600, 0]] }],
    rainfallMmPerH: [[0, 20], [3600, 20]],
  },
};

async function withDomain<T>(edit: (s: typeof scenario & Record<string, unknown>) => void, fn: (path: string, dir: string) => Promise<T>): Promise<T> {
  return withTempDir(async (dir) => {
    await writeFile(join(dir, 'dem.asc'), dem);
    const s = structuredClone(scenario) as typeof scenario & Record<string, unknown>;
    edit(s);
    await writeFile(join(dir, 'plain.yaml'), stringify(s));
    return fn(join(dir, 'plain.yaml'), dir);
  });
}

const problems = async (edit: (s: typeof scenario & Record<string, unknown>) => void): Promise<string[]> =>
  withDomain(edit, async (path) => loadAnyScenario(path).then(() => [], (e: unknown) => {
    if (e instanceof RenxingError) return e.issues.map(formatIssue);
    throw e;
  }));

describe('scenario with a raster domain', () => {
  it('loads the DEM and its forcing into a 2D model', async () => {
    await withDomain(() => undefined, async (path) => {
      const loaded = await loadAnyScenario(path);
      expect(loaded.kind).toBe('domain');
      if (loaded.kind !== 'domain') return;
      expect([loaded.domain.model.nx, loaded.domain.model.ny, loaded.domain.model.dx]).toEqual([NX, NY, 20]);
      expect(loaded.domain.saveTimes).toEqual([1800, 3600]);
      expect(loaded.domain.model.rain?.v[0]).toBeCloseTo(20 / 3.6e6, 15);
    });
  });

  it('runs from the CLI and writes depth and maximum rasters in both formats', async () => {
    await withDomain(() => undefined, async (path, dir) => {
      let out = '';
      const code = await runCli(['run', path, '--out', join(dir, 'out'), '--workers', '2'], { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => true } });
      expect(code).toBe(0);
      expect(out).toMatch(/2D local-inertial run of plain\.yaml/);
      expect((await readdir(join(dir, 'out'))).sort()).toEqual([
        OUTPUT_MANIFEST, 'arrival-time-h.asc', 'depth-1800.asc', 'depth-1800.tif', 'depth-3600.asc', 'depth-3600.tif', 'mass.txt', 'max-depth.asc', 'max-depth.tif', 'max-speed.asc', 'summary.json',
      ]);
    });
  });

  it('needs exactly one of region and domain, and no hazards beside a domain', async () => {
    expect(await problems((s) => { s['region'] = 'capital'; })).toEqual(['plain.yaml: (root): give exactly one of region (a region pack) or domain (a raster flood domain)']);
    expect(await problems((s) => { (s as { hazards: unknown[] }).hazards = [{ type: 'outage', targets: ['x'] }]; })).toEqual([
      'plain.yaml: hazards[0]: a domain scenario takes its forcing from domain (boundaries, points, rainfallMmPerH); hazards must be empty',
    ]);
  });

  it('names a missing raster, and boundaries or points that do not fit the DEM', async () => {
    expect(await problems((s) => { s.domain.dem = 'nope.asc'; })).toEqual(['nope.asc: (root): no such file or unreadable (from plain.yaml domain.dem)']);
    expect(await problems((s) => { s.domain.points = [{ at: [5000, 5000], type: 'qfix', series: [[0, 1]] }]; s.domain.boundaries = [{ side: 'W', type: 'hvar' }]; })).toEqual([
      // Issue 24, defect 9: the solver's words for things (boundary 1, point 1) come back as the scenario's fields.
      'plain.yaml: domain.boundaries[0]: boundary 1 (W HVAR): HVAR needs a time series',
      'plain.yaml: domain.points[0]: point 1 (5000, 5000): outside the DEM',
    ]);
    expect(await problems((s) => { (s.domain as Record<string, unknown>)['manning'] = 'very rough'; })).toEqual(['very rough: (root): no such file or unreadable (from plain.yaml domain.manning)']);
  });
});
