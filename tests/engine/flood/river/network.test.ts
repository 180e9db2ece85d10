import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_SCENARIOS_DIR } from '../../../../engine/core/paths.js';
import { divertToBasin } from '../../../../engine/flood/river/detention.js';
import { compileRiverNetwork } from '../../../../engine/flood/river/network.js';
import { releaseRule, routeReservoir } from '../../../../engine/flood/river/reservoir.js';
import { simulateRiverNetwork } from '../../../../engine/flood/river/simulate-network.js';
import type { RiverProperties } from '../../../../engine/region/river-schema.js';

/** Two tributaries through a reservoir and a detention basin to the sea. */
function testNetwork(): RiverProperties[] {
  return [
    { kind: 'subbasin', id: 'sb-upper', name: 'Upper', areaKm2: 1200, curveNumber: 78, tcH: 10, outlet: 'res' },
    { kind: 'subbasin', id: 'sb-side', name: 'Side', areaKm2: 600, curveNumber: 82, tcH: 6, outlet: 'confluence' },
    { kind: 'subbasin', id: 'sb-lower', name: 'Lower', areaKm2: 400, curveNumber: 85, tcH: 5, outlet: 'gauge' },
    { kind: 'reservoir', id: 'res', name: 'Reservoir', initialStorageM3: 80e6, floodLimitStorageM3: 80e6, crestStorageM3: 120e6, maxReleaseM3s: 300, spillwayM3sPerM3: 2e-5 },
    { kind: 'junction', id: 'confluence', name: 'Confluence' },
    { kind: 'detention-basin', id: 'basin', name: 'Basin', areaKm2: 80, designVolumeM3: 6e6, residents: 12000, controlStation: 'gauge', activationDischargeM3s: 500, gateCapacityM3s: 400 },
    { kind: 'station', id: 'gauge', name: 'Gauge' },
    { kind: 'outlet', id: 'sea', name: 'Sea' },
    { kind: 'reach', id: 'r1', name: 'Reservoir → confluence', from: 'res', to: 'confluence', lengthKm: 40, widthM: 120, slope: 8e-4, manning: 0.035 },
    { kind: 'reach', id: 'r2', name: 'Confluence → gauge', from: 'confluence', to: 'gauge', lengthKm: 25, widthM: 150, slope: 5e-4, manning: 0.035 },
    { kind: 'reach', id: 'r3', name: 'Gauge → basin', from: 'gauge', to: 'basin', lengthKm: 15, widthM: 150, slope: 4e-4, manning: 0.035 },
    { kind: 'reach', id: 'r4', name: 'Basin → sea', from: 'basin', to: 'sea', lengthKm: 60, widthM: 200, slope: 2e-4, manning: 0.03, capacityM3s: 350 },
  ];
}

function storm(steps: number, dtH: number, totalMm: number): Float64Array {
  // A 24-h storm, triangular in time, peaking at 12 h.
  const rain = new Float64Array(steps);
  let sum = 0;
  for (let k = 0; k < steps; k++) {
    const t = (k + 0.5) * dtH;
    rain[k] = t < 24 ? 12 - Math.abs(t - 12) : 0;
    sum += rain[k] as number;
  }
  return rain.map((r) => (r * totalMm) / sum);
}

