/**
 * Map layers of the people stage, drawn from the summary and the region: shelters with their
 * occupancy, the roads evacuees use, and mutual-aid arcs between circles (for deck.gl's ArcLayer:
 * each arc runs from the giving circle's population centre to the receiving one's).
 */
import type { Region } from '../region/region.js';
import type { Summary } from '../run/summary.js';

type Position = [number, number];

/** Population-weighted centre of the zones whose innermost circle is each circle. */
export function circleCentres(region: Region): Map<string, Position> {
  const { zones, circles } = region;
  const acc = circles.map(() => ({ x: 0, y: 0, w: 0 }));
  for (let z = 0; z < zones.count; z++) {
    const a = acc[zones.band[z] ?? -1];
    if (!a) continue;
    const w = Math.max(zones.population[z] as number, 1);
    a.x += (zones.lon[z] as number) * w;
    a.y += (zones.lat[z] as number) * w;
    a.w += w;
  }
  const centres = new Map<string, Position>();
  circles.forEach((c, i) => {
    const a = acc[i] as { x: number; y: number; w: number };
    if (a.w > 0) centres.set(c.id, [round5(a.x / a.w), round5(a.y / a.w)]);
  });
  return centres;
}

/** Where a road-graph node id sits: a zone seat or a lifeline node's point. */
function nodePositions(region: Region): Map<string, Position> {
  const at = new Map<string, Position>();
  region.zones.ids.forEach((id, z) => at.set(id, [region.zones.lon[z] as number, region.zones.lat[z] as number]));
  for (const f of region.layers.lifelines.features) {
    if (f.properties.kind === 'node' && f.geometry.type === 'Point') at.set(f.properties.id, f.geometry.coordinates);
  }
  return at;
}

export function renderPeopleLayers(summary: Summary, region: Region): Record<string, string> {
  const files: Record<string, string> = {};
  const evacuation = summary.evacuation;
  if (evacuation) {
    const occupancy = new Map(evacuation.shelters.map((s) => [s.id, s.occupancy]));
    files['shelters.geojson'] = collection(`${summary.scenario}-shelters`, region.layers.shelters.features.map((f) => {
      const used = occupancy.get(f.properties.id) ?? 0;
      return { type: 'Feature', geometry: f.geometry, properties: { ...f.properties, occupancy: used, occupancyShare: f.properties.capacity > 0 ? Number((used / f.properties.capacity).toFixed(4)) : 0 } };
    }));
    const at = nodePositions(region);
    files['evacuation-roads.geojson'] = collection(`${summary.scenario}-evacuation-roads`, evacuation.roads.flatMap((r) => {
      const line = segment(at.get(r.from), at.get(r.to));
      return line ? [{ type: 'Feature', geometry: line, properties: { ...r, hoursAtCapacity: Number((r.people / r.capacityPerH).toFixed(2)) } }] : [];
    }));
  }
  if (summary.mutualAid) {
    const centres = circleCentres(region);
    files['mutual-aid.geojson'] = collection(`${summary.scenario}-mutual-aid`, summary.mutualAid.flatMap((t) => {
      const line = segment(centres.get(t.fromCircle), centres.get(t.toCircle));
      return line ? [{ type: 'Feature', geometry: line, properties: t }] : [];
    }));
  }
  return files;
}

const round5 = (x: number): number => Math.round(x * 1e5) / 1e5;
const collection = (name: string, features: unknown[]): string => `${JSON.stringify({ type: 'FeatureCollection', name, features })}\n`;
const segment = (from: Position | undefined, to: Position | undefined) => (from && to ? { type: 'LineString', coordinates: [from, to] } : undefined);
