/**
 * Properties of lifeline components in `lifelines.geojson` (DESIGN §3): nodes and links of each
 * system. Capacities are in people served (a plant or line carries what that many residents
 * need), so every system shares one unit and zone demand is simply its population; a source's
 * note says how its capacity was converted. Transport links (road, rail) carry people per hour,
 * which is what evacuation and the movement of aid need.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Id, KebabId, oneOf } from '../core/geo-schema.js';
import { ProvenanceFields } from './provenance-schema.js';

export const LIFELINE_SYSTEMS = ['power', 'water', 'gas', 'telecom', 'road', 'rail', 'air', 'supplies'] as const;
export type LifelineSystem = (typeof LIFELINE_SYSTEMS)[number];

const Text = Type.String({ minLength: 1 });

/** What a component is, for the depth at which flood water puts it out (engine/damage/flood-rules.ts). */
export const FLOOD_CLASSES = ['substation', 'power-plant', 'water-treatment', 'wastewater-treatment', 'pumping-station', 'telecom', 'gas-compressor', 'gas-regulator', 'road', 'rail'] as const;
export type FloodClass = (typeof FLOOD_CLASSES)[number];

export const FloodSitingSchema = Type.Object(
  {
    class: Type.Optional(oneOf(FLOOD_CLASSES, { hint: 'what the component is, for its flood failure rule; inferred from its system and earthquake class when absent' })),
    area: Type.Optional(Id),
    groundM: Type.Optional(Type.Number({ minimum: 0, maximum: 100, description: 'height of its ground above the lowest ground of the flood area it stands in (m); drawn from the area\'s stage–area relation when absent' })),
    protectionM: Type.Optional(Type.Number({ minimum: 0, maximum: 50, description: 'height above its ground up to which water is kept out (raised platform or flood wall, m; default 0)' })),
    elevated: Type.Optional(Type.Boolean({ description: 'carried above any standing water (a viaduct): only its river crossings can cut it' })),
    bridgeDesignM3s: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1e6, description: 'design discharge of its bridges over rivers (m³/s); default: the crossed reach\'s design discharge (capacityM3s)' })),
    estimate: Type.Optional(Text),
  },
  { additionalProperties: false, description: 'where and how flood water reaches the component: `area` is the compartment or detention basin it stands in when its point or line cannot say (a basin drawn as a point)' },
);

const common = {
  id: Id, name: Text, nameZh: Type.Optional(Text), zone: Type.Optional(Id), estimate: Type.Optional(Text), ...ProvenanceFields, corridor: Type.Optional(KebabId), system: oneOf(LIFELINE_SYSTEMS),
  flood: Type.Optional(FloodSitingSchema),
  fragility: Type.Optional(Type.String({ minLength: 1, description: 'earthquake fragility class: a facility class on PGA (e.g. hazus-ess6; a link with one takes the PGA of its from-node\'s zone); for a link, a pipeline class on PGV along its line (hazus-pipe-brittle, hazus-pipe-ductile) or, for a road or rail link, the class of the bridge that carries it (hazus-hwb1 … hazus-hwb28) on Sa(1.0 s) at the worst-shaken zone along its line' })),
};

export const DependencyGroupSchema = Type.Object(
  {
    suppliers: Type.Array(Id, { minItems: 1, description: 'component ids: the group is met while any of them works' }),
    backupHours: Type.Number({ minimum: 0, description: 'hours the component keeps working after the whole group is lost' }),
  },
  { additionalProperties: false },
);

export const LifelineNodeSchema = Type.Object(
  {
    kind: Type.Literal('node'), ...common,
    role: oneOf(['source', 'transfer', 'delivery'] as const),
    capacity: Type.Optional(Type.Number({ minimum: 0, description: 'people a source can supply' })),
    serves: Type.Optional(Type.Array(Id, { minItems: 1, uniqueItems: true, description: 'zones a delivery node supplies' })),
    dependsOn: Type.Optional(Type.Array(DependencyGroupSchema, { description: 'every group must be met (AND); within a group any supplier will do (OR)' })),
  },
  { additionalProperties: false },
);

export const BridgeSchema = Type.Object(
  {
    name: Text,
    nameZh: Type.Optional(Text),
    spans: Type.Integer({ minimum: 1, description: 'number of spans (Hazus K3D); a viaduct\'s count may be its length over its typical span, said in the link\'s estimate' }),
    skewDeg: Type.Optional(Type.Number({ minimum: 0, maximum: 89, description: 'skew angle (default 0)' })),
    lengthM: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    opened: Type.Optional(Type.Integer({ minimum: 1800, maximum: 2100, description: 'year opened' })),
  },
  { additionalProperties: false, description: 'the bridge whose damage cuts the link (its class is the link\'s fragility)' },
);

export const LifelineLinkSchema = Type.Object(
  {
    kind: Type.Literal('link'), ...common,
    from: Id,
    to: Id,
    capacity: Type.Number({ minimum: 0, description: 'people the link can supply through it; for road and rail, people it moves per hour' }),
    speedKmh: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'road and rail: travel speed for routing (km/h)' })),
    oneWay: Type.Optional(Type.Boolean({ description: 'flows only from → to (default both ways)' })),
    bridge: Type.Optional(BridgeSchema),
  },
  { additionalProperties: false },
);

export const LifelinePropertiesSchema = Type.Union([LifelineNodeSchema, LifelineLinkSchema]);
export type LifelineProperties = Static<typeof LifelinePropertiesSchema>;
export type LifelineNode = Static<typeof LifelineNodeSchema>;
export type LifelineLink = Static<typeof LifelineLinkSchema>;
