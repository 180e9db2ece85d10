/**
 * The capital pack's flood catalogue (issue 25): every bundled flood scenario loads and runs end to
 * end (a few realizations, to keep the suite quick), its river volume balance closes, it says where
 * it differs from what happened; one runs the same on one worker as on two; the transposed and
 * scaled storms rain exactly the scaled historical volume; the design flood peaks at the plan's
 * value; and the 23·7 replay routes the North Canal the way the sources describe.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLED_SCENARIOS_DIR } from '../../../../engine/core/paths.js';
import { compileScenarioFlood } from '../../../../engine/flood/river/scenario-flood.js';
import { simulateFloodRealization } from '../../../../engine/flood/river/flood-stage.js';
import { createPool } from '../../../../engine/parallel/pool.js';
import { createRng } from '../../../../engine/parallel/rng.js';
import { runScenario } from '../../../../engine/run/run-scenario.js';
import type { Summary } from '../../../../engine/run/summary.js';
import { loadScenario } from '../../../../engine/scenario/load-scenario.js';

/** The bundled scenarios with rain or a design flood, found by reading them (a new one is covered without editing this list). */
const FLOOD_SCENARIOS = readdirSync(BUNDLED_SCENARIOS_DIR).filter((f) => f.endsWith('.yaml')).filter((f) => {
  const file = parse(readFileSync(join(BUNDLED_SCENARIOS_DIR, f), 'utf8')) as { hazards?: { type: string }[] };
  return (file.hazards ?? []).some((h) => h.type === 'rainfall' || h.type === 'designFlood');
}).sort();

const scenario = (file: string) => join(BUNDLED_SCENARIOS_DIR, file);

