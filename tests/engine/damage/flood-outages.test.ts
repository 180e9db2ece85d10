/**
 * Flood water on lifeline components: the rules against their sources, the hours a component is
 * under water from a water level worked by hand, its restoration after the water has gone, crews,
 * and how the outages of a flood and an earthquake share one clock.
 */
import { describe, expect, it } from 'vitest';
import { runDamageStage } from '../../../engine/damage/damage-stage.js';
import type { FloodExposure, FloodSite } from '../../../engine/damage/flood-exposure.js';
import { floodSpells, spellsAbove } from '../../../engine/damage/flood-outages.js';
import { powerCutOnFloodedLand } from '../../../engine/damage/flood-homes.js';
import { serviceOverHorizon } from '../../../engine/lifelines/service.js';
import { FLOOD_FAILURE_RULES, restoreHours, roadSpeedShare } from '../../../engine/damage/flood-rules.js';
import { planarHypsometry } from '../../../engine/flood/river/compartment.js';
import type { FloodLoads } from '../../../engine/flood/river/flood-stage.js';
import { likelyOutages } from '../../../engine/lifelines/likely-outages.js';
import type { MetricSeries } from '../../../engine/parallel/ensemble.js';
import type { MetricSink } from '../../../engine/parallel/metric-sink.js';
import { createRng } from '../../../engine/parallel/rng.js';
import { closedAt, planPeople, slowdownOnRoads, type PeopleInput } from '../../../engine/people/people-stage.js';
import type { RoadGraph, RoadLink } from '../../../engine/people/road-graph.js';

const sink = (): MetricSink & { fields: Map<string, Float64Array>; scalars: Map<string, number> } => {
  const fields = new Map<string, Float64Array>();
  const scalars = new Map<string, number>();
  return { fields, scalars, scalar: (name, v) => { scalars.set(name, v); }, field: (name, width) => { const f = new Float64Array(width); fields.set(name, f); return f; } };
};

describe('flood failure rules, from their sources', () => {
  it('puts substations out with any water and plants at the 3 ft Hazus equipment height', () => {
    expect(FLOOD_FAILURE_RULES.substation.failureDepthM).toBe(0);
    expect(FLOOD_FAILURE_RULES['water-treatment'].failureDepthM).toBeCloseTo(0.9144, 12); // 3 ft
    expect(FLOOD_FAILURE_RULES['pumping-station'].failureDepthM).toBeCloseTo(0.9144, 12);
    expect(FLOOD_FAILURE_RULES['gas-regulator'].failureDepthM).toBe(0);
  });

  it('restores a substation in 2 days after shallow water and 8 after deep (PSE&G 2012), a treatment plant in 3 or 11 (Mentougou, Zhuozhou 2023)', () => {
    expect(restoreHours(FLOOD_FAILURE_RULES.substation, 0.4)).toBe(48);
    expect(restoreHours(FLOOD_FAILURE_RULES.substation, 1)).toBe(192);
    expect(restoreHours(FLOOD_FAILURE_RULES['water-treatment'], 0.99)).toBe(72);
    expect(restoreHours(FLOOD_FAILURE_RULES['water-treatment'], 2)).toBe(264);
  });

  it('slows vehicles by Pregnolato et al. (2017) and closes the road at 300 mm', () => {
    // v(100 mm) = 0.0009·100² − 0.5529·100 + 86.9448 = 40.6548 km/h; v(200) = 12.3648.
    expect(roadSpeedShare(0)).toBe(1);
    expect(roadSpeedShare(0.1)).toBeCloseTo(40.6548 / 86.9448, 12);
    expect(roadSpeedShare(0.2)).toBeCloseTo(12.3648 / 86.9448, 12);
    expect(roadSpeedShare(0.3)).toBe(0);
    expect(FLOOD_FAILURE_RULES.road.failureDepthM).toBe(0.3);
    expect(FLOOD_FAILURE_RULES.road.restoreH).toBe(0);
  });
});

