import { describe, expect, it } from 'vitest';
import { compileFloodExposure, floodClassOf } from '../../../engine/damage/flood-exposure.js';
import type { LifelineProperties } from '../../../engine/region/lifeline-schema.js';

const square = (x0: number, y0: number, x1: number, y1: number) => ({ type: 'Polygon' as const, coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });
const node = (id: string, at: [number, number], extra: Partial<LifelineProperties> = {}) => ({ properties: { kind: 'node', id, name: id, system: 'power', role: 'transfer', ...extra } as LifelineProperties, geometry: { type: 'Point', coordinates: at } });
const link = (id: string, line: [number, number][], extra: Partial<LifelineProperties> = {}) => ({ properties: { kind: 'link', id, name: id, system: 'road', from: 'a', to: 'b', capacity: 1, ...extra } as LifelineProperties, geometry: { type: 'LineString', coordinates: line } });

describe('where flood water can reach each component', () => {
  // Two areas: a compartment square 0–1 × 0–1 and a basin drawn as a point (no outline).
  // A reach runs north–south along x = 0.5 with a design discharge of 900 m³/s; another without one along x = 2.
  const areas = [{ id: 'cmp', outline: square(0, 0, 1, 1) }, { id: 'basin' }];
  const reaches = [{ line: [[0.5, -1], [0.5, 2]], capacityM3s: 900 }, { line: [[2, -1], [2, 2]] }];
  const features = [
    node('sub-in', [0.3, 0.3], { fragility: 'hazus-ess5' }),
    node('sub-out', [3, 3], { fragility: 'hazus-ess5' }),
    node('grid', [0.3, 0.3]), // an aggregate node: no one site
    node('plant', [5, 5], { fragility: 'hazus-pwt4', system: 'water', flood: { area: 'basin', groundM: 0.4, protectionM: 1 } }),
    link('road-across', [[-0.5, 0.5], [2.5, 0.5]]),
    link('viaduct', [[-0.5, 0.6], [1.5, 0.6]], { system: 'rail', flood: { elevated: true, bridgeDesignM3s: 2000 } }),
    link('pipe', [[-0.5, 0.7], [1.5, 0.7]], { system: 'gas' }),
  ];
  const componentOf = new Map(features.map((f, k) => [f.properties.id, k]));
  const exposure = compileFloodExposure(features, componentOf, areas, reaches);

  it('places facilities by their point, or by the area they name, and skips aggregates and buried pipes', () => {
    expect(exposure.sites.map((s) => [features[s.component]?.properties.id, s.area, s.floodClass])).toEqual([
      ['sub-in', 0, 'substation'], ['plant', 1, 'water-treatment'], ['road-across', 0, 'road'],
    ]);
    expect(exposure.sites.find((s) => s.component === 3)).toMatchObject({ groundM: 0.4, protectionM: 1 });
    expect(Number.isNaN(exposure.sites[0]?.groundM)).toBe(true);
  });

  it('bridges the reaches a road or rail line crosses, at the reach\'s design discharge unless the link gives its own', () => {
    expect(exposure.crossings).toEqual([{ component: 4, reach: 0, designM3s: 900 }, { component: 5, reach: 0, designM3s: 2000 }]);
    expect([...exposure.components]).toEqual([0, 3, 4, 5]);
  });

  it('finds the local roads of the road graph that run through an area', () => {
    const withRoads = compileFloodExposure(features, componentOf, areas, reaches, [{ link: 0, line: [[-1, 0.5], [0.5, 0.5]] }, { link: 1, line: [[2, 2], [3, 3]] }]);
    expect(withRoads.roadLinks).toEqual([{ link: 0, area: 0, groundM: Number.NaN }]);
    expect([...withRoads.roadLinkIds]).toEqual([0]);
  });

  it('infers the class from the earthquake facility class, or takes the given one', () => {
    expect(floodClassOf(node('x', [0, 0], { fragility: 'hazus-ppp4' }).properties)).toBe('pumping-station');
    expect(floodClassOf(node('x', [0, 0], { fragility: 'hazus-epp3' }).properties)).toBe('power-plant');
    expect(floodClassOf(node('x', [0, 0], { system: 'gas', flood: { class: 'gas-regulator' } }).properties)).toBe('gas-regulator');
    expect(floodClassOf(node('x', [0, 0], { system: 'telecom' }).properties)).toBeUndefined();
  });
});
