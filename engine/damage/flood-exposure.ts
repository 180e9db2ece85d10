/**
 * Where flood water can reach each lifeline component, worked out once per scenario from the
 * pack's geometry: the flood area (levee compartment or detention basin) a facility or a road or
 * rail node stands in, the areas a road or rail line runs through, and the reaches it bridges.
 * The damage stage turns the water levels and discharges of each realization into outages.
 *
 * What is assumed where the pack is silent:
 * - Only single sites are exposed: facilities with an earthquake facility class (substations,
 *   plants, pumping stations) or a `flood.class`, and road and rail. Aggregate nodes (a supply
 *   area, a regional grid) have no one place to stand in water. Buried pipelines and overhead
 *   lines are not cut by standing water.
 * - A component's ground height above the area's lowest ground, when neither `flood.groundM` nor
 *   a DEM gives it, is unknown: each realization draws it from the area's own stage–area relation
 *   (any point of the area's land equally likely), so the ensemble carries the uncertainty. A line
 *   crossing an area is drawn as one such point; from a DEM it stands on the lowest ground it
 *   crosses in the area, where it goes under first.
 * - A bridge over a reach is designed for the reach's design discharge (`capacityM3s`, what its
 *   levees are built for) unless the link gives `flood.bridgeDesignM3s`; over a reach with neither,
 *   its crossing is not modelled. No source was found for the rule that a bridge over a levee must
 *   match the levee's standard: it is an assumption, stated in the summary.
 */
import { bbox, booleanPointInPolygon, lineIntersect, lineString } from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { FloodClass, LifelineProperties } from '../region/lifeline-schema.js';
import { zoneLengths } from '../region/zone-lengths.js';

/** A component standing in, or crossing, a flood area. */
export interface FloodSite {
  component: number;
  /** Index into the flood's areas (compartments, then basins). */
  area: number;
  floodClass: FloodClass;
  /** Ground above the area's lowest ground (m); NaN: drawn in each realization. */
  groundM: number;
  protectionM: number;
}

/** A road or rail link bridging a reach. */
export interface FloodCrossing {
  component: number;
  reach: number;
  designM3s: number;
}

/** A local or access road of the people's road graph (no lifeline component) running through a flood area. */
export interface RoadLinkSite {
  /** Index into the road graph's links. */
  link: number;
  area: number;
  /** Its lowest ground in the area from a DEM (m above the area's lowest); NaN: drawn in each realization. */
  groundM: number;
}

export interface FloodExposure {
  sites: FloodSite[];
  crossings: FloodCrossing[];
  /** Distinct exposed components, ascending: the columns of the per-component flood metrics. */
  components: Int32Array;
  /** The road graph's own roads through flood areas, closed like the pack's roads. */
  roadLinks: RoadLinkSite[];
  /** Distinct exposed road-graph links, ascending: the columns of their recorded intervals. */
  roadLinkIds: Int32Array;
}

export interface FloodAreaShape {
  id: string;
  /** The area's outline; a basin drawn as a point has none, and only components naming it stand in it. */
  outline?: Polygon | MultiPolygon;
}

export interface ReachShape {
  line?: Position[];
  capacityM3s?: number;
}

/** The class a component's flood rule comes from: given, or inferred from its system and earthquake facility class. */
export function floodClassOf(p: LifelineProperties): FloodClass | undefined {
  if (p.flood?.class) return p.flood.class;
  if (p.system === 'road' || p.system === 'rail') return p.system;
  if (p.kind !== 'node') return undefined;
  const f = p.fragility ?? '';
  if (f.startsWith('hazus-ess')) return 'substation';
  if (f.startsWith('hazus-epp')) return 'power-plant';
  if (f.startsWith('hazus-pwt')) return 'water-treatment';
  if (f.startsWith('hazus-ppp')) return 'pumping-station';
  return undefined;
}

/** Kilometres of line per piece when finding the areas a line runs through. */
const LINE_STEP_KM = 0.25;

/**
 * `features` are the pack's lifeline features with `componentOf` giving each one's component
 * index; `areas` the flood's areas in order; `reaches` the river reaches in network order;
 * `roadLines` the people's road-graph links that are no pack component (local roads between zone
 * seats, a seat's access to a transport node), each as the straight line it is drawn as (their
 * river crossings are not modelled: no bridge of theirs has a known design flood); `ground`,
 * where a DEM gives it, the ground in an area (m above its lowest) under a point or the lowest
 * along a line, NaN where unknown (pack-dem.ts).
 */
export function compileFloodExposure(features: readonly { properties: LifelineProperties; geometry: { type: string; coordinates: unknown } }[], componentOf: ReadonlyMap<string, number>, areas: readonly FloodAreaShape[], reaches: readonly ReachShape[], roadLines: readonly { link: number; line: Position[] }[] = [], ground?: (area: number, at: readonly Position[]) => number): FloodExposure {
  const areaIndex = new Map(areas.map((a, i) => [a.id, i]));
  // A bounding-box test first: lines are located piece by piece, and most pieces lie in no area.
  const boxes = areas.map((a) => (a.outline ? bbox(a.outline) : undefined));
  const locate = (lon: number, lat: number): number => areas.findIndex((a, i) => {
    const box = boxes[i];
    return a.outline !== undefined && box !== undefined && lon >= box[0] && lat >= box[1] && lon <= box[2] && lat <= box[3] && booleanPointInPolygon([lon, lat], a.outline);
  });
  const sites: FloodSite[] = [];
  const crossings: FloodCrossing[] = [];
  for (const { properties: p, geometry } of features) {
    const floodClass = floodClassOf(p);
    const component = componentOf.get(p.id);
    if (floodClass === undefined || component === undefined) continue;
    const named = p.flood?.area === undefined ? undefined : areaIndex.get(p.flood.area);
    const site = (area: number, at: readonly Position[]): FloodSite => ({ component, area, floodClass, groundM: p.flood?.groundM ?? ground?.(area, at) ?? Number.NaN, protectionM: p.flood?.protectionM ?? 0 });
    if (geometry.type === 'Point' || p.kind === 'node') {
      const [lon, lat] = geometry.type === 'Point' ? (geometry.coordinates as [number, number]) : [Number.NaN, Number.NaN];
      const area = named ?? (Number.isNaN(lon) ? -1 : locate(lon, lat));
      if (area >= 0) sites.push(site(area, Number.isNaN(lon) ? [] : [[lon, lat]]));
      continue;
    }
    if (geometry.type !== 'LineString') continue;
    const line = geometry.coordinates as Position[];
    if (!p.flood?.elevated) {
      const through = named === undefined ? zoneLengths(line, locate, LINE_STEP_KM).zones : [named];
      for (const area of through) sites.push(site(area, line));
    }
    reaches.forEach((reach, r) => {
      const design = p.flood?.bridgeDesignM3s ?? reach.capacityM3s;
      if (!reach.line || design === undefined || reach.line.length < 2 || line.length < 2) return;
      if (lineIntersect(lineString(line), lineString(reach.line)).features.length > 0) crossings.push({ component, reach: r, designM3s: design });
    });
  }
  const components = Int32Array.from(new Set([...sites.map((s) => s.component), ...crossings.map((c) => c.component)])).sort();
  const roadLinks = roadLines.flatMap(({ link, line }) => zoneLengths(line, locate, LINE_STEP_KM).zones.map((area) => ({ link, area, groundM: ground?.(area, line) ?? Number.NaN })));
  return { sites, crossings, components, roadLinks, roadLinkIds: Int32Array.from(new Set(roadLinks.map((r) => r.link))).sort() };
}