describe('stretches of a series above a level', () => {
  it('interpolates the crossings between samples', () => {
    // Rises from 1 to 3 between 1 h and 2 h: past 2 at 1.5 h; falls from 3 to 1 by 3 h: back at 2.5 h.
    expect(spellsAbove(Float64Array.from([0, 1, 3, 1, 0, 2]), 2, 1)).toEqual([{ fromH: 1.5, untilH: 2.5, peak: 3 }]);
  });

  it('keeps a stretch open to the end of the run, and finds two', () => {
    expect(spellsAbove(Float64Array.from([0, 2, 0, 2, 2]), 1, 0.5)).toEqual([{ fromH: 0.25, untilH: 0.75, peak: 2 }, { fromH: 1.25, untilH: Infinity, peak: 2 }]);
  });
});

/**
 * One compartment of 10 km², a plane wholly flooded 2 m deep. Its water rises steadily from 0 to
 * 2 m over 8 h and drains back to 0 by 16 h (hourly samples): stage(t) = t/4 rising, (16 − t)/4
 * falling.
 */
const hypsometry = planarHypsometry(10, 2);
const stage = Float64Array.from({ length: 21 }, (_, k) => (k <= 8 ? k / 4 : Math.max((16 - k) / 4, 0)));
const flood: FloodLoads = {
  dtS: 3600, areaStageM: [stage], areaFloodedAtH: Float64Array.from([0]), reachInflowM3s: [Float64Array.from({ length: 21 }, (_, k) => 100 * Math.min(k, 20 - k))],
  basinOpenedAtH: new Float64Array(0), displacedByDepth: new Float64Array(1), depthDepartures: [],
};
const site = (component: number, floodClass: FloodSite['floodClass'], groundM: number, protectionM = 0): FloodSite => ({ component, area: 0, floodClass, groundM, protectionM });

