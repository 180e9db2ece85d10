import { describe, expect, it } from 'vitest';
import { formatIssue } from '../../../engine/core/errors.js';
import { pointerToPath, schemaIssues } from '../../../engine/core/schema-issues.js';
import { ScenarioFileSchema } from '../../../engine/scenario/schema.js';

const valid = { schemaVersion: 1, id: 'tangshan-1976', title: 'Tangshan', region: 'capital', hazards: [] as unknown[] };
const lines = (value: unknown): string[] => schemaIssues(ScenarioFileSchema, value, 'tangshan.yaml').map(formatIssue);

describe('schemaIssues', () => {
  it('turns JSON pointers into the paths users read', () => {
    expect(pointerToPath('/hazards/0/magnitude')).toBe('hazards[0].magnitude');
    expect(pointerToPath('/a~1b/c~0d')).toBe('a/b.c~d');
    expect(pointerToPath('')).toBe('');
  });

  it('accepts a valid scenario', () => {
    expect(lines(valid)).toEqual([]);
  });

  it('names the file, the path and the bound', () => {
    const quake = { type: 'earthquake', epicenter: [118.18, 39.63], magnitude: 10.2, depthKm: 12 };
    expect(lines({ ...valid, hazards: [quake] })).toEqual(['tangshan.yaml: hazards[0].magnitude: must be ≤ 9.5']);
  });

  it('checks the variant a hazard names, not the union', () => {
    const quake = { type: 'earthquake', epicenter: [218, 39.6], magnitude: 'big', depthKm: 12, colour: 'red' };
    const found = lines({ ...valid, hazards: [quake] });
    expect(found).toHaveLength(3);
    // The field list grows with the schema; its start and the other two lines are fixed.
    expect(found[0]).toMatch(/^tangshan\.yaml: hazards\[0\]\.colour: unknown field \(expected one of: type, id, epicenter, magnitude, depthKm, /);
    expect(found.slice(1)).toEqual([
      'tangshan.yaml: hazards[0].epicenter[0]: must be ≤ 180',
      "tangshan.yaml: hazards[0].magnitude: must be a number, got 'big'",
    ]);
  });

  it('lists the hazard types when the type is unknown', () => {
    expect(lines({ ...valid, hazards: [{ type: 'tsunami' }] })).toEqual([
      "tangshan.yaml: hazards[0].type: must be one of 'earthquake', 'rainfall', 'outage', 'designFlood', got 'tsunami'",
    ]);
  });

  it('reports missing fields, wrong types and bad ids together', () => {
    expect(lines({ schemaVersion: 2, id: 'Not Kebab', hazards: 'none', extra: 1 })).toEqual([
      'tangshan.yaml: title: is required',
      'tangshan.yaml: extra: unknown field (expected one of: schemaVersion, id, title, titleZh, description, startsAt, region, domain, hazards, river, restoration, consequences, options, caveats)',
      'tangshan.yaml: schemaVersion: must be 1, got 2',
      'tangshan.yaml: id: must be kebab-case (a-z, 0-9, single hyphens)',
      "tangshan.yaml: hazards: must be a list, got 'none'",
    ]);
  });
});
