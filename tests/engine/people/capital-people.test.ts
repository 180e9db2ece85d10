/**
 * The people stage on the bundled capital region: the 2023 flood replay and the Tangshan replay
 * both produce evacuation and mutual aid, and the results keep their conservation laws on real
 * data (people placed = people sent, shelters and roads within capacity, aid given = aid received).
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLED_SCENARIOS_DIR } from '../../../engine/core/paths.js';
import { createPool } from '../../../engine/parallel/pool.js';
import { runScenario } from '../../../engine/run/run-scenario.js';
import type { Summary } from '../../../engine/run/summary.js';
import { loadScenario } from '../../../engine/scenario/load-scenario.js';

function checkPeople(summary: Summary): void {
  const ev = summary.evacuation;
  if (!ev) throw new Error('no evacuation block');
  expect(ev.sheltered + ev.unsheltered).toBeGreaterThanOrEqual(ev.seekers - 1);
  expect(ev.sheltered + ev.unsheltered).toBeLessThanOrEqual(ev.seekers + 1);
  expect(ev.sheltered).toBeLessThanOrEqual(ev.shelterCapacity);
  for (const s of ev.shelters) expect(s.occupancy).toBeLessThanOrEqual(s.capacity);
  const occupied = ev.shelters.reduce((a, s) => a + s.occupancy, 0);
  expect(Math.abs(occupied - ev.sheltered)).toBeLessThanOrEqual(ev.shelters.length);
  // Both directions together can carry at most twice a direction's capacity over the window.
  for (const r of ev.roads) expect(r.people).toBeLessThanOrEqual(2 * r.capacityPerH * ev.windowH + 1);
  expect((summary.mutualAid ?? []).length).toBeGreaterThan(0);
  for (const t of summary.mutualAid ?? []) {
    expect(t.fromCircle).not.toBe(t.toCircle);
    expect(t.amount).toBeGreaterThan(0);
  }
  for (const [resource, total] of Object.entries(summary.aid?.totals ?? {})) {
    const balances = (summary.aid?.balances ?? []).filter((b) => b.resource === resource);
    const received = balances.reduce((a, b) => a + b.metWithin + b.metByOthers, 0);
    expect(Math.abs(received - total.given)).toBeLessThanOrEqual(balances.length + 1);
    expect(total.given + total.unmet).toBeGreaterThanOrEqual(total.need - 1);
  }
}

describe('people on the bundled capital region', () => {
  const pool = createPool({ workers: 2 });
  afterAll(async () => { await pool.destroy(); });

  it('evacuates the residents of the detention basins the 2023 flood replay opens, and those flooded deep behind the levees', async () => {
    const summary = await runScenario(await loadScenario(join(BUNDLED_SCENARIOS_DIR, 'haihe-2023-replay.yaml')), { pool });
    const opened = (summary.flood?.detentionBasins ?? []).filter((b) => b.activated);
    expect(opened.length).toBeGreaterThan(0);
    // The bundled replay closes its volume balance and keeps every basin within its design volume.
    expect(summary.flood?.mass.relativeError).toBeLessThan(1e-9);
    const loaded = await loadScenario(join(BUNDLED_SCENARIOS_DIR, 'haihe-2023-replay.yaml'));
    for (const b of summary.flood?.detentionBasins ?? []) {
      const design = loaded.region.river.basins.find((x) => x.id === b.id)?.designVolumeM3 ?? 0;
      expect(b.maxStoredM3).toBeLessThanOrEqual(design * (1 + 1e-3));
    }
    const byDepth = summary.flood?.exposure.displacedByDepth.mean ?? Number.NaN;
    expect(byDepth).toBeGreaterThan(0);
    expect(summary.evacuation?.displaced).toBeCloseTo(opened.reduce((a, b) => a + b.residents, 0) + byDepth, -1);
    checkPeople(summary);
  });

  it('shelters and supports the Tangshan replay from other circles', async () => {
    const summary = await runScenario(await loadScenario(join(BUNDLED_SCENARIOS_DIR, 'tangshan-1976.yaml'), { realizations: 10 }), { pool });
    checkPeople(summary);
    const resources = new Set((summary.mutualAid ?? []).map((t) => t.resource));
    expect([...resources].sort()).toEqual(expect.arrayContaining(['hospital-beds', 'shelter']));
    expect(summary.ensemble?.['evacuation.unsheltered']).toBeDefined();
    // Exposure by damage state: every resident is in one state, and the displaced are those of
    // uninhabitable dwellings by Hazus's weights (single-family = the province's 平房 share: complete
    // only; multi-family: 0.9 × extensive + complete); 37 % of them seek a public shelter place.
    const loaded = await loadScenario(join(BUNDLED_SCENARIOS_DIR, 'tangshan-1976.yaml'));
    const sfShare = loaded.region.exposure?.singleFamilyShare;
    for (const z of summary.zones) {
      const states = z.residentsByDamageState ?? {};
      const total = Object.values(states).reduce((a, b) => a + b, 0);
      expect(Math.abs(total - z.population)).toBeLessThanOrEqual(3);
      const sf = sfShare?.[loaded.region.zones.ids.indexOf(z.id)] ?? Number.NaN;
      const hazus = sf * (states['complete'] ?? 0) + (1 - sf) * (0.9 * (states['extensive'] ?? 0) + (states['complete'] ?? 0));
      expect(Math.abs(hazus - (z.displaced ?? 0))).toBeLessThanOrEqual(3);
      expect(Math.abs((z.seekingShelter ?? 0) - 0.37 * (z.displaced ?? 0))).toBeLessThanOrEqual(1);
    }
    expect(summary.evacuation?.publicShelterShare).toBeCloseTo(0.37, 3);
  });
});