describe('a component under a rising and falling water level (hand-worked timeline)', () => {
  // 0: substation on ground 0.5 m behind a 0.3 m platform: out once water is over 0.8 m.
  // 1: water plant on ground 0.5 m: out over 0.5 + 0.9144 m. 2: road on ground 1.0 m: closed over 1.3 m.
  // 3, 4: bridges designed for 1,200 and 800 m³/s over a reach carrying 100·min(t, 20 − t) m³/s.
  const exposure: FloodExposure = {
    sites: [site(0, 'substation', 0.5, 0.3), site(1, 'water-treatment', 0.5), site(2, 'road', 1.0)],
    crossings: [{ component: 3, reach: 0, designM3s: 1200 }, { component: 4, reach: 0, designM3s: 800 }],
    components: Int32Array.from([0, 1, 2, 3, 4]), roadLinks: [], roadLinkIds: new Int32Array(0),
  };
  const spells = floodSpells({ exposure, hypsometry: [hypsometry] }, flood, createRng(1, 0, 'flood-ground')).components;
  const of = (c: number) => spells.find((s) => s.component === c);

  it('fails each at the hour the water passes its floor plus its failure depth, and frees it when the water drops back', () => {
    // Substation: t/4 = 0.8 → 3.2 h; (16 − t)/4 = 0.8 → 12.8 h; deepest water over its floor 2 − 0.8 = 1.2 m (deep).
    expect(of(0)?.fromH).toBeCloseTo(3.2, 12);
    expect(of(0)?.waterGoneH).toBeCloseTo(12.8, 12);
    expect(of(0)?.maxDepthM).toBeCloseTo(1.2, 12);
    expect(of(0)?.restoreH).toBe(192);
    // Water plant: threshold 1.4144 m → 5.6576 h and 10.3424 h; 1.5 m over its floor: 11 days.
    expect(of(1)?.fromH).toBeCloseTo(4 * 1.4144, 12);
    expect(of(1)?.waterGoneH).toBeCloseTo(16 - 4 * 1.4144, 12);
    expect(of(1)?.restoreH).toBe(264);
    // Road: 1.3 m → 5.2 h to 10.8 h, open again at once.
    expect(of(2)).toMatchObject({ restoreH: 0 });
    expect(of(2)?.fromH).toBeCloseTo(5.2, 12);
    expect(of(2)?.waterGoneH).toBeCloseTo(10.8, 12);
    // Bridges: the discharge peaks at 1,000 m³/s at 10 h, so the one designed for 1,200 holds; the
    // 800 one is out from 8 h to 12 h, then closed a day for inspection.
    expect(of(3)).toBeUndefined();
    expect(of(4)).toMatchObject({ fromH: 8, waterGoneH: 12, restoreH: 24 });
  });

  it('keeps the component out until it is restored after the water has gone, on one clock with the crews', () => {
    const s = sink();
    const { outages } = runDamageStage({ systems: ['power', 'water', 'road', 'road', 'rail'], tracked: exposure.components, horizonH: 400, deliberate: [], flood: { exposure, hypsometry: [hypsometry] } }, { flood }, 1, 0, s);
    const byComponent = new Map(outages.map((o) => [o.component, o]));
    expect(byComponent.get(0)).toMatchObject({ cause: 'flood' });
    expect(byComponent.get(0)?.fromH).toBeCloseTo(3.2, 12);
    expect(byComponent.get(0)?.untilH).toBeCloseTo(12.8 + 192, 9);
    expect(byComponent.get(1)?.untilH).toBeCloseTo(16 - 4 * 1.4144 + 264, 9);
    expect(byComponent.get(2)?.untilH).toBeCloseTo(10.8, 12);
    expect(byComponent.get(4)?.untilH).toBe(36);
    expect([...(s.fields.get('flood.componentDownAtH') ?? [])].map((x) => Number(x.toFixed(4)))).toEqual([3.2, 5.6576, 5.2, -1, 8]);
    expect([...(s.fields.get('lifelines.componentDownIntervals') ?? []).slice(0, 3)].map((x) => Number(x.toFixed(4)))).toEqual([3.2, 204.8, 2]);
  });

  it('closes a local road of the road graph through the area like a pack road, from a drawn ground height', () => {
    const local: FloodExposure = { sites: [], crossings: [], components: new Int32Array(0), roadLinks: [{ link: 5, area: 0, groundM: Number.NaN }], roadLinkIds: Int32Array.from([5]) };
    const { roadLinks } = floodSpells({ exposure: local, hypsometry: [hypsometry] }, flood, createRng(2, 1, 'flood-ground'));
    const ground = 2 * createRng(2, 1, 'flood-ground').uniform();
    // Closed while stage > ground + 0.3 m: from 4 (ground + 0.3) h to 16 − 4 (ground + 0.3) h.
    expect(roadLinks).toHaveLength(1);
    expect(roadLinks[0]?.link).toBe(5);
    expect(roadLinks[0]?.fromH).toBeCloseTo(4 * (ground + 0.3), 9);
    expect(roadLinks[0]?.untilH).toBeCloseTo(16 - 4 * (ground + 0.3), 9);
  });

  it('draws an unknown ground height from the area\'s own stage–area relation', () => {
    const unknown: FloodExposure = { sites: [site(0, 'substation', Number.NaN)], crossings: [], components: Int32Array.from([0]), roadLinks: [], roadLinkIds: new Int32Array(0) };
    const [spell] = floodSpells({ exposure: unknown, hypsometry: [hypsometry] }, flood, createRng(7, 3, 'flood-ground')).components;
    // On a plane flooded wholly at 2 m, the ground with share u of the land below it stands 2u high.
    const u = createRng(7, 3, 'flood-ground').uniform();
    expect(spell?.fromH).toBeCloseTo(4 * 2 * u, 9);
    expect(spell?.waterGoneH).toBeCloseTo(16 - 4 * 2 * u, 9);
  });
});

