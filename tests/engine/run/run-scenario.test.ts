import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_SCENARIOS_DIR } from '../../../engine/core/paths.js';
import { createPool } from '../../../engine/parallel/pool.js';
import { renderRunFiles } from '../../../engine/run/layers.js';
import { runRealization, type RealizationInput } from '../../../engine/run/realization.js';
import { runScenario } from '../../../engine/run/run-scenario.js';
import { loadScenario, type LoadedScenario } from '../../../engine/scenario/load-scenario.js';

const pool = createPool({ workers: 2 });
afterAll(async () => { await pool.destroy(); });

let loaded: LoadedScenario;
beforeAll(async () => { loaded = await loadScenario(join(BUNDLED_SCENARIOS_DIR, 'baseline.yaml')); });

describe('runRealization (the kernel workers run)', () => {
  it('sums population per circle, hand-worked on three zones', () => {
    const input: RealizationInput = {
      zoneIds: ['a', 'b', 'c'],
      zonePopulation: Float64Array.from([10, 20, 30]),
      circles: [{ id: 'a', members: Int32Array.from([0]) }, { id: 'ab', members: Int32Array.from([0, 1]) }, { id: 'none', members: new Int32Array() }],
    };
    const before = Array.from(input.zonePopulation);
    const scalars: Record<string, number> = {};
    runRealization(input, 1, 0, { scalar: (name, value) => { scalars[name] = value; }, field: (_name, width) => new Float64Array(width) });
    expect(scalars).toEqual({ 'population.total': 60, 'population.circle.a': 10, 'population.circle.ab': 30, 'population.circle.none': 0 });
    expect(Array.from(input.zonePopulation)).toEqual(before);
  });
});

describe('runScenario on the baseline', () => {
  it('reports residents by circle equal to the sums over member zones', async () => {
    const summary = await runScenario(loaded, { pool, now: () => 0 });
    expect(summary).toMatchObject({ schemaVersion: 1, scenario: 'baseline', region: 'capital', seed: 1, realizations: 1, elapsedS: 0 });
    expect(summary.totals.population).toBe(21_893_095 + 13_866_009 + 74_610_235);
    expect(summary.zones).toHaveLength(199);
    for (const c of summary.circles) {
      const members = summary.zones.filter((z) => z.circles.includes(c.id));
      const whole = loaded.region.circles.find((x) => x.id === c.id);
      const wholeIds = new Set(Array.from(whole?.members ?? [], (z) => loaded.region.zones.ids[z]));
      expect(c.population, c.id).toBe(members.filter((z) => wholeIds.has(z.id)).reduce((s, z) => s + z.population, 0));
    }
    expect(summary.circles.find((c) => c.id === 'core')?.population).toBe(708_829 + 1_106_214);
    expect(summary.ensemble).toBeUndefined();
  });

  it('adds ensemble statistics for several realizations, equal across realizations of a hazard-free chain', async () => {
    const summary = await runScenario({ ...loaded, scenario: { ...loaded.scenario, options: { ...loaded.scenario.options, realizations: 5 } } }, { pool });
    const total = summary.ensemble?.['population.total'];
    expect(total).toEqual({ mean: summary.totals.population, p05: summary.totals.population, p50: summary.totals.population, p95: summary.totals.population });
  });

  it('renders summary.json, zones.geojson and the labelled cells layer', async () => {
    const summary = await runScenario(loaded, { pool, now: () => 0 });
    const files = renderRunFiles(summary, loaded.region);
    expect(Object.keys(files).sort()).toEqual(['summary.json', 'zone-cells.geojson', 'zones.geojson']);
    const zones = JSON.parse(files['zones.geojson'] ?? '') as { features: { geometry: { type: string }; properties: { id: string; band: string } }[] };
    expect(zones.features).toHaveLength(199);
    expect(zones.features[0]).toMatchObject({ geometry: { type: 'Point' }, properties: { id: '110101', band: 'core' } });
  });
});
