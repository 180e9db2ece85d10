import type { TSchema } from '@sinclair/typebox';
import { LifelinesFileSchema, OutlineFileSchema, RegionFileSchema, RiversFileSchema, SheltersFileSchema, ZonesFileSchema } from '../region/schema.js';
import { ScenarioFileSchema } from '../scenario/schema.js';

/** JSON Schemas published in `schemas/`, exported from the TypeBox sources (a test checks for drift). */
export const PUBLISHED_SCHEMAS: Record<string, { title: string; schema: TSchema }> = {
  'scenario.schema.json': { title: 'Renxing scenario file', schema: ScenarioFileSchema },
  'region.schema.json': { title: 'Renxing region pack: region.yaml', schema: RegionFileSchema },
  'zones.schema.json': { title: 'Renxing region pack: zones.geojson', schema: ZonesFileSchema },
  'rivers.schema.json': { title: 'Renxing region pack: rivers.geojson', schema: RiversFileSchema },
  'lifelines.schema.json': { title: 'Renxing region pack: lifelines.geojson', schema: LifelinesFileSchema },
  'shelters.schema.json': { title: 'Renxing region pack: shelters.geojson', schema: SheltersFileSchema },
  'outline.schema.json': { title: 'Renxing region pack: outline.geojson', schema: OutlineFileSchema },
};

/** The text of each published schema file: draft 2020-12, stable key order, trailing newline. */
export function renderJsonSchemas(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [file, { title, schema }] of Object.entries(PUBLISHED_SCHEMAS)) {
    const document = { $schema: 'https://json-schema.org/draft/2020-12/schema', $id: `urn:renxing:schema:${file.replace('.schema.json', '')}`, title, ...JSON.parse(JSON.stringify(schema)) as object };
    out[file] = `${JSON.stringify(document, null, 2)}\n`;
  }
  return out;
}
