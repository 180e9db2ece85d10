/**
 * The viewer's data → layer and data → panel transforms, in Node: circle outlines from zone
 * cells, colour scales with their legend ticks, and the totals panel's rows for a run and for a
 * what-if answer.
 */
import { describe, expect, it } from 'vitest';
import type { Layer, Summary, WhatIf } from '../../viz/src/api.js';
import { makeScale, int } from '../../viz/src/colours.js';
import { bandEdges } from '../../viz/src/geometry.js';
import { gridRows, lifelineRows, totalsRows } from '../../viz/src/panels.js';
import { depthLegend, depthToRgba, frameAt, WET_DEPTH_M } from '../../viz/src/raster.js';
import { rasterScenario } from '../../viz/src/raster-form.js';

const square = (id: string, x: number): Layer['features'][number] => ({
  type: 'Feature', properties: { id },
  geometry: { type: 'Polygon', coordinates: [[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]] },
});
const cells: Layer = { type: 'FeatureCollection', features: [square('a', 0), square('b', 1)] };

describe('viewer transforms', () => {
  it('outlines bands: the edge between two cells shows only where their bands differ', () => {
    // Two unit squares side by side: 7 distinct edges, the shared one x = 1.
    expect(bandEdges(cells, (id) => (id === 'a' ? 'core' : 'outer'))).toHaveLength(7);
    const sameBand = bandEdges(cells, () => 'core');
    expect(sameBand).toHaveLength(6);
    expect(sameBand.some((e) => e.path.every(([x]) => x === 1))).toBe(false);
  });

  it('colours six classes from zero to the largest value, with ticks in real units', () => {
    const scale = makeScale([0, 30, 60], int);
    expect(scale.ticks).toEqual(['0', '30', '60']);
    expect(scale.colour(0)).toEqual(scale.stops[0]);
    expect(scale.colour(60)).toEqual(scale.stops[5]);
    expect(scale.colour(29.9)).toEqual(scale.stops[2]);
    expect(scale.colour(Number.NaN)[3]).toBeLessThan(255);
    const difference = makeScale([-10, 5], int, true);
    expect(difference.ticks).toEqual(['-10', '0', '10']);
    expect(difference.colour(-10)).toEqual(difference.stops[0]);
  });

  it('fills the totals panel from a run, and from a what-if answer when there is one', () => {
    const stats = (mean: number) => ({ mean, p05: mean * 0.8, p50: mean, p95: mean * 1.2 });
    const evacuation = { displaced: 5000, seekers: 5000, shelterCapacity: 3000, sheltered: 3000, unsheltered: 2000, clearanceTimeH: 7.25, shelters: [], roads: [] };
    const summary: Summary = {
      scenario: 's', scenarioTitle: 'S', realizations: 10, totals: { zones: 2, population: 10_000 }, circles: [], zones: [],
      evacuation,
      lifelines: {
        failedComponents: [], unservedPopulation: { power: 1234 },
        restoration: [{ day: 1, atH: 24, unservedPopulation: { power: stats(800) } }, { day: 3, atH: 72, unservedPopulation: { power: stats(0) } }],
      },
      ensemble: { 'people.displaced': stats(5000) },
    };
    const rows = Object.fromEntries(totalsRows(summary));
    expect(rows['Displaced']).toBe('5,000 (5–95%: 4,000–6,000)');
    expect(rows['Clearance time']).toBe('7.3 h');
    expect(rows['Without power']).toBe('1,234');
    expect(rows['  … at day 1 / 3']).toBe('800 / 0');
    const whatIf: WhatIf = { failedComponents: [], unservedPopulation: { power: 4321 }, zones: [], evacuation: { ...evacuation, sheltered: 2500, unsheltered: 2500 } };
    const after = Object.fromEntries(totalsRows(summary, whatIf));
    expect(after['Sheltered']).toBe('2,500');
    expect(after['Without power']).toBe('4,321');
    expect(after['  … at day 1 / 3']).toBeUndefined();
    expect(after['Basis']).toBe('what-if: lifeline cuts applied');
  });

  it('colours depth frames: dry and missing cells transparent, deeper water darker and more opaque', () => {
    const depth = Float32Array.from([0, WET_DEPTH_M / 2, Number.NaN, 0.5, 2, 9]);
    const rgba = depthToRgba(depth, new Uint8ClampedArray(depth.length * 4), 2);
    const alpha = (c: number): number => rgba[4 * c + 3] as number;
    const blue = (c: number): number => rgba[4 * c] as number;
    expect([alpha(0), alpha(1), alpha(2)]).toEqual([0, 0, 0]);
    expect(alpha(3)).toBeGreaterThan(0);
    expect(alpha(4)).toBeGreaterThan(alpha(3));
    expect(blue(4)).toBeLessThan(blue(3));
    // Beyond full depth the colour saturates.
    expect([...rgba.subarray(20, 24)]).toEqual([...rgba.subarray(16, 20)]);
  });

  it('gives the depth ramp as a legend from the wet threshold to full depth', () => {
    const legend = depthLegend(2);
    expect(legend.stops).toHaveLength(6);
    expect(legend.ticks).toEqual(['0.01 m', '1.00 m', '2.00 m']);
    expect(legend.colour(0)).toEqual([expect.any(Number), expect.any(Number), expect.any(Number), 0]);
    expect(legend.stops[5]).toEqual(legend.colour(5));
  });

  it('steps through frames: the last written at or before the time', () => {
    expect([0, 899, 900, 1799, 1800, 3600, 9999].map((t) => frameAt([900, 1800, 2700, 3600], t))).toEqual([0, 0, 0, 0, 1, 3, 3]);
  });

  it('lists a raster run’s totals, and says when its CRS cannot be placed', () => {
    const grid = { kind: 'grid' as const, scenario: 'p', scenarioTitle: 'Plain', maxDepthM: 1.234, floodedAreaKm2: 0.5, simTimeS: 3600, steps: 1200, maxRelativeMassError: 2e-9, raster: { nx: 30, ny: 12, cellSize: 20, frames: [], maxDepthLayer: 'max-depth.f32' } };
    const rows = Object.fromEntries(gridRows(grid));
    expect(rows).toMatchObject({ Raster: '30 × 12 cells of 20 m', 'Deepest water': '1.23 m', Simulated: '1.00 h in 1,200 steps' });
    expect(rows['Map']).toMatch(/not one the viewer can place/);
    expect(Object.keys(Object.fromEntries(gridRows({ ...grid, raster: { ...grid.raster, cornersLonLat: [[0, 0], [0, 1], [1, 1], [1, 0]] } })))).not.toContain('Map');
  });

  it('builds a domain scenario from the 2D form, and names the fields to fix', () => {
    const base = { dem: ' /data/dem.asc ', manning: 0.03, durationH: 2, outputEveryH: 0.5, inflowX: 430_100, inflowY: 4_400_700 };
    expect(rasterScenario({ ...base, inflowM3s: 20, freeEdge: 'E', epsg: 32650 })).toEqual({
      problems: [],
      scenario: {
        schemaVersion: 1, id: 'viewer-raster-run', title: '2D flood on dem.asc', hazards: [],
        domain: { dem: '/data/dem.asc', manning: 0.03, durationH: 2, outputEveryH: 0.5, epsg: 32650, boundaries: [{ side: 'E', type: 'free' }], points: [{ at: [430_100, 4_400_700], type: 'qfix', value: 20 }] },
      },
    });
    // A river run's spill over a reach is a qvar point with nothing else; rain is held over the whole run.
    const river = rasterScenario({ ...base, riverScenario: 'haihe-2023-replay.yaml', riverReach: 'r1', riverStartH: 30, rainMmPerH: 10 }).scenario?.['domain'];
    expect(river).toMatchObject({ points: [{ at: [430_100, 4_400_700], type: 'qvar', fromRiver: { scenario: 'haihe-2023-replay.yaml', reach: 'r1', startH: 30 } }], rainfallMmPerH: [[0, 10], [7200, 10]] });
    expect(rasterScenario({ manning: 2, durationH: 1, outputEveryH: 3, inflowM3s: 5, riverReach: 'r1' }).problems).toEqual([
      'DEM: give the path of a DEM on the server',
      "Manning's n: must be between 0 and 1 (0.035 for grass)",
      'Output every: must not be longer than the duration',
      'River inflow: give both the river scenario and the reach',
      'Inflow: give a steady discharge or a river reach, not both',
      'Inflow point: give x and y in the DEM’s CRS',
    ]);
    expect(rasterScenario({ ...base }).problems).toEqual(['Give an inflow or rain: the domain would stay dry']);
  });
  it('tells what a run did to a lifeline component: failure, repair and earthquake odds, and the what-if’s own failures', () => {
    const summary = {
      lifelines: {
        failedComponents: [{ id: 'S', system: 'power', cause: 'earthquake', atH: 0, restoredAtH: 170.25 }],
        unservedPopulation: {},
        quakeDamage: [{ id: 'S', fragility: 'hazus-ess5', probabilityOutOfService: 0.915, probabilityDownAtHorizon: 0.4 }, { id: 'G', fragility: 'hazus-pipe-ductile', probabilityOutOfService: 0.2, probabilityDownAtHorizon: 0.2 }],
      },
    } as unknown as Summary;
    expect(lifelineRows(summary, undefined, 'S')).toEqual(['out from 0.0 h (earthquake), back at 170.3 h', 'earthquake (hazus-ess5): out in 92% of realizations, still out at the horizon in 40%']);
    expect(lifelineRows(summary, undefined, 'G')).toEqual(['earthquake (hazus-pipe-ductile): out in 20% of realizations, still out at the horizon in 20%']);
    expect(lifelineRows(summary, undefined, 'X')).toEqual([]);
    const whatIf = { failedComponents: [{ id: 'X', system: 'water', atH: 6 }] } as unknown as WhatIf;
    expect(lifelineRows(summary, whatIf, 'X')).toEqual(['out from 6.0 h']);
  });
});
