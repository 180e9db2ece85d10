/**
 * Who of the displaced seeks a public shelter place: the share of the hazard that displaced them
 * (capital pack: earthquake 0.37 from Changning 2019, ~30,000 of 81,396 placed in sites; flood
 * 0.23 from Henan 2021, 33.83万 needing aid of 147.08万 placed), a scenario's override on top.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_REGIONS_DIR } from '../../../engine/core/paths.js';
import type { FloodLoads } from '../../../engine/flood/river/flood-stage.js';
import { compilePeopleInput, peopleLoads, shelterShares, type PeopleStageInput } from '../../../engine/people/people-stage.js';
import type { QuakeLoads } from '../../../engine/quake/quake-stage.js';
import { loadRegion } from '../../../engine/region/load-region.js';

describe('shelter-seeking shares', () => {
  it('resolve a scenario override over the pack over the default, per hazard', () => {
    const base = { earthquake: 1, flood: 1 };
    expect(shelterShares(undefined, base)).toEqual(base);
    expect(shelterShares(0.5, base)).toEqual({ earthquake: 0.5, flood: 0.5 });
    expect(shelterShares({ flood: 0.23 }, { earthquake: 0.37, flood: 0.5 })).toEqual({ earthquake: 0.37, flood: 0.23 });
  });

  it('come from the capital pack (0.37 earthquake, 0.23 flood) unless the scenario overrides them', async () => {
    const region = await loadRegion(join(BUNDLED_REGIONS_DIR, 'capital'));
    const pack = compilePeopleInput(region);
    expect(pack.publicShelterShare).toEqual({ earthquake: 0.37, flood: 0.23 });
    expect(pack.publicShelterShareFrom).toEqual({ earthquake: 'region', flood: 'region' });
    const scenario = compilePeopleInput(region, { publicShelterShare: { earthquake: 0.5 } });
    expect(scenario.publicShelterShare).toEqual({ earthquake: 0.5, flood: 0.23 });
    expect(scenario.publicShelterShareFrom).toEqual({ earthquake: 'scenario', flood: 'region' });
  });

  it('apply to each group by the hazard that displaced it (hand-worked on two zones)', () => {
    // Zone 0 (10,000 residents): 647 displaced by the earthquake, then 2,000 flooded deep.
    // Zone 1: a detention basin of 1,500 residents opens at 30 h.
    const people = {
      zonePopulation: Float64Array.from([10_000, 5_000]), publicShelterShare: { earthquake: 0.37, flood: 0.23 },
      basinZone: Int32Array.from([1]), basinResidents: Float64Array.from([1500]), quakeAtH: 0, horizonH: 96,
      graph: { links: [] },
    } as unknown as PeopleStageInput;
    const quake = { displaced: Float64Array.from([646.8, 0]) } as unknown as QuakeLoads;
    const flood = { basinOpenedAtH: Float64Array.from([30]), depthDepartures: [{ atH: 12, displaced: Float64Array.from([2000, 0]) }] } as unknown as FloodLoads;
    const loads = peopleLoads(people, { quake, flood });
    expect(Array.from(loads.displaced)).toEqual([2646.8, 1500]);
    // 646.8 × 0.37 + 2,000 × 0.23 = 239.316 + 460; 1,500 × 0.23 = 345.
    expect(loads.seekers[0]).toBeCloseTo(699.316, 9);
    expect(loads.seekers[1]).toBeCloseTo(345, 9);
    expect(loads.departures?.map((d) => [d.atH, Array.from(d.seekers).map((x) => Number(x.toFixed(3)))])).toEqual([[0, [239.316, 0]], [30, [0, 345]], [12, [460, 0]]]);
  });
});