describe('the capital flood catalogue', () => {
  const pool = createPool({ workers: 2 });
  afterAll(async () => { await pool.destroy(); });
  const summaries = new Map<string, Summary>();
  const summaryOf = async (file: string): Promise<Summary> => {
    const known = summaries.get(file);
    if (known) return known;
    const summary = await runScenario(await loadScenario(scenario(file), { realizations: 2 }), { pool, now: () => 0 });
    summaries.set(file, summary);
    return summary;
  };

  it('holds the replays, a stress scenario per plan river system and the Lugouqiao design flood', () => {
    expect(FLOOD_SCENARIOS).toEqual([
      'beijing-2012-replay.yaml', 'beijing-2016-replay.yaml', 'design-flood-yongding-lugouqiao.yaml', 'haihe-1963-replay.yaml',
      'haihe-2023-replay.yaml', 'stress-daqing-23-7.yaml', 'stress-north-three-rivers-23-7.yaml', 'stress-yongding-23-7.yaml',
    ]);
  });

  it.each(FLOOD_SCENARIOS)('%s runs through lifelines and people, closes its volume balance and carries caveats', async (file) => {
    const summary = await summaryOf(file);
    const flood = summary.flood;
    expect(flood).toBeDefined();
    expect(flood?.mass.relativeError).toBeLessThan(1e-9);
    expect(summary.caveats?.length).toBeGreaterThan(0);
    expect(summary.lifelines?.residentHoursWithout).toBeDefined();
    // Something flows somewhere: every catalogue scenario floods at least one station.
    expect(Math.max(...(flood?.stations ?? []).map((s) => s.peakDischargeM3s))).toBeGreaterThan(1000);
    // No scaled storm claims a return period: the factor is stated instead.
    for (const storm of flood?.storms ?? []) expect(storm.scale).toBeGreaterThan(0);
  });

  it('runs the 23·7 replay the same on one worker as on two', async () => {
    const serial = createPool({ workers: 1 });
    try {
      const loaded = () => loadScenario(scenario('haihe-2023-replay.yaml'), { realizations: 3 });
      const one = await runScenario(await loaded(), { pool: serial, now: () => 0 });
      const two = await runScenario(await loaded(), { pool, now: () => 0 });
      expect(one).toEqual(two);
    } finally {
      await serial.destroy();
    }
  });

  it('rains the scaled historical volume over the target sub-basins of a transposed storm', async () => {
    // Yongding stress: targets take the 23·7 replay's totals of their source sub-basins × 1.405.
    const areas: Record<string, number> = { 'sub-yongding-above-guanting': 43402, 'sub-yongding-guanting-gorge': 1600, 'sub-yongding-sanjiadian-lugouqiao': 114, 'sub-yongding-plain': 1953 };
    const replay = parse(readFileSync(scenario('haihe-2023-replay.yaml'), 'utf8')) as { hazards: { totalsMm: Record<string, number> }[] };
    const stress = parse(readFileSync(scenario('stress-yongding-23-7.yaml'), 'utf8')) as { hazards: { scale: number; transposedFrom: { onto: Record<string, string> } }[] };
    const { scale, transposedFrom } = stress.hazards[0] as { scale: number; transposedFrom: { onto: Record<string, string> } };
    const expected = Object.entries(transposedFrom.onto).reduce((v, [target, source]) => v + (areas[target] as number) * 1e6 * ((replay.hazards[0]?.totalsMm[source] as number) / 1000) * scale, 0);
    const storm = (await summaryOf('stress-yongding-23-7.yaml')).flood?.storms[0];
    expect(storm?.scale).toBe(1.405);
    expect(storm?.transposedFrom).toBe('haihe-2023-replay.yaml');
    expect((storm?.rainM3 ?? 0) / expected).toBeCloseTo(1, 3);
  });

  it('peaks the Lugouqiao design flood at the 1993 plan’s 16,000 m³/s, opening the Xiaoqing diversion above 6,200', async () => {
    const flood = (await summaryOf('design-flood-yongding-lugouqiao.yaml')).flood;
    expect(flood?.designFloods[0]).toMatchObject({ node: 'stn-lugouqiao', peakM3s: 16000 });
    expect(flood?.stations.find((s) => s.id === 'stn-lugouqiao')?.peakDischargeM3s).toBeCloseTo(16000, -1);
    expect(flood?.detentionBasins.find((b) => b.id === 'dtb-xiaoqinghe')?.activated).toBe(true);
  });

  it('routes the 23·7 North Canal through the Qinglongwan relief river and sends the Yongding New River only its design flow before the North Canal sluice opens', async () => {
    const loaded = await loadScenario(scenario('haihe-2023-replay.yaml'));
    const input = compileScenarioFlood(loaded.scenario.file, loaded.scenario.options.horizonH, loaded.region);
    if (!input) throw new Error('the replay has a river flood');
    const run = simulateFloodRealization(input, createRng(1, 0, 'flood'));
    const reach = (id: string) => run.reachInflow[input.network.reaches.findIndex((r) => r.id === id)] as Float64Array;
    const peak = (q: Float64Array) => Math.max(...q);
    // 土门楼 → 青龙湾减河: design 1,330 m³/s (1973 works); the replay's canal exceeds it, so the relief river runs full.
    expect(peak(reach('rch-qinglongwan-jianhe'))).toBeCloseTo(1330, 6);
    // 屈家店: the North Canal sluice (400 m³/s to the Hai main stem) takes only what passes the 永定新河's 1,400.
    const qujiadian = run.nodeOutflow[input.network.nodeIds.indexOf('jct-qujiadian')] as Float64Array;
    const haihe = reach('rch-beiyun-haihe');
    qujiadian.forEach((q, k) => expect(haihe[k]).toBeCloseTo(Math.min(Math.max(q - 1400, 0), 400), 6));
    // Observed 2023 for context (not asserted): 北关闸 1,145 m³/s at 1 Aug 00:00; no land beside the
    // 永定新河 flooded. Before issue 25 the replay sent the whole canal to 屈家店 and spilled
    // 1.16×10^9 m³ there; the replay's caveats give what still over-predicts it (the plain's runoff).
    const spilled = run.overtopping[input.network.reaches.findIndex((r) => r.id === 'rch-yongding-new-river')]?.volumeM3 ?? 0;
    expect(spilled).toBeLessThan(0.5e9);
    const caveats = (loaded.scenario.file.caveats ?? []).join(' ');
    expect(caveats).toMatch(/Yongding New River overtops/);
  });
});