describe('river network', () => {
  it('compiles nodes in topological order with routing orders', () => {
    const { network, issues } = compileRiverNetwork(testNetwork(), 'rivers.geojson');
    expect(issues).toEqual([]);
    const pos = (id: string): number => Array.from(network.order).indexOf(network.nodeIds.indexOf(id));
    expect(pos('res')).toBeLessThan(pos('confluence'));
    expect(pos('gauge')).toBeLessThan(pos('basin'));
    expect(pos('basin')).toBeLessThan(pos('sea'));
    expect(network.routingOrder[network.nodeIds.indexOf('sea')]).toBe(4);
  });

  it('names bad river data precisely', () => {
    const bad = testNetwork();
    bad.push({ kind: 'reach', id: 'r5', name: 'Loop', from: 'sea', to: 'res', lengthKm: 1, widthM: 1, slope: 1e-3, manning: 0.03 });
    bad.push({ kind: 'reach', id: 'r6', name: 'Lost', from: 'gauge', to: 'nowhere', lengthKm: 1, widthM: 1, slope: 1e-3, manning: 0.03 });
    bad.push({ kind: 'junction', id: 'dead-end', name: 'Dead end' });
    expect(compileRiverNetwork(bad, 'rivers.geojson').issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      "features[12].properties.from: 'sea' is an outlet: nothing flows on from it",
      "features[13].properties.to: unknown node 'nowhere'",
      'node dead-end: has no downstream reach: water must reach an outlet',
    ]);
    const noDesignFlow = testNetwork().map((p) => (p.kind === 'reach' && p.id === 'r3' ? { ...p, capacityM3s: 0, leveeReturnPeriodYears: 50 } : p));
    expect(compileRiverNetwork(noDesignFlow, 'rivers.geojson').issues.map((i) => `${i.path}: ${i.message}`)).toContainEqual(expect.stringMatching(/capacityM3s: a reach with leveeReturnPeriodYears needs a design discharge capacityM3s > 0$/));
    const cyclic = testNetwork().map((p) => (p.kind === 'reach' && p.id === 'r3' ? { ...p, to: 'res' } : p));
    expect(compileRiverNetwork(cyclic, 'rivers.geojson').issues.map((i) => i.message)).toContainEqual(expect.stringMatching(/^reaches form a cycle through /));
  });

  it('closes the mass balance to 1e-9 and keeps every rule', () => {
    const { network } = compileRiverNetwork(testNetwork(), 'rivers.geojson');
    const dtH = 0.5;
    const steps = 240; // 120 h
    const result = simulateRiverNetwork({ network, dtS: dtH * 3600, steps, rainMm: [storm(steps, dtH, 300), storm(steps, dtH, 280), storm(steps, dtH, 250)] });
    expect(result.mass.relativeError).toBeLessThan(1e-9);
    expect(result.mass.floodplainM3).toBeGreaterThan(0); // the last reach overtops
    const basin = result.basins[0];
    expect(basin?.activatedAt).toBeGreaterThan(0);
    expect(Math.max(...(basin?.stored ?? []))).toBeLessThanOrEqual(6e6);
    const reservoir = result.reservoirs[0];
    reservoir?.outflow.forEach((q, k) => {
      if ((reservoir.storage[k] as number) <= 120e6) expect(q).toBeLessThanOrEqual(300 * (1 + 1e-6));
    });
  });
});

describe('evaluation order', () => {
  it('gives bit-identical hydrographs whatever the order of nodes within a routing order', () => {
    // The capital network: many branches meet, so many orders are valid.
    const file = JSON.parse(readFileSync(join(BUNDLED_SCENARIOS_DIR, 'regions/capital/rivers.geojson'), 'utf8')) as { features: { properties: RiverProperties }[] };
    const { network } = compileRiverNetwork(file.features.map((f) => f.properties), 'rivers.geojson');
    const dtH = 0.25;
    const steps = 480;
    const rainMm = network.subbasins.map((_, i) => storm(steps, dtH, 150 + 10 * i));
    const reference = simulateRiverNetwork({ network, dtS: dtH * 3600, steps, rainMm });
    // Level by level (what parallel evaluation would do), reversed within each level.
    const levels = [...network.order].sort((a, b) => (network.routingOrder[a] as number) - (network.routingOrder[b] as number) || b - a);
    expect(levels).not.toEqual([...network.order]);
    const permuted = simulateRiverNetwork({ network, dtS: dtH * 3600, steps, rainMm, order: Int32Array.from(levels) });
    permuted.nodeOutflow.forEach((q, node) => expect([...q]).toEqual([...(reference.nodeOutflow[node] as Float64Array)]));
    permuted.compartmentVolume.forEach((v, c) => expect([...v]).toEqual([...(reference.compartmentVolume[c] as Float64Array)]));
    expect(permuted.mass).toEqual(reference.mass);
    expect(reference.mass.relativeError).toBeLessThan(1e-9);
  });
});

