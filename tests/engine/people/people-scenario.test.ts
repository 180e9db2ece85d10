/**
 * The people stage end to end: a storm opens the mini pack's detention basin in zone d (25,000
 * residents, ring 2); d has 5,000 shelter places, c (the outer circle) 30,000. An expressway
 * (corridor dc-express, 5,000 people/h, 100 km/h) runs from d's seat to c's; the local road mesh
 * joins d to c only through a (the Gabriel graph drops d–b, d–c), one lane each way: 1,400
 * people/h × 24 h = 33,600 per link. Either way all 20,000 who do not fit in d reach c.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { createPool } from '../../../engine/parallel/pool.js';
import { greatCircleKm, LOCAL_ROADS } from '../../../engine/people/road-graph.js';
import { renderRunFiles } from '../../../engine/run/layers.js';
import { runScenario } from '../../../engine/run/run-scenario.js';
import { whatIf } from '../../../engine/run/what-if.js';
import { loadScenario } from '../../../engine/scenario/load-scenario.js';
import { withTempDir, writePack } from '../../fixtures/mini-pack.js';
import { packWithRivers } from '../../fixtures/river-pack.js';

function packWithShelters(): Record<string, unknown> {
  const files = packWithRivers();
  const shelter = (id: string, zone: string, at: [number, number], capacity: number) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: at }, properties: { id, kind: 'park', name: id, zone, capacity } });
  files['shelters.geojson'] = { type: 'FeatureCollection', features: [shelter('park-d', 'd', [115.5, 39.5], 5000), shelter('park-c', 'c', [116.0, 40.5], 30000)] };
  const node = (id: string, zone: string, at: [number, number]) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: at }, properties: { kind: 'node', id, name: id, system: 'road', role: 'transfer', zone } });
  files['lifelines.geojson'] = {
    type: 'FeatureCollection',
    features: [
      node('R-d', 'd', [115.5, 39.5]), node('R-c', 'c', [116.0, 40.5]),
      { type: 'Feature', geometry: { type: 'LineString', coordinates: [[115.5, 39.5], [116.0, 40.5]] }, properties: { kind: 'link', id: 'R-dc', name: 'd–c expressway', system: 'road', from: 'R-d', to: 'R-c', capacity: 5000, speedKmh: 100, corridor: 'dc-express' } },
    ],
  };
  return files;
}

describe('displacement, evacuation and mutual aid after a detention basin opens', () => {
  const pool = createPool({ workers: 1 });
  afterAll(async () => { await pool.destroy(); });

  it('moves the basin residents to shelters and reports which circle took them', async () => {
    await withTempDir(async (dir) => {
      await writePack(dir, packWithShelters());
      const scenario = { schemaVersion: 1, id: 'storm', title: 'Storm', region: './mini', hazards: [{ type: 'rainfall', durationH: 24, uniformMm: 250 }], options: { horizonH: 96 } };
      await writeFile(join(dir, 'storm.yaml'), stringify(scenario));
      const loaded = await loadScenario(join(dir, 'storm.yaml'));
      const summary = await runScenario(loaded, { pool });
      expect(summary.zones.find((z) => z.id === 'd')).toMatchObject({ displaced: 25000, seekingShelter: 25000, evacuation: { sheltered: 25000, unsheltered: 0 } });
      const evacuation = summary.evacuation;
      // The mini pack sets no shelter-seeking share: the engine's default plans a place for all.
      expect(evacuation).toMatchObject({ displaced: 25000, seekers: 25000, shelterCapacity: 35000, sheltered: 25000, unsheltered: 0, publicShelterShare: 1 });
      expect(evacuation?.publicShelterShareByHazard).toEqual({ earthquake: 1, flood: 1, from: { earthquake: 'engine default', flood: 'engine default' } });
      expect(evacuation?.shelters).toEqual([{ id: 'park-d', zone: 'd', capacity: 5000, occupancy: 5000 }, { id: 'park-c', zone: 'c', capacity: 30000, occupancy: 20000 }]);
      const expressH = (greatCircleKm(115.5, 39.5, 116, 40.5) * LOCAL_ROADS.circuity) / 100; // drawn straight: local circuity
      expect(evacuation?.clearanceTimeH).toBeCloseTo(20000 / 5000 + expressH, 2);
      expect(evacuation?.roads).toEqual([{ id: 'R-dc', from: 'R-d', to: 'R-c', people: 20000, capacityPerH: 5000, corridor: 'dc-express' }]);
      expect(summary.mutualAid).toEqual([{ resource: 'shelter', unit: 'places', fromCircle: 'outer', toCircle: 'rest', amount: 20000, via: ['dc-express'] }]);
      expect(summary.aid?.balances.find((b) => b.resource === 'shelter')).toEqual({ resource: 'shelter', unit: 'places', circle: 'rest', need: 25000, metWithin: 5000, metByOthers: 20000, unmet: 0 });
      // Food for the displaced in rations: 25,000 people-days a day (2,100 kcal each), and the pack has no reserves to give it.
      expect(summary.aid?.totals['food']).toEqual({ need: 25_000, given: 0, unmet: 25_000, unit: 'people-days/day' });
      expect(summary.aid?.norms['food']).toMatch(/2,100 kcal/);
      // Everyone found a place: no tents needed.
      expect(summary.aid?.totals['tents']).toBeUndefined();

      const files = renderRunFiles(summary, loaded.region);
      const arcs = JSON.parse(files['mutual-aid.geojson'] as string) as { features: { geometry: { coordinates: number[][] }; properties: { amount: number } }[] };
      expect(arcs.features).toHaveLength(1);
      expect(arcs.features[0]?.properties.amount).toBe(20000);
      const shelters = JSON.parse(files['shelters.geojson'] as string) as { features: { properties: { id: string; occupancyShare: number } }[] };
      expect(shelters.features.map((f) => [f.properties.id, f.properties.occupancyShare])).toEqual([['park-d', 1], ['park-c', 0.6667]]);

      // What-if: cut the expressway; evacuees take the local roads through a, 1,400 people/h.
      const cut = whatIf(loaded, ['corridor:dc-express'], [], summary);
      const localH = ((greatCircleKm(115.5, 39.5, 116, 40) + greatCircleKm(116, 40, 116, 40.5)) * LOCAL_ROADS.circuity) / LOCAL_ROADS.speedKmh;
      expect(cut.evacuation).toMatchObject({ sheltered: 25000, unsheltered: 0 });
      expect(cut.evacuation?.clearanceTimeH).toBeCloseTo(20000 / 1400 + localH, 2);
      expect(cut.evacuation?.roads.map((r) => [r.id, r.people])).toEqual([['local:a-c', 20000], ['local:a-d', 20000]]);
      expect(cut.mutualAid).toEqual([{ resource: 'shelter', unit: 'places', fromCircle: 'outer', toCircle: 'rest', amount: 20000, via: ['local roads'] }]);
    });
  });

  it('sends only the scenario\'s share of the displaced to public shelters, and keeps it in what-if', async () => {
    await withTempDir(async (dir) => {
      await writePack(dir, packWithShelters());
      // 23 % of 25,000 = 5,750 seekers: 5,000 fit in d, 750 go to c.
      const scenario = { schemaVersion: 1, id: 'storm', title: 'Storm', region: './mini', hazards: [{ type: 'rainfall', durationH: 24, uniformMm: 250 }], consequences: { publicShelterShare: { flood: 0.23 } }, options: { horizonH: 96 } };
      await writeFile(join(dir, 'storm.yaml'), stringify(scenario));
      const loaded = await loadScenario(join(dir, 'storm.yaml'));
      const summary = await runScenario(loaded, { pool });
      expect(summary.zones.find((z) => z.id === 'd')).toMatchObject({ displaced: 25000, seekingShelter: 5750, evacuation: { sheltered: 5750, unsheltered: 0 } });
      expect(summary.evacuation).toMatchObject({ displaced: 25000, seekers: 5750, sheltered: 5750, publicShelterShare: 0.23 });
      expect(summary.evacuation?.publicShelterShareByHazard.from).toEqual({ earthquake: 'engine default', flood: 'scenario' });
      expect(summary.mutualAid).toEqual([{ resource: 'shelter', unit: 'places', fromCircle: 'outer', toCircle: 'rest', amount: 750, via: ['dc-express'] }]);
      const cut = whatIf(loaded, ['corridor:dc-express'], [], summary);
      expect(cut.evacuation).toMatchObject({ displaced: 25000, seekers: 5750, sheltered: 5750 });
    });
  });
});
