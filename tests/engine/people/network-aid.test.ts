/**
 * Aid through the utility networks, worked by hand on the lifeline test pack, and the flow
 * decomposition it rests on.
 */
import { describe, expect, it } from 'vitest';
import type { FlowEdge } from '../../../engine/lifelines/flow-graph.js';
import { compileLifelines } from '../../../engine/lifelines/network.js';
import { decomposeFlow, unservedFractions } from '../../../engine/lifelines/service.js';
import { networkAid } from '../../../engine/people/network-aid.js';
import type { LifelineProperties } from '../../../engine/region/lifeline-schema.js';

describe('flow decomposition', () => {
  it('splits a flow into paths and cancels the cycles it carries', () => {
    // s → a 2, a → b 3, b → a 1, b → t 2: one path s–a–b–t of 2, and the a–b–a cycle of 1 dropped.
    const edges: FlowEdge[] = [{ from: 0, to: 1, capacity: 9 }, { from: 1, to: 2, capacity: 9 }, { from: 2, to: 1, capacity: 9 }, { from: 2, to: 3, capacity: 9 }];
    expect(decomposeFlow(edges, Float64Array.of(2, 3, 1, 2), 0, 3)).toEqual([{ edges: [0, 1, 3], amount: 2 }]);
  });
});

describe('aid through the networks between circles', () => {
  it('names the circle whose plant still supplies the circle that is short', () => {
    // Zone a (core circle, 1,000 residents) and zone b (outer circle, 3,000). Plant PA in a
    // (500) feeds delivery DA (zone a); plant PB in b (4,000) feeds DB (zone b) and, over a
    // tie of 300 in the corridor 'tie', DA. Zone a needs 1,000 and gets 500 + 300: it is short,
    // and the outer circle supplies it 300 via the tie. Zone b is fully served, so nothing is
    // reported towards it.
    const node = (id: string, role: 'source' | 'transfer' | 'delivery', extra: Partial<LifelineProperties>): LifelineProperties => ({ kind: 'node', id, name: id, system: 'power', role, ...extra } as LifelineProperties);
    const link = (id: string, from: string, to: string, capacity: number, corridor?: string): LifelineProperties => ({ kind: 'link', id, name: id, system: 'power', from, to, capacity, ...(corridor ? { corridor } : {}) });
    const zones = new Map([['a', 0], ['b', 1]]);
    const { network } = compileLifelines([
      node('PA', 'source', { capacity: 500, zone: 'a' }), node('PB', 'source', { capacity: 4000, zone: 'b' }),
      node('DA', 'delivery', { serves: ['a'], zone: 'a' }), node('DB', 'delivery', { serves: ['b'], zone: 'b' }),
      link('PA-DA', 'PA', 'DA', 10_000), link('PB-DB', 'PB', 'DB', 10_000), link('DB-DA', 'DB', 'DA', 300, 'tie'),
    ], zones, 'test');
    const population = Float64Array.of(1000, 3000);
    const alive = new Uint8Array(network.ids.length).fill(1);
    const power = network.bySystem[0];
    if (!power) throw new Error('no power system');
    const unserved = { power: unservedFractions(power, alive, population) };
    expect(unserved.power[0]).toBeCloseTo(0.2, 12);
    expect(unserved.power[1]).toBe(0);
    const bands = { zoneBand: Int32Array.of(0, 1), circleIds: ['core', 'outer'], circleRings: [0, 1] };
    expect(networkAid(network, alive, population, bands, unserved)).toEqual([
      { resource: 'power (network)', unit: 'people served', fromCircle: 'outer', toCircle: 'core', amount: 300, via: ['PB-DB', 'tie'] },
    ]);
  });
});
