import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { formatIssue, RenxingError } from '../../../engine/core/errors.js';
import { BUNDLED_SCENARIOS_DIR } from '../../../engine/core/paths.js';
import { HAZARD_MODELS } from '../../../engine/scenario/hazard-models.js';
import { loadScenario } from '../../../engine/scenario/load-scenario.js';
import { HazardSchema } from '../../../engine/scenario/schema.js';
import { miniPack, withTempDir, writePack } from '../../fixtures/mini-pack.js';

const base = { schemaVersion: 1, id: 'test-scenario', title: 'Test', region: './mini', hazards: [] as unknown[] };

/** Writes the mini pack and a scenario beside it, loads it, and returns the issue lines (or [] if valid). */
async function load(scenario: Record<string, unknown>, name = 'scenario.yaml'): Promise<{ code?: string; lines: string[] }> {
  return withTempDir(async (dir) => {
    await writePack(dir, miniPack());
    await writeFile(join(dir, name), stringify(scenario));
    try {
      await loadScenario(join(dir, name));
      return { lines: [] };
    } catch (error) {
      if (error instanceof RenxingError) return { code: error.code, lines: error.issues.map(formatIssue) };
      throw error;
    }
  });
}

describe('loadScenario', () => {
  it('loads the bundled baseline with its region and default options', async () => {
    const { scenario, region } = await loadScenario(join(BUNDLED_SCENARIOS_DIR, 'baseline.yaml'));
    expect(scenario.file.id).toBe('baseline');
    expect(scenario.options).toEqual({ realizations: 1, seed: 1, horizonH: 120 });
    expect(region.id).toBe('capital');
  });

  it('lets overrides win over the file', async () => {
    const { scenario } = await loadScenario(join(BUNDLED_SCENARIOS_DIR, 'baseline.yaml'), { realizations: 8, seed: 9 });
    expect(scenario.options).toEqual({ realizations: 8, seed: 9, horizonH: 120 });
  });

  it('resolves a region given as a path relative to the scenario', async () => {
    expect(await load(base)).toEqual({ lines: [] });
  });

  it('rejects a region that does not exist', async () => {
    expect(await load({ ...base, region: 'atlantis' })).toEqual({
      code: 'RX_ERR_INVALID_INPUT',
      lines: ["scenario.yaml: region: region 'atlantis' is neither a bundled pack (capital) nor a pack folder"],
    });
  });

  it('has a model for every hazard type the format defines, so none is ever silently ignored', () => {
    const types = HazardSchema.anyOf.map((variant) => variant.properties.type.const);
    expect(types).toEqual(['earthquake', 'rainfall', 'outage', 'designFlood']);
    for (const type of types) expect(HAZARD_MODELS.has(type), type).toBe(true);
  });

  it("checks an earthquake against its model's validity and the region's reach", async () => {
    const quake = { type: 'earthquake', epicenter: [100.2, 25.6], magnitude: 3.2, depthKm: 12 };
    const { lines } = await load({ ...base, hazards: [quake] }, 'quake.yaml');
    expect(lines[0]).toBe('quake.yaml: hazards[0].magnitude: Ms 3.2 is outside the range of yu-2013-eastern (Ms 4–8.5)');
    expect(lines[1]).toMatch(/^quake\.yaml: hazards\[0\]\.epicenter: lies 2\d{3} km from the nearest zone of region 'mini' \(more than 300 km\)/);
    expect(lines).toHaveLength(2);
  });

  it('refuses the eastern intensity relation with another region\'s ground motion', async () => {
    const quake = { type: 'earthquake', epicenter: [116.2, 40.2], magnitude: 6, depthKm: 12, gmpe: 'yu-2013-tibet', intensityModel: 'yu-2013-intensity-eastern' };
    expect((await load({ ...base, hazards: [quake] }, 'quake.yaml')).lines).toEqual([
      'quake.yaml: hazards[0].intensityModel: yu-2013-intensity-eastern is the eastern strong-earthquake region\'s relation; with gmpe yu-2013-tibet use intensityModel gb-t-17742-2020',
    ]);
  });

  it('gives the exact schema message for a bad field', async () => {
    const quake = { type: 'earthquake', epicenter: [118.18, 39.63], magnitude: 9.8, depthKm: 12 };
    expect((await load({ ...base, hazards: [quake] }, 'tangshan.yaml')).lines).toEqual(['tangshan.yaml: hazards[0].magnitude: must be ≤ 9.5']);
  });

  it('checks rainfall forms and sub-basin references', async () => {
    const rain = { type: 'rainfall', durationH: 72, totalsMm: { 'yongding-sanjiadian': 450 }, uniformMm: 100 };
    expect((await load({ ...base, hazards: [rain] })).lines).toEqual([
      'scenario.yaml: hazards[0]: give exactly one of totalsMm, uniformMm, returnPeriodYears or transposedFrom',
      "scenario.yaml: hazards[0].totalsMm.yongding-sanjiadian: unknown sub-basin 'yongding-sanjiadian' in region 'mini'",
      "scenario.yaml: hazards[0]: region 'mini' has no sub-basins in rivers.geojson yet, so rain cannot be routed",
    ]);
  });

  it('checks outage targets and restore times', async () => {
    const cut = { type: 'outage', targets: ['corridor:beijing-zhangjiakou', 'sub-500kv-x'], atH: 6, restoreAtH: 2 };
    expect((await load({ ...base, hazards: [cut] })).lines).toEqual([
      'scenario.yaml: hazards[0].restoreAtH: must be later than atH (6)',
      "scenario.yaml: hazards[0].targets[0]: unknown corridor 'beijing-zhangjiakou' in region 'mini'",
      "scenario.yaml: hazards[0].targets[1]: unknown component 'sub-500kv-x' in region 'mini'",
      "scenario.yaml: hazards[0]: region 'mini' has no lifeline components in lifelines.geojson yet, so nothing can be cut",
    ]);
  });

  it('checks restoration crews against the region\'s systems', async () => {
    expect((await load({ ...base, restoration: { days: [0] } })).lines).toEqual(['scenario.yaml: restoration.days[0]: must be > 0']);
    expect((await load({ ...base, restoration: { crews: { power: 2, sewer: 1 } } })).lines).toEqual([
      "scenario.yaml: restoration.crews.power: region 'mini' has no 'power' lifeline system (it has: none)",
      "scenario.yaml: restoration.crews.sewer: region 'mini' has no 'sewer' lifeline system (it has: none)",
    ]);
  });

  it('rejects unknown options and out-of-range values', async () => {
    expect((await load({ ...base, options: { realisations: 5, seed: -1 } })).lines).toEqual([
      'scenario.yaml: options.realisations: unknown field (expected one of: realizations, seed, horizonH)',
      'scenario.yaml: options.seed: must be ≥ 0',
    ]);
  });

  it('reports problems of the region pack under the pack file names', async () => {
    const { lines } = await withTempDir(async (dir) => {
      const files = miniPack();
      (files['zones.geojson'] as { features: { properties: { population: number } }[] }).features[0]!.properties.population = 1.5;
      await writePack(dir, files);
      await writeFile(join(dir, 's.json'), JSON.stringify(base));
      return loadScenario(join(dir, 's.json')).then(() => ({ lines: [] as string[] }), (e: RenxingError) => ({ lines: e.issues.map(formatIssue) }));
    });
    // Issue 24, defect 9: the first line names the scenario's field that led to the pack.
    expect(lines).toEqual([
      "s.json: region: region './mini' cannot be loaded: its pack has the problems below",
      'mini/zones.geojson: features[0].properties.population: must be an integer, got 1.5',
    ]);
  });
});
