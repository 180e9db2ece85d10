import { join } from 'node:path';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { BUNDLED_REGIONS_DIR } from '../../engine/core/paths.js';
import { listBundledRegions } from '../../engine/region/load-region.js';
import type { Region } from '../../engine/region/region.js';
import type { RegionCache } from '../../engine/region/region-cache.js';
import { tessellateSeats } from '../../engine/region/tessellate.js';
import { errorResponses, IdParams, notFound, Open } from '../errors.js';


export const REGION_SCHEMAS = {
  regions: { response: { 200: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), zones: Type.Integer(), circles: Type.Integer() })) } },
  region: { params: IdParams, response: { 200: Open({ id: Type.String(), name: Type.String(), circles: Type.Array(Type.Any()), groups: Type.Array(Type.Any()), layers: Type.Array(Type.String()) }, 'a region: circles and groups with their member zones, and its layer names'), ...errorResponses(404) } },
  regionLayer: { params: Type.Object({ id: Type.String(), name: Type.String() }), response: { 200: Open({ type: Type.Literal('FeatureCollection'), features: Type.Array(Type.Any()) }, 'GeoJSON FeatureCollection'), ...errorResponses(404) } },
} as const;

/** The bundled region packs: `GET /regions`, `GET /regions/{id}`, `GET /regions/{id}/layers/{name}`. */
export async function regionRoutes(app: FastifyInstance, options: { regions: RegionCache }): Promise<void> {
  const region = (id: string): Promise<Region> => {
    if (!listBundledRegions().includes(id)) return Promise.reject(notFound(`no region '${id}'`));
    return options.regions.load(join(BUNDLED_REGIONS_DIR, id));
  };

  app.get('/regions', { schema: REGION_SCHEMAS.regions }, async () => Promise.all(listBundledRegions().map(async (id) => {
    const r = await region(id);
    return { id, name: r.name, zones: r.zones.count, circles: r.circles.length };
  })));

  app.get<{ Params: { id: string } }>('/regions/:id', { schema: REGION_SCHEMAS.region }, async (request) => {
    const r = await region(request.params.id);
    const ids = (members: Int32Array): string[] => Array.from(members, (z) => r.zones.ids[z] as string);
    return {
      id: r.id, name: r.name, ...(r.nameZh ? { nameZh: r.nameZh } : {}),
      circles: r.circles.map((c) => ({ id: c.id, name: c.name, kind: c.kind, ring: c.ring, members: ids(c.members), partialMembers: ids(c.partialMembers) })),
      groups: r.groups.map((g) => ({ id: g.id, name: g.name, kind: g.kind, members: ids(g.members), partialMembers: ids(g.partialMembers) })),
      layers: ['zones', ...(r.zoneGeometry === 'seat' ? ['zone-cells'] : []), ...(r.outline ? ['outline'] : []), 'rivers', 'lifelines', 'shelters'],
    };
  });

  app.get<{ Params: { id: string; name: string } }>('/regions/:id/layers/:name', { schema: REGION_SCHEMAS.regionLayer }, async (request) => {
    const r = await region(request.params.id);
    switch (request.params.name) {
      case 'zones':
        return { type: 'FeatureCollection', features: r.zones.properties.map((p, z) => ({ type: 'Feature', geometry: r.zones.geometry[z], properties: p })) };
      case 'zone-cells':
        return tessellateSeats(r.zones, r.outline);
      case 'outline':
        if (!r.outline) throw notFound(`region '${r.id}' has no outline`);
        return r.outline;
      case 'rivers':
      case 'lifelines':
      case 'shelters':
        return r.layers[request.params.name];
      default:
        throw notFound(`region '${r.id}' has no layer '${request.params.name}'`);
    }
  });
}