describe('bifurcations', () => {
  // The gauge splits: a sluice sends the flow above 100 m³/s, up to 200 m³/s, down a floodway to a second outlet.
  const forked = (): RiverProperties[] => [
    ...testNetwork(),
    { kind: 'outlet', id: 'sea-2', name: 'Second outlet' },
    { kind: 'reach', id: 'floodway', name: 'Floodway', from: 'gauge', to: 'sea-2', lengthKm: 20, widthM: 300, slope: 3e-4, manning: 0.03, diversion: { aboveM3s: 100, maxM3s: 200 } },
  ];

  it('orders both branches after the fork and splits the flow by the diversion rule, closing the balance', () => {
    const { network, issues } = compileRiverNetwork(forked(), 'rivers.geojson');
    expect(issues).toEqual([]);
    const at = (id: string): number => network.nodeIds.indexOf(id);
    expect(network.routingOrder[at('sea-2')]).toBe((network.routingOrder[at('gauge')] as number) + 1);
    const dtH = 0.5;
    const steps = 240;
    const result = simulateRiverNetwork({ network, dtS: dtH * 3600, steps, rainMm: [storm(steps, dtH, 300), storm(steps, dtH, 280), storm(steps, dtH, 250)] });
    expect(result.mass.relativeError).toBeLessThan(1e-9);
    const atGauge = result.nodeOutflow[at('gauge')] as Float64Array;
    // What the floodway's outlet receives is the diversion routed through 20 km: its volume equals the rule applied to the gauge's flow.
    const diverted = atGauge.map((q) => Math.min(Math.max(q - 100, 0), 200));
    const volume = (q: Float64Array): number => q.reduce((s, v, k) => s + (k === 0 || k === q.length - 1 ? v / 2 : v), 0) * dtH * 3600;
    expect(Math.max(...diverted)).toBe(200);
    const arrived = result.nodeInflow[at('sea-2')] as Float64Array;
    expect(volume(arrived) / volume(diverted)).toBeCloseTo(1, 2);
    // The main branch carries less than without the fork.
    const plain = simulateRiverNetwork({ network: compileRiverNetwork(testNetwork(), 'rivers.geojson').network, dtS: dtH * 3600, steps, rainMm: [storm(steps, dtH, 300), storm(steps, dtH, 280), storm(steps, dtH, 250)] });
    expect(result.mass.floodplainM3).toBeLessThan(plain.mass.floodplainM3);
  });

  it('asks for a diversion rule when a node has two main reaches', () => {
    const bad = forked().map((p): RiverProperties => {
      if (p.kind !== 'reach' || p.id !== 'floodway') return p;
      const main = { ...p };
      delete main.diversion;
      return main;
    });
    expect(compileRiverNetwork(bad, 'rivers.geojson').issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      "features[13].properties.from: node 'gauge' already has a main downstream reach: give a bifurcation's other branches a `diversion` rule",
    ]);
  });
});

