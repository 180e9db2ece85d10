/**
 * The viewer's data → layer and data → panel transforms, in Node: circle outlines from zone
 * cells, colour scales with their legend ticks, the totals panel's rows, the 2D form, and the
 * fixes of issue 23 (each named after its defect): causes coloured as cut or knock-on, differences
 * with a neutral zero, edited titles and run options, zone colours that follow the slider,
 * planning units and Chinese numbers, tooltips without raw field names, API error details.
 */
import { describe, expect, it } from 'vitest';
import { describeError, type Layer, type Summary, type WhatIf } from '../../viz/src/api.js';
import { makeScale } from '../../viz/src/colours.js';
import { clockAt, count } from '../../viz/src/format.js';
import { bandEdges } from '../../viz/src/geometry.js';
import { en } from '../../viz/src/i18n/en.js';
import { initialLang, setLang, t } from '../../viz/src/i18n/i18n.js';
import { zh } from '../../viz/src/i18n/zh.js';
import { aidArcs, causeClass, failures, statusAt, zoneValues, type ZoneInfo } from '../../viz/src/map-model.js';
import { aidMatrix } from '../../viz/src/panels/aid-matrix.js';
import { tooltipLines, type TooltipContext } from '../../viz/src/panels/tooltip.js';
import { gridRows, totalsRows } from '../../viz/src/panels/totals.js';
import { planningAmount } from '../../viz/src/planning-units.js';
import { depthLegend, depthToRgba, frameAt, WET_DEPTH_M } from '../../viz/src/raster.js';
import { rasterScenario } from '../../viz/src/raster-form.js';
import { scaleBar } from '../../viz/src/scale-bar.js';
import { editedScenario, runOptions } from '../../viz/src/scenario-edit.js';
import { openedRun, initialState, toggledCut } from '../../viz/src/state.js';

const int = count;
const square = (id: string, x: number): Layer['features'][number] => ({
  type: 'Feature', properties: { id },
  geometry: { type: 'Polygon', coordinates: [[[x, 0], [x + 1, 0], [x + 1, 1], [x, 1], [x, 0]]] },
});
const cells: Layer = { type: 'FeatureCollection', features: [square('a', 0), square('b', 1)] };

describe('viewer transforms', () => {
  setLang('en');
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
    // Zones without impact stay clear, so the map shows where something happened.
    expect(scale.colour(0)[3]).toBe(0);
    expect(scale.colour(1)).toEqual(scale.stops[0]);
    expect(scale.colour(60)).toEqual(scale.stops[5]);
    expect(scale.colour(29.9)).toEqual(scale.stops[2]);
    expect(scale.colour(Number.NaN)[3]).toBe(0);
    const difference = makeScale([-10, 5], int, true);
    expect(difference.ticks).toEqual(['-10', '0', '10']);
    expect(difference.colour(-10)).toEqual(difference.stops[0]);
    expect(difference.colour(10)).toEqual(difference.stops[6]);
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
    const rows = Object.fromEntries(totalsRows(summary, undefined, '1976-07-28T03:42:53+08:00'));
    expect(rows['Starts']).toBe('1976-07-28 03:42');
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
    setLang('zh');
    expect(Object.fromEntries(gridRows(grid))['栅格']).toBe('30 × 12 个 20 米网格');
    setLang('en');
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
      'Manning’s n: must be between 0 and 1 (0.035 for grass)',
      'Depth maps every: must not be longer than the duration',
      'River inflow: give both the river scenario and the reach',
      'Inflow: give a steady discharge or a river reach, not both',
      'Inflow point: give x and y in the DEM’s CRS',
    ]);
    expect(rasterScenario({ ...base }).problems).toEqual(['Give an inflow or rain: the domain would stay dry']);
  });
});

const zoneInfo = (id: string, at: [number, number]): [string, ZoneInfo] => [id, { id, name: id, at, population: 1000 }];