describe('flood and earthquake on one clock', () => {
  const exposure: FloodExposure = { sites: [site(0, 'substation', 0.5, 0.3)], crossings: [], components: Int32Array.from([0]), roadLinks: [], roadLinkIds: new Int32Array(0) };

  it('keeps both outages of a component that the earthquake and then the water put out, with their causes', () => {
    // A deliberate cut of component 1 from 2 h to 6 h passes through; the flood's outage of 0 from 3.2 h.
    const { outages } = runDamageStage({ systems: ['power', 'power'], tracked: exposure.components, horizonH: 400, deliberate: [{ component: 1, fromH: 2, untilH: 6, cause: 'outage' }], flood: { exposure, hypsometry: [hypsometry] } }, { flood }, 1, 0, sink());
    expect(outages.map((o) => [o.component, o.cause])).toEqual([[1, 'outage'], [0, 'flood']]);
  });

  it('sends repairs of two causes to the same crews: the second waits for the first', () => {
    // Two substations flooded alike, one power crew: the second restoration starts when the first ends.
    const two: FloodExposure = { sites: [site(0, 'substation', 0.5, 0.3), site(1, 'substation', 0.5, 0.3)], crossings: [], components: Int32Array.from([0, 1]), roadLinks: [], roadLinkIds: new Int32Array(0) };
    const { outages } = runDamageStage({ systems: ['power', 'power'], tracked: two.components, horizonH: 1000, deliberate: [], flood: { exposure: two, hypsometry: [hypsometry] }, crews: { power: 1 } }, { flood }, 1, 0, sink());
    const ends = outages.map((o) => o.untilH).sort((a, b) => a - b);
    expect(ends[0]).toBeCloseTo(12.8 + 192, 9);
    expect(ends[1]).toBeCloseTo(12.8 + 2 * 192, 9);
  });

  it('merges the realizations\' intervals into the hours a component is out in at least half of them', () => {
    // Four realizations, one component, two slots of (from, until, cause bits) each: out [1, 5) by
    // the earthquake in the first; [2, 8) by the flood in the second; not in the third; [3, 4) and
    // [20, 30) by the flood in the fourth. Out in at least 2 of 4 from 2 h to 5 h only. Its column is component 7.
    const none = [-1, -1, -1];
    const rows = [[1, 5, 1, ...none], [2, 8, 2, ...none], [...none, ...none], [3, 4, 2, 20, 30, 2]].flat();
    const values = { 'lifelines.componentDownIntervals': { width: 6, values: Float64Array.from(rows) } satisfies MetricSeries };
    // Of the intervals overlapping [2, 5): one earthquake, three floods.
    expect(likelyOutages([], Int32Array.from([7]), values)).toEqual([{ component: 7, fromH: 2, untilH: 5, cause: 'flood' }]);
  });
});

