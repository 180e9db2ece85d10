/**
 * The provenance markers every figure of a region pack carries (issue 22): `source` says where the
 * feature's figures come from, `estimate` how the estimated ones were made, and `estimated` which
 * figures rest on the estimate when a feature carries both. `engine/region/provenance.ts` reads them.
 */
import { Type } from '@sinclair/typebox';

const SOURCE_ITEM = '(https?://\\S+|SOURCES\\.md#[a-z0-9-]+)';

/** A `source`: URLs of the pages read, or `SOURCES.md#key` for a row of the pack's SOURCES.md tables, separated by " ; ". */
export const sourceSchema = (description = 'where the figures come from: URLs of the pages read, or SOURCES.md#key for a row of the pack\'s SOURCES.md tables, separated by " ; "; converted by the pack\'s stated factors (people per kW, per m³/d …)') =>
  Type.String({ minLength: 1, pattern: `^${SOURCE_ITEM}( ; ${SOURCE_ITEM})*$`, description });

export const EstimatedSchema = Type.Array(Type.String({ minLength: 1 }), {
  minItems: 1,
  uniqueItems: true,
  description: 'figures of a feature with a `source` that rest on its `estimate` instead (field names, e.g. residents, activationDischargeM3s); without `source`, every figure of a feature with an `estimate` is an estimate',
});

/** Spread into a feature's properties schema. */
export const ProvenanceFields = {
  source: Type.Optional(sourceSchema()),
  estimated: Type.Optional(EstimatedSchema),
};
