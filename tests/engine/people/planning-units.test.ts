/**
 * Needs in planning units (issue 19): shelter places, hospital beds, tents, and people-days of
 * food and water a day, never raw kcal or litres. Hand-worked on three seats joined by local
 * roads with room for everyone: zone 0 is stricken, zone 2 has a shelter, water works and a depot.
 */
import { describe, expect, it } from 'vitest';
import { aidNorms } from '../../../engine/people/people-summary.js';
import { AID_UNITS, planPeople, type PeopleInput } from '../../../engine/people/people-stage.js';
import type { RoadGraph, RoadLink } from '../../../engine/people/road-graph.js';

const link = (from: number, to: number): RoadLink => ({ kind: 'local', from, to, hours: 1, capacityPerH: 1e6, oneWay: false, component: -1, requires: [], id: `${from}-${to}` });
const graph: RoadGraph = { zones: 3, nodes: 3, nodeIds: ['z0', 'z1', 'z2'], lon: new Float64Array(3), lat: new Float64Array(3), links: [link(0, 1), link(1, 2)] };
const input: PeopleInput = {
  graph, shelters: [{ id: 's', zone: 2, node: 2, capacity: 100, accessH: 0 }],
  spareBeds: Float64Array.from([0, 0, 40]), waterSourceCapacity: Float64Array.from([0, 0, 2000]), suppliesCapacity: Float64Array.from([0, 0, 300]),
  bands: { zoneBand: Int32Array.from([0, 1, 1]), circleIds: ['inner', 'outer'], circleRings: [0, 1] }, zonePopulation: Float64Array.from([1000, 1000, 1000]),
  publicShelterShare: { earthquake: 0.37, flood: 0.23 }, publicShelterShareFrom: { earthquake: 'region', flood: 'region' }, evacuationWindowH: 24,
  waterL: 15, foodKcal: 2100, shelterAreaM2PerPerson: 3.5, tentAreaM2: 12, hospitalBedOccupancy: 0.794,
};

describe('needs in planning units', () => {
  // 400 displaced in zone 0, 148 of them (37 %) seeking public shelter; 60 seriously injured; half of
  // zone 0 and none elsewhere without piped water.
  const displaced = Float64Array.from([400, 0, 0]);
  const seekers = Float64Array.from([148, 0, 0]);
  const plan = planPeople(input, {
    displaced, seekers, seriousInjuries: Float64Array.from([60, 0, 0]),
    unserved: { water: Float64Array.from([0.5, 0, 0]) },
  });
  const totals = plan.aid.totals;

  it('counts shelter in places, and tents for the seekers left without one', () => {
    expect(totals['shelter']).toEqual({ need: 148, given: 100, unmet: 48, unit: 'places' });
    // 48 unsheltered ÷ (12 m² tent ÷ 3.5 m² a person = 3.43 people a tent) = 14 tents; no pack stocks them.
    expect(totals['tents']?.unit).toBe(AID_UNITS.tents);
    expect(totals['tents']?.need).toBeCloseTo(48 / (12 / 3.5), 9);
    expect(totals['tents']?.unmet).toBeCloseTo(14, 9);
  });

  it('counts water and food in people-days a day, beds in beds', () => {
    // Water: 0.5 × 1,000 = 500 people-days a day; the works in zone 2 supply 2,000 and the network
    // serves 2,500 of the 3,000 residents, so nothing is idle to give.
    expect(totals['drinking-water']).toEqual({ need: 500, given: 0, unmet: 500, unit: 'people-days/day' });
    // Food: one ration a day for each of the 400 displaced; the depot feeds 300.
    expect(totals['food']).toMatchObject({ need: 400, given: 300, unmet: 100, unit: 'people-days/day' });
    expect(totals['hospital-beds']).toMatchObject({ need: 60, given: 40, unmet: 20, unit: 'beds' });
    for (const t of Object.values(totals)) expect(t.unit).not.toMatch(/kcal|L\/day/);
  });

  it('states what one unit stands for, with its source', () => {
    const norms = aidNorms(input);
    expect(norms['food']).toMatch(/2,100 kcal \(Sphere 2018\)/);
    expect(norms['drinking-water']).toMatch(/15 L.*GB 50282-2016/);
    expect(norms['tents']).toMatch(/3\.43 seekers.*MZ\/T 011\.2-2010/);
    expect(norms['shelter']).toMatch(/3\.5 m².*GB 21734/);
  });
});