describe('evacuation over the roads that are passable when people leave', () => {
  // Seats 0, 1, 2. The trunk road 0–1 (lifeline component 7) takes 1 h at 100 people/h; the detour
  // 0–2–1 is local road at 50/h per leg. A shelter for 1,000 at seat 1. Window 2 h: the trunk passes
  // 200, the detour 100. 150 residents of zone 0 leave at 10 h.
  const link = (from: number, to: number, capacityPerH: number, component = -1): RoadLink => ({ kind: component >= 0 ? 'trunk' : 'local', from, to, hours: 1, capacityPerH, oneWay: false, component, requires: component >= 0 ? [component] : [], id: `${from}-${to}` });
  const graph: RoadGraph = { zones: 3, nodes: 3, nodeIds: ['z0', 'z1', 'z2'], lon: new Float64Array(3), lat: new Float64Array(3), links: [link(0, 1, 100, 7), link(0, 2, 50), link(2, 1, 50)] };
  const input: PeopleInput = {
    graph, shelters: [{ id: 's', zone: 1, node: 1, capacity: 1000, accessH: 0 }], spareBeds: new Float64Array(3), waterSourceCapacity: new Float64Array(3), suppliesCapacity: new Float64Array(3),
    bands: { zoneBand: Int32Array.from([0, 0, 0]), circleIds: ['all'], circleRings: [0] }, zonePopulation: Float64Array.from([1000, 1000, 1000]),
    publicShelterShare: { earthquake: 1, flood: 1 }, publicShelterShareFrom: { earthquake: 'engine default', flood: 'engine default' }, evacuationWindowH: 2, waterL: 15, foodKcal: 2100, shelterAreaM2PerPerson: 3.5, tentAreaM2: 12, hospitalBedOccupancy: 0.794,
  };
  const displaced = Float64Array.from([150, 0, 0]);
  const roadFlooded = (fromH: number, untilH: number) => (tH: number): Uint8Array => {
    const alive = new Uint8Array(8).fill(1);
    if (tH >= fromH && tH < untilH) alive[7] = 0;
    return alive;
  };

  it('routes around a road already under water, and leaves unsheltered those the detour cannot carry', () => {
    const plan = planPeople(input, { displaced, seekers: displaced, departures: [{ atH: 10, displaced, seekers: displaced }], aliveAt: roadFlooded(8, 20) });
    expect(plan.evacuation.sheltered[0]).toBeCloseTo(100, 9);
    expect(plan.evacuation.unsheltered[0]).toBeCloseTo(50, 9);
    expect(plan.evacuation.linkFlow[0]).toBe(0);
  });

  it('uses the road when the water reaches it only after they have left', () => {
    const plan = planPeople(input, { displaced, seekers: displaced, departures: [{ atH: 10, displaced, seekers: displaced }], aliveAt: roadFlooded(12, 20) });
    expect(plan.evacuation.sheltered[0]).toBeCloseTo(150, 9);
    expect(plan.evacuation.linkFlow[0]).toBeCloseTo(150, 9);
  });

  it('avoids a local road the water closed, as it avoids a pack road under water', () => {
    // The detour's first leg (link 1) closed 8–20 h: only the trunk road is left, 200 in the window.
    const all = Float64Array.from([250, 0, 0]);
    const plan = planPeople(input, { displaced: all, seekers: all, departures: [{ atH: 10, displaced: all, seekers: all }], roadsClosedAt: (tH) => closedAt(3, [{ link: 1, fromH: 8, untilH: 20 }], tH) });
    expect(plan.evacuation.sheltered[0]).toBeCloseTo(200, 9);
    expect(plan.evacuation.linkFlow[2]).toBe(0);
  });

  it('slows a road under shallow water by Pregnolato et al.\'s speed share: evacuees take the detour while it is quicker', () => {
    // Water 0.1 m on the trunk road 0 → its hour takes 1 / 0.4676 h; on a road reported slowed ×3
    // the detour (2 h) is quicker, carrying its 100, and the other 50 take the trunk at 3 h:
    // 100 × 2 + 50 × 3 = 350 person-hours.
    const water = { pieces: [{ component: 7, link: -1, area: 0, floorM: 0.5 }], areaStageM: [Float64Array.from([0, 0.6, 0.9])], dtS: 3600 };
    const slow = slowdownOnRoads(graph, water);
    expect(slow(1)[0]).toBeCloseTo(86.9448 / 40.6548, 9);
    expect([...slow(1)].slice(1)).toEqual([1, 1]);
    expect(slow(1.5)[0]).toBeCloseTo(1 / roadSpeedShare(0.25), 9); // stage 0.75 m halfway between samples
    expect(slow(2)[0]).toBe(1); // 0.4 m: closed, not slowed (the closure is the damage stage's)
    expect(slow(0)[0]).toBe(1);
    const plan = planPeople(input, { displaced, seekers: displaced, departures: [{ atH: 10, displaced, seekers: displaced }], roadSlowdownAt: () => Float64Array.from([3, 1, 1]) });
    expect(plan.evacuation.sheltered[0]).toBeCloseTo(150, 9);
    expect(plan.evacuation.personHours).toBeCloseTo(350, 9);
    expect(plan.evacuation.linkFlow[2]).toBeCloseTo(100, 9);
  });

  it('gives a later wave its own window, over the roads of its own hour', () => {
    // 150 leave at 10 h (road open: all by the trunk) and 150 more at 30 h (road flooded 25–40 h: 100 by the detour).
    const later = Float64Array.from([150, 0, 0]);
    const all = Float64Array.from([300, 0, 0]);
    const plan = planPeople(input, { displaced: all, seekers: all, departures: [{ atH: 10, displaced, seekers: displaced }, { atH: 30, displaced: later, seekers: later }], aliveAt: roadFlooded(25, 40) });
    expect(plan.evacuation.sheltered[0]).toBeCloseTo(250, 9);
    expect(plan.evacuation.unsheltered[0]).toBeCloseTo(50, 9);
  });
});