describe('reservoir rule and detention basin kernels', () => {
  const reservoir = { kind: 'reservoir' as const, id: 'r', name: 'R', initialStorageM3: 50e6, floodLimitStorageM3: 50e6, crestStorageM3: 60e6, maxReleaseM3s: 100, spillwayM3sPerM3: 1e-4 };

  it('passes small inflows, holds back large ones, spills above the crest', () => {
    expect(releaseRule(reservoir, 40e6, 30)).toBe(30);
    expect(releaseRule(reservoir, 40e6, 300)).toBe(100);
    expect(releaseRule(reservoir, 55e6, 10)).toBe(100);
    expect(releaseRule(reservoir, 61e6, 10)).toBeCloseTo(100 + 1e-4 * 1e6, 9);
    const inflow = Float64Array.from({ length: 73 }, (_, k) => (k < 24 ? 50 + 40 * k : Math.max(1010 - 30 * (k - 24), 50)));
    const { outflow, storage } = routeReservoir(inflow, 3600, reservoir);
    // Volume: storage change equals the trapezoid of inflow minus outflow.
    let net = 0;
    for (let k = 1; k < inflow.length; k++) net += (((inflow[k - 1] as number) + (inflow[k] as number)) / 2 - ((outflow[k - 1] as number) + (outflow[k] as number)) / 2) * 3600;
    expect((storage[72] as number) - (storage[0] as number)).toBeCloseTo(net, 0);
    expect(Math.max(...outflow)).toBeLessThan(Math.max(...inflow));
  });

  it('never releases water an emptying reservoir no longer holds', () => {
    // A dry dam (flood limit 0) releasing 300 m³/s on a 1,000 m³/s flood: in the recession its
    // last releases must stop where the water does, and the balance must still close.
    const dryDam = { kind: 'reservoir' as const, id: 'd', name: 'D', initialStorageM3: 0, floodLimitStorageM3: 0, crestStorageM3: 5e7, maxReleaseM3s: 300 };
    const inflow = Float64Array.from({ length: 97 }, (_, k) => 1000 * (k / 12) ** 3 * Math.exp(3 * (1 - k / 12)));
    for (const dtS of [900, 3600]) {
      const { outflow, storage } = routeReservoir(inflow, dtS, dryDam);
      expect(Math.min(...storage)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...outflow)).toBeLessThanOrEqual(300);
      let net = 0;
      for (let k = 1; k < inflow.length; k++) net += (((inflow[k - 1] as number) + (inflow[k] as number)) / 2 - ((outflow[k - 1] as number) + (outflow[k] as number)) / 2) * dtS;
      expect(Math.abs((storage[96] as number) - net)).toBeLessThan(1e-6 * 1e8);
    }
  });

  it('passes its inflow once full when the pack gives no spillway rating, holding no more than its crest', () => {
    // A full reservoir (crest 60 million m³) on a steady 500 m³/s: it can release only 100 through
    // its outlets, so it fills to the crest (4 million m³ of room at 400 m³/s: 10,000 s) and then
    // passes what comes in; the storage stops rising within the step it reaches the crest, by no
    // more than the trapezoid of that step lets through: (500 − 100) / 2 m³/s × 3,600 s.
    const noRating = { kind: 'reservoir' as const, id: 'n', name: 'N', initialStorageM3: 56e6, floodLimitStorageM3: 50e6, crestStorageM3: 60e6, maxReleaseM3s: 100 };
    expect(releaseRule(noRating, 61e6, 500)).toBe(500);
    expect(releaseRule(noRating, 61e6, 20)).toBe(100);
    const inflow = new Float64Array(25).fill(500);
    const { outflow, storage } = routeReservoir(inflow, 3600, noRating);
    expect(Math.max(...storage)).toBeLessThanOrEqual(60e6 + 200 * 3600 + 1);
    expect(Math.abs((storage[24] as number) - (storage[12] as number))).toBeLessThan(10);
    expect(outflow[24]).toBeCloseTo(500, 3);
  });

  it('fills a basin up to, never past, its design volume', () => {
    const river = Float64Array.from({ length: 49 }, (_, k) => 200 + 50 * Math.min(k, 48 - k));
    const result = divertToBasin(river, river, 3600, { kind: 'detention-basin', id: 'b', name: 'B', areaKm2: 10, designVolumeM3: 2e6, residents: 100, activationDischargeM3s: 600, gateCapacityM3s: 300 });
    expect(result.activatedAt).toBe(9); // 200 + 50·9 = 650 > 600
    expect(Math.max(...result.stored)).toBeLessThanOrEqual(2e6);
    expect(result.stored[48]).toBeGreaterThan(1.9e6);
  });
});
