import { Type } from '@sinclair/typebox';

/** WGS-84 longitude/latitude pair in degrees. */
export const LonLat = Type.Tuple(
  [Type.Number({ minimum: -180, maximum: 180 }), Type.Number({ minimum: -90, maximum: 90 })],
  { description: 'WGS-84 [longitude, latitude] in degrees' },
);

const Ring = Type.Array(LonLat, { minItems: 4 });

export const PointGeometry = Type.Object({ type: Type.Literal('Point'), coordinates: LonLat }, { additionalProperties: false });
export const PolygonGeometry = Type.Object({ type: Type.Literal('Polygon'), coordinates: Type.Array(Ring, { minItems: 1 }) }, { additionalProperties: false });
export const MultiPolygonGeometry = Type.Object(
  { type: Type.Literal('MultiPolygon'), coordinates: Type.Array(Type.Array(Ring, { minItems: 1 }), { minItems: 1 }) },
  { additionalProperties: false },
);
export const LineStringGeometry = Type.Object({ type: Type.Literal('LineString'), coordinates: Type.Array(LonLat, { minItems: 2 }) }, { additionalProperties: false });

/** Identifiers used across packs and scenarios: statistical codes or kebab-case names. */
export const Id = Type.String({ maxLength: 200, pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]*$', errorMessage: 'must be an id (letters, digits, . _ : -)' });
export const KebabId = Type.String({ maxLength: 200, pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', errorMessage: 'must be kebab-case (a-z, 0-9, single hyphens)' });

/** One of a fixed set of strings, with a message that lists them. */
export function oneOf<T extends string>(values: readonly T[], options: { description?: string; hint?: string } = {}) {
  const listed = values.join(', ');
  return Type.Union(values.map((v) => Type.Literal(v)), {
    errorMessage: `must be one of ${listed}${options.hint ? ` ${options.hint}` : ''}`,
    ...(options.description ? { description: options.description } : {}),
  });
}