describe('power cut to homes on flooded land', () => {
  // All of a zone's 1,000 residents live on the 10 km² plane (1e-4 per m²); hourly levels rise to
  // 2 m at 8 h and fall back by 16 h. Land under the level is cut; it stays cut 2 days after the
  // water has left it, 8 days where the water stood 1 m or more.
  const hourly = { ...flood, areaStageM: [Float64Array.from({ length: 241 }, (_, k) => (k <= 8 ? k / 4 : Math.max((16 - k) / 4, 0)))] };
  const cut = powerCutOnFloodedLand({ parts: [{ area: 0, zone: 0, perM2: 1e-4 }], population: Float64Array.from([1000]) }, [hypsometry], hourly, 240);

  it('cuts the share of residents on flooded land, and keeps it cut for the restoration time after the water has gone', () => {
    expect(cut).toHaveLength(241);
    expect(cut[4]).toBeCloseTo(0.5, 12); // 1 m on a plane flooded wholly at 2 m: half the land
    expect(cut[8]).toBe(1);
    expect(cut[57]).toBe(1); // the 2 m of the hour ending at 9 h are within 48 h
    // 58 h: the last 48 h saw at most 1.75 m (8.75 km²); the last 8 days 2 m, less the 1 m deep threshold: 5 km².
    expect(cut[58]).toBeCloseTo(0.875, 12);
    expect(cut[200]).toBeCloseTo(0.5, 12); // only the deep land, 192 h after its 2 m
    expect(cut[220]).toBe(0);
  });

  it('combines with the network: a resident is served when both reach them, hour by hour', () => {
    // A network that serves its one zone fully: the unserved share is the local cut alone.
    const system = { system: 'power' as const, nodes: [0, 1], sources: [{ component: 0, capacity: 5000 }], links: [{ component: 2, from: 0, to: 1, capacity: 5000, oneWay: false }], deliveries: [{ component: 1, zones: [0] }] };
    const steps = [{ atH: 0, alive: Uint8Array.from([1, 1, 1]) }];
    const service = serviceOverHorizon(system, steps, 240, Float64Array.from([1000]), [24, 72], cut);
    let expected = 0;
    for (let k = 0; k < 240; k++) expected += cut[k + 1] as number;
    expect(service.hours[0]).toBeCloseTo(expected, 9);
    expect(service.atHorizon[0]).toBe(0);
    // Fully cut for the 50 hours ending at 8 … 57 h: everyone for 24 h at a stretch. Half the land (the
    // deep half) stays cut until 200 h: half the residents for 72 h and more.
    expect(service.withoutFor[0]?.[0]).toBe(1);
    expect(service.withoutFor[1]?.[0]).toBeCloseTo(0.5, 12);
  });
});