describe('issue 23: the viewer a Beijing planner can read', () => {
  setLang('en');

  it('defect 2: colours a failure by its cause — cuts and hazard damage red, knock-ons pink, any new cause as direct — and restored ones grey', () => {
    expect(['outage', 'earthquake', 'flood', 'landslide'].map(causeClass)).toEqual(['direct', 'direct', 'direct', 'direct']);
    expect(causeClass('lost power-s1 or power-s2')).toBe('knock-on');
    // A corridor cut answers with component ids and their cause: the cut links are direct.
    const whatIf = { failedComponents: [{ id: 'link-1', system: 'power', cause: 'outage', atH: 0 }, { id: 'sub-2', system: 'power', cause: 'lost link-1', atH: 0 }], unservedPopulation: {}, zones: [] } as WhatIf;
    const state = { ...toggledCut(initialState('en'), 'corridor:north'), whatIf };
    const f = failures(state);
    expect([statusAt(f.get('link-1'), 5), statusAt(f.get('sub-2'), 5)]).toEqual(['direct', 'knock-on']);
    expect(statusAt({ atH: 2, restoredAtH: 30, cause: 'flood' }, 1)).toBeUndefined();
    expect(statusAt({ atH: 2, restoredAtH: 30, cause: 'flood' }, 31)).toBe('restored');
  });

  it('defect 3: keeps the API’s details, which name the cause', () => {
    const body = { code: 'RX_ERR_INVALID_INPUT', message: "request: the domain's inputs cannot be read", details: [{ file: 'request', path: 'domain.dem', message: "'/etc/dem.asc' must be a file inside the bundled scenarios or a folder this server allows" }] };
    expect(describeError(body, 'Bad Request')).toBe("request: the domain's inputs cannot be read — domain.dem: '/etc/dem.asc' must be a file inside the bundled scenarios or a folder this server allows");
  });

  it('defect 5: colours "no change" neutral in a comparison, neither increase nor decrease', () => {
    const difference = makeScale([-10, 0, 5], int, true);
    const neutral = difference.colour(0);
    expect(neutral).toEqual(difference.stops[3]);
    expect(difference.colour(0.01)).not.toEqual(neutral);
    expect(difference.colour(-0.01)).not.toEqual(neutral);
    expect(neutral[0]).toBe(neutral[2]);
  });

  it('defect 6: runs a scenario with its own realizations and seed unless the planner changes them', () => {
    const file = { id: 'tangshan-1976', title: 'T', hazards: [], options: { realizations: 200, seed: 1976 } };
    expect(runOptions(file, { realizations: 200, seed: 1976 })).toEqual({});
    expect(runOptions(file, { realizations: 10, seed: 1976 })).toEqual({ realizations: 10 });
  });

  it('defect 7: titles an edited run by its edits, not the original magnitude', () => {
    const file = { id: 'tangshan-1976', title: 'Tangshan 1976 replay (Ms 7.8)', hazards: [{ type: 'earthquake', magnitude: 7.8, epicenter: [118.18, 39.63] as [number, number], depthKm: 12 }] };
    const edited = editedScenario(file, { magnitude: 7, lon: 118.18, lat: 39.63, depthKm: 12 }, file.title);
    expect(edited?.title).toBe('Tangshan 1976 replay — edited: Ms 7.0');
    expect(edited?.id).toBe('tangshan-1976-edited');
    expect(editedScenario(file, { magnitude: 7.8, lon: 118.18, lat: 39.63, depthKm: 12 }, file.title)).toBeUndefined();
    setLang('zh');
    expect(editedScenario(file, { magnitude: 7 }, '1976 年唐山地震重演（面波震级 7.8）')?.title).toBe('1976 年唐山地震重演（已修改：面波震级 7.0）');
    setLang('en');
  });

  it('defect 8: colours zones by the flood as it stands at the slider’s hour, and gives replays their calendar time', () => {
    const rivers: Layer = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] }, properties: { id: 'c1', kind: 'compartment', zones: { z1: 10 }, stageArea: [{ stageM: 0, areaKm2: 0 }, { stageM: 2, areaKm2: 100 }] } }] };
    const summary = {
      scenario: 'f', scenarioTitle: 'F', realizations: 1, totals: { zones: 1, population: 1000 }, circles: [],
      zones: [{ id: 'z1', name: 'Z1', population: 1000, band: null, flood: { maxDepthM: 1.6, floodedAreaKm2: 8, populationExposed: 800, byDepthBand: {} } }],
      flood: { floodedAreas: [{ id: 'c1', name: 'C1', kind: 'compartment', probability: 1, floodedFromH: 2, maxStageM: 2, floodedAreaKm2: 100, populationExposed: 800, hourlyStageM: [0, 0, 0, 0, 1, 2, 2] }], stations: [], detentionBasins: [], leveeFailures: [] },
    } as unknown as Summary;
    const at = (h: number, metric: 'flood-depth' | 'flood-exposed'): number => zoneValues(summary, { timeH: h, whatIf: undefined }, metric, rivers, new Map())('z1');
    expect([at(0, 'flood-depth'), at(4, 'flood-depth'), at(5, 'flood-depth')]).toEqual([0, 0.8, 1.6]);
    expect([at(3, 'flood-exposed'), at(4, 'flood-exposed'), at(6, 'flood-exposed')]).toEqual([0, 400, 800]);
    expect(zoneValues(summary, { timeH: 0, whatIf: undefined }, 'flood-depth', rivers, new Map(), true)('z1')).toBe(1.6);
    expect(clockAt('1976-07-28T03:42:53+08:00', 4)).toBe('1976-07-28 07:42');
    expect(clockAt('2023-07-29T20:00:00+08:00', 30)).toBe('2023-07-31 02:00');
  });

  it('defect 9: tooltips in plain words with units, never raw field names; food and water in people-days', () => {
    const c: TooltipContext = { lang: 'en', summary: undefined, whatIf: undefined, timeH: 0, timeLabel: '0 h', failures: new Map(), zoneValue: () => 0, circleName: (x) => x, zoneName: (x) => x, componentName: (x) => x, occupancy: new Map(), cutMode: false };
    const shelter = tooltipLines('shelters', { properties: { id: 's', kind: 'park', name: 'Yuan Dadu park', nameZh: '元大都公园', capacity: 253000, zone: '110105' } }, c);
    expect(shelter).toEqual(['Yuan Dadu park', 'park shelter', 'capacity: 253,000 people']);
    const node = tooltipLines('lifelines', { properties: { id: 'p', kind: 'node', name: 'CHP', nameZh: '热电', system: 'power', capacity: 1719470, corridor: 'beijing-tianjin' } }, { ...c, failures: new Map([['p', { atH: 6, cause: 'lost gas-1' }]]) });
    expect(node).toEqual(['CHP', 'system: power', 'corridor: Beijing–Tianjin', 'capacity: 1,719,470 people served', 'out from 6.0 h (lost its supplier gas-1)']);
    for (const line of [...shelter, ...node]) expect(line).not.toMatch(/nameZh|kind |\bzone\b/);
    setLang('zh');
    expect(tooltipLines('shelters', { properties: { id: 's', kind: 'park', name: 'Yuan Dadu park', nameZh: '元大都公园', capacity: 253000 } }, { ...c, lang: 'zh' })).toEqual(['元大都公园', '公园避难场所', '容量：25.3万 人']);
    setLang('en');
    // Runs from issue 19 on are in planning units already; older runs' kcal and litres are converted.
    expect(planningAmount(292_015, 'people-days/day')).toEqual({ amount: 292_015, unit: 'unit.peopleDays' });
    expect(planningAmount(12, 'tents')).toEqual({ amount: 12, unit: 'unit.tents' });
    expect(planningAmount(7, 'places')).toEqual({ amount: 7, unit: 'unit.places' });
    expect(planningAmount(613_231_912, 'kcal/day').amount).toBeCloseTo(292_015.2, 1);
    expect(planningAmount(30, 'L/day').amount).toBe(2);
    expect(planningAmount(5, 'beds').amount).toBe(5);
  });

  it('writes Chinese numbers in 万 and 亿, English ones with separators', () => {
    setLang('zh');
    expect([count(7044), count(46_194), count(8_864_284), count(110_369_339), count(18_614_996_296)]).toEqual(['7044', '4.6万', '886万', '1.1亿', '186亿']);
    setLang('en');
    expect(count(8_864_284)).toBe('8,864,284');
  });

  it('follows the browser’s language until the planner picks one, and has every message in both languages', () => {
    expect(initialLang(null, ['zh-CN', 'en'])).toBe('zh');
    expect(initialLang(null, ['en-GB', 'zh-CN'])).toBe('zh');
    expect(initialLang(null, ['de-DE', 'en'])).toBe('en');
    expect(initialLang('en', ['zh-CN'])).toBe('en');
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    // Every Chinese message with words in it (placeholders aside) has Chinese in it; the switch reads "English" on purpose.
    const untranslated = Object.entries(zh).filter(([, v]) => {
      const text = v.replace(/\{\w+\}/g, '');
      return /[A-Za-z]{2,}/.test(text) && !/[\u4e00-\u9fff]/.test(text);
    });
    expect(untranslated.map(([k]) => k)).toEqual(['lang.switch']);
    setLang('zh');
    expect(t('total.without', { system: t('system.power') })).toBe('无电力');
    setLang('en');
  });

  it('draws aid from the giving circle’s zones to the receiving circle’s stricken zones, and lists it as a circle × resource matrix apart from network supply', () => {
    const summary = {
      circles: [{ id: 'inner', name: 'Inner', ring: 0 }, { id: 'outer', name: 'Outer', ring: 1 }],
      zones: [
        { id: 'a', name: 'A', population: 100, band: 'inner', displaced: 50 }, { id: 'b', name: 'B', population: 100, band: 'inner', displaced: 0 },
        { id: 'c', name: 'C', population: 100, band: 'outer', displaced: 0 }, { id: 'd', name: 'D', population: 100, band: 'outer', displaced: 0 },
      ],
    } as unknown as Summary;
    const zones = new Map([zoneInfo('a', [0, 0]), zoneInfo('b', [1, 0]), zoneInfo('c', [3, 0]), zoneInfo('d', [0, 5])]);
    const transfers = [
      { resource: 'food', unit: 'kcal/day', fromCircle: 'outer', toCircle: 'inner', amount: 2_100_000, via: ['beijing-tianjin'] },
      { resource: 'power (network)', unit: 'people', fromCircle: 'outer', toCircle: 'inner', amount: 500, via: [] },
    ];
    const arcs = aidArcs(summary, transfers, zones);
    // All of it to the one stricken zone a, from the giver's zone nearest it (c at 3 km east, not d).
    expect(arcs).toEqual([expect.objectContaining({ from: [3, 0], to: [0, 0], toZone: 'a', amount: 2_100_000 })]);
    const matrix = aidMatrix(transfers, ['inner', 'outer']);
    expect(matrix.resources).toEqual(['food']);
    expect(matrix.rows).toEqual([{ circle: 'inner', cells: [{ amount: 1000, unit: 'people-days', from: ['outer'] }] }]);
  });

  it('opens a run at its end with impact shown, and gives a scale bar of round kilometres', () => {
    const summary = { scenario: 's', scenarioTitle: 'S', realizations: 1, totals: { zones: 0, population: 0 }, circles: [], zones: [], evacuation: { displaced: 1 } } as unknown as Summary;
    const opened = openedRun(initialState('en'), 'r1', summary, undefined);
    expect([opened.metric, opened.timeH, opened.maxH, opened.cuts]).toEqual(['displaced', 24, 24, []]);
    const bar = scaleBar(39.3, 6, 120);
    expect([1, 2, 5].some((m) => [1, 10, 100].some((p) => bar.km === m * p))).toBe(true);
    expect(bar.px).toBeLessThanOrEqual(120);
    expect(bar.px).toBeGreaterThan(40);
  });
});
