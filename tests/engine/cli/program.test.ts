import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_REGIONS_DIR, BUNDLED_SCENARIOS_DIR } from '../../../engine/core/paths.js';
import { runCli } from '../../../engine/cli/program.js';
import { miniPack, withTempDir, writePack } from '../../fixtures/mini-pack.js';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } });
  return { code, out, err };
}

const baseline = join(BUNDLED_SCENARIOS_DIR, 'baseline.yaml');

describe('renxing validate', () => {
  it('accepts every bundled scenario and pack (exit 0)', async () => {
    const result = await cli('validate', baseline, join(BUNDLED_REGIONS_DIR, 'capital'), join(BUNDLED_REGIONS_DIR, 'capital', 'region.yaml'));
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/valid scenario 'baseline'/);
    expect(result.out).toMatch(/valid region pack 'capital' \(199 zones, 9 circles, 13 groups\)/);
  });

  it('rejects a broken file with one line per problem (exit 2)', async () => {
    await withTempDir(async (dir) => {
      const bad = join(dir, 'tangshan.yaml');
      await writeFile(bad, 'schemaVersion: 1\nid: tangshan-1976\ntitle: T\nregion: capital\nhazards:\n  - type: earthquake\n    epicenter: [118.18, 39.63]\n    magnitude: 12\n    depthKm: 12\n');
      const result = await cli('validate', baseline, bad);
      expect(result.code).toBe(2);
      expect(result.err).toBe('tangshan.yaml: hazards[0].magnitude: must be ≤ 9.5\n');
      expect(result.out).toMatch(/valid scenario 'baseline'/);
    });
  });

  it('says when a path does not exist (exit 2)', async () => {
    expect(await cli('validate', 'no/such.yaml')).toMatchObject({ code: 2, err: 'no/such.yaml: (root): no such file or folder\n' });
  });
});

describe('renxing run', () => {
  it('writes summary.json and layers and prints the summary (exit 0)', async () => {
    await withTempDir(async (dir) => {
      const out = join(dir, 'out');
      const result = await cli('run', baseline, '--out', out, '--workers', '1');
      expect(result.code).toBe(0);
      expect(result.out).toMatch(/199 zones, 110,369,339 residents/);
      expect(result.out).toMatch(/Commuting circle\s+3\s+28\s+28,758,551/);
      const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { totals: { population: number } };
      expect(summary.totals.population).toBe(110_369_339);
      expect(existsSync(join(out, 'zones.geojson'))).toBe(true);
    });
  });

  it('prints an earthquake replay with its intensity model and the components it most often breaks', async () => {
    await withTempDir(async (dir) => {
      const result = await cli('run', join(BUNDLED_SCENARIOS_DIR, 'sanhe-pinggu-1679.yaml'), '--out', join(dir, 'q'), '--realizations', '8', '--workers', '1');
      expect(result.code).toBe(0);
      expect(result.out).toMatch(/Residents at intensity \(Yu et al\. 2013 attenuation, elliptical isoseismals\) at least: VI [\d,]+/);
      expect(result.out).toMatch(/earthquake damage, share of realizations out of service \(still out at the horizon\): [a-z0-9-]+ \d+% \(\d+%\)/);
      // Issue 19: seekers by the earthquake's share, needs in planning units, the casualty check.
      expect(result.out).toMatch(/seeking public shelter [\d,]+ \(earthquake 37% of those it displaces\)/);
      expect(result.out).toMatch(/food: need [\d,]+ people-days a day/);
      expect(result.out).toMatch(/Deaths by Chinese casualty models \(a check beside Hazus's [\d,]+\): 尹之潜 \(collapse ratio\) [\d,]+ \(5–95%: [\d,]+–[\d,]+\); PAGER China \(intensity\) [\d,]+/);
      expect(result.out).not.toMatch(/kcal\/day|L\/day/);
    });
  });

  it('prints JSON with --json and honours --realizations and --seed', async () => {
    await withTempDir(async (dir) => {
      const result = await cli('run', baseline, '--out', join(dir, 'o'), '--json', '--realizations', '3', '--seed', '7');
      expect(result.code).toBe(0);
      expect(JSON.parse(result.out)).toMatchObject({ realizations: 3, seed: 7, scenario: 'baseline' });
    });
  });

  it('exits 2 on bad options and bad input', async () => {
    expect((await cli('run', baseline, '--workers', 'many')).code).toBe(2);
    expect((await cli('run', baseline, '--realizations', '0')).code).toBe(2);
    expect((await cli('run', 'missing.yaml')).code).toBe(2);
    expect(await cli('run', 'model.par')).toMatchObject({ code: 2, err: 'model.par: (root): no such file\n' });
  });

  it('exits 1 when the run fails for a reason other than its input', async () => {
    await withTempDir(async (dir) => {
      await writeFile(join(dir, 'file'), 'x');
      const result = await cli('run', baseline, '--out', join(dir, 'file', 'run'), '--workers', '1');
      expect(result.code).toBe(1);
      expect(result.err).toMatch(/^renxing: internal error: .*(ENOTDIR|EEXIST)/);
    });
  });
});

describe('renxing list', () => {
  it('lists bundled regions and scenarios', async () => {
    const result = await cli('list', '--json');
    expect(result.code).toBe(0);
    const listed = JSON.parse(result.out) as { regions: { id: string; zones: number }[]; scenarios: { id: string }[] };
    expect(listed.regions).toContainEqual(expect.objectContaining({ id: 'capital', zones: 199 }));
    expect(listed.scenarios.map((s) => s.id)).toContain('baseline');
  });
});

describe('renxing validate --provenance', () => {
  it('lists a pack\'s figures by marker and the share of each class resting on estimates (exit 0)', async () => {
    const result = await cli('validate', '--provenance', join(BUNDLED_REGIONS_DIR, 'capital'));
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/figures — sourced [\d,]+, estimate [\d,]+, none 0/);
    expect(result.out).toMatch(/^power sources\s+\d+\s+\d+\s+\d+\s+0\s+[\d.]+ % of [\d,]+ people$/m);
    expect(result.err).toBe('');
  });

  it('fails a pack whose figures carry no marker, naming them (exit 2)', async () => {
    await withTempDir(async (dir) => {
      const packDir = await writePack(dir, miniPack());
      const result = await cli('validate', '--provenance', packDir);
      expect(result.code).toBe(2);
      expect(result.out).toMatch(/without a marker:\n {2}zones: a: population 1,000 people/);
      expect(result.err).toMatch(/zones: a: population 1000 has neither a source nor an estimate/);
    });
  });
});
