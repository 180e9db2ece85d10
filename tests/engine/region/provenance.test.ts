import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_REGIONS_DIR } from '../../../engine/core/paths.js';
import { readPackData, type PackData } from '../../../engine/region/pack-data.js';
import { formatProvenance, markerOf, packFigures, provenanceIssues, provenanceReport, sourcesKeys } from '../../../engine/region/provenance.js';
import type { LifelineProperties } from '../../../engine/region/lifeline-schema.js';

const point = { type: 'Point' as const, coordinates: [116, 40] as [number, number] };
const zone = (id: string, population: number) => ({ type: 'Feature' as const, geometry: point, properties: { id, name: id, population, areaKm2: 10, circles: [] } });
const source = (id: string, capacity: number, marks: Partial<LifelineProperties>) => ({ type: 'Feature' as const, geometry: point, properties: { kind: 'node', id, name: id, system: 'power', role: 'source', capacity, ...marks } as LifelineProperties });

function pack(marks: Partial<LifelineProperties>[], zonesSource?: string): PackData {
  return {
    zones: { type: 'FeatureCollection', ...(zonesSource ? { source: zonesSource } : {}), features: [zone('a', 100), zone('b', 300)] },
    rivers: { type: 'FeatureCollection', features: [] },
    lifelines: { type: 'FeatureCollection', features: marks.map((m, k) => source(`s${k}`, 1000 * (k + 1), m)) },
    shelters: { type: 'FeatureCollection', features: [] },
  };
}

describe('provenance markers', () => {
  it('reads a figure as an estimate when listed in `estimated`, else sourced with a source, else estimate with an estimate', () => {
    expect(markerOf({ source: 'https://a.cn/x' }, 'capacity')).toBe('sourced');
    expect(markerOf({ source: 'https://a.cn/x', estimate: 'converted at 1.12 kW/person' }, 'capacity')).toBe('sourced');
    expect(markerOf({ source: 'https://a.cn/x', estimate: 'split equally', estimated: ['capacity'] }, 'capacity')).toBe('estimate');
    expect(markerOf({ estimate: '300万kW assumed' }, 'capacity')).toBe('estimate');
    expect(markerOf({}, 'capacity')).toBe('none');
    expect(markerOf({}, 'population', 'https://census')).toBe('sourced');
  });

  it('reports each class by marker and the share of its total resting on estimates', () => {
    const figures = packFigures(pack([{ source: 'https://a.cn/x' }, { estimate: 'assumed' }, { source: 'https://a.cn/y', estimate: 'split', estimated: ['capacity'] }]));
    const power = provenanceReport(figures).find((c) => c.class === 'power sources');
    // Capacities 1,000 (sourced), 2,000 and 3,000 (estimates): 5,000 of 6,000 rest on estimates.
    expect(power).toMatchObject({ count: { sourced: 1, estimate: 2, none: 0 }, total: { sourced: 1000, estimate: 5000, none: 0 } });
    expect(power?.estimateShare).toBeCloseTo(5 / 6, 12);
    const zones = provenanceReport(figures).find((c) => c.class === 'zones population');
    expect(zones?.count).toEqual({ sourced: 0, estimate: 0, none: 2 });
    expect(formatProvenance('p', figures)).toMatch(/without a marker:\n {2}zones: a: population 100 people/);
  });

  it('takes a file-level source for the features without their own', () => {
    const zones = provenanceReport(packFigures(pack([], 'https://census'))).find((c) => c.class === 'zones population');
    expect(zones?.count).toEqual({ sourced: 2, estimate: 0, none: 0 });
  });

  it('names figures without a marker, `estimated` fields that are not figures, and SOURCES.md keys that do not exist', () => {
    const issues = provenanceIssues(pack([
      { source: 'SOURCES.md#no-such-key' },
      { source: 'https://a.cn/x', estimate: 'e', estimated: ['speedKmh'] },
      { estimate: 'e', estimated: ['capacity'] },
    ], 'https://census'), sourcesKeys('| `known-key` | a row |\n'));
    expect(issues).toEqual([
      'lifelines: s0: source SOURCES.md#no-such-key names no key of SOURCES.md',
      'lifelines: s1: estimated names \'speedKmh\', which is not one of its figures (capacity)',
      'lifelines: s2: estimated without a source (every figure of a feature with only an estimate is an estimate)',
    ]);
  });
});

describe('capital pack: provenance (issue 22)', () => {
  it('marks every figure sourced or estimate, with well-formed markers', async () => {
    const dir = join(BUNDLED_REGIONS_DIR, 'capital');
    const data = await readPackData(dir);
    expect(provenanceIssues(data, sourcesKeys(readFileSync(join(dir, 'SOURCES.md'), 'utf8')))).toEqual([]);
    const figures = packFigures(data);
    expect(figures.filter((f) => f.marker === 'none')).toEqual([]);
    // Every feature with a figure: each lifeline capacity, each detention basin's residents and trigger.
    expect(figures.filter((f) => f.file === 'lifelines').length).toBe(data.lifelines.features.filter((f) => f.properties.capacity !== undefined).length);
    expect(figures.filter((f) => f.class === 'detention-basin residents' || f.class === 'detention-basin activationDischargeM3s')).toHaveLength(12);
  });
});
