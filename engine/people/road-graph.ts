/**
 * The network people and goods move on: one node per zone (its seat), the pack's road and rail
 * nodes, and three kinds of link — the pack's road and rail links (people per hour, speed), access
 * links from each zone seat to the transport nodes standing in that zone, and a local-road mesh
 * between neighbouring seats (the Gabriel graph of the seats, so that every zone is reachable
 * even where the pack lists no trunk road). Plain data: workers receive it as is.
 */
import type { LifelineNetwork } from '../lifelines/network.js';
import type { LifelineProperties } from '../region/lifeline-schema.js';

export interface RoadLink {
  /** A pack road or rail link, a zone seat's access to a transport node, or the local mesh. */
  kind: 'trunk' | 'access' | 'local';
  from: number;
  to: number;
  hours: number;
  /** People per hour in each direction (both ways unless `oneWay`). */
  capacityPerH: number;
  oneWay: boolean;
  /** Lifeline component index of a pack link, or -1 for access and local links. */
  component: number;
  /** Lifeline components that must all work for the link to be usable (the link and its end nodes). */
  requires: number[];
  corridor?: string;
  id: string;
}

export interface RoadGraph {
  /** Zone seats are nodes 0 … zones − 1; transport nodes follow. */
  zones: number;
  nodes: number;
  nodeIds: string[];
  /** Where each node is (lon, lat): local and access links run straight between their ends. */
  lon: Float64Array;
  lat: Float64Array;
  links: RoadLink[];
}

/**
 * Local roads and access, estimates stated once. Circuity 1.3: road distance over great-circle
 * distance, the order of the national averages in Ballou, Rahardja & Sakai (2002), "Selected
 * country circuity factors for road travel distance estimation", Transportation Research A 36(9).
 * 60 km/h: the design speed of a class-2 highway (JTG B01-2014, Table 3.6.1, 80/60 km/h).
 * 1,400 people per hour per direction: one lane of a class-2 highway at ≈ 1,400 pcu/h
 * (JTG B01-2014 design capacity for class-2/3 highways, order of magnitude) at one person per
 * car-equivalent — deliberately low, as local roads are shared with everything else.
 */
export const LOCAL_ROADS = { circuity: 1.3, speedKmh: 60, capacityPerH: 1400 } as const;
const EARTH_RADIUS_KM = 6371.0088;
/** Transport systems whose links carry people. */
const PEOPLE_SYSTEMS = new Set(['road', 'rail']);

export function greatCircleKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * Neighbouring seats: i–j is an edge when no other seat lies inside the circle on i–j as
 * diameter (the Gabriel graph, a connected planar subgraph of the Delaunay triangulation, so a
 * sparse mesh of "next-town" roads). O(n³) on an equirectangular projection: fine for a few
 * hundred zones, computed once per region.
 */
export function gabrielEdges(lon: ArrayLike<number>, lat: ArrayLike<number>): [number, number][] {
  const n = lon.length;
  let meanLat = 0;
  for (let i = 0; i < n; i++) meanLat += (lat[i] as number) / n;
  const kx = Math.cos((meanLat * Math.PI) / 180);
  const x = Float64Array.from({ length: n }, (_, i) => (lon[i] as number) * kx);
  const y = Float64Array.from({ length: n }, (_, i) => lat[i] as number);
  const edges: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const cx = ((x[i] as number) + (x[j] as number)) / 2;
      const cy = ((y[i] as number) + (y[j] as number)) / 2;
      const r2 = (((x[i] as number) - (x[j] as number)) ** 2 + ((y[i] as number) - (y[j] as number)) ** 2) / 4;
      if (r2 === 0) continue;
      let empty = true;
      for (let k = 0; k < n && empty; k++) {
        if (k === i || k === j) continue;
        if (((x[k] as number) - cx) ** 2 + ((y[k] as number) - cy) ** 2 < r2 * (1 - 1e-12)) empty = false;
      }
      if (empty) edges.push([i, j]);
    }
  }
  return edges;
}

export interface ZoneSeats {
  ids: string[];
  lon: Float64Array;
  lat: Float64Array;
}

/** Default speed when a pack link gives none: expressway design speed (JTG B01-2014) and conventional rail. */
const DEFAULT_SPEED_KMH = { road: 100, rail: 120 } as const;

/**
 * Builds the graph from the zone seats and the pack's transport features. `features` are the
 * lifeline features in pack order with their component index in `network` (for cuts), and their
 * node coordinates.
 */
export function buildRoadGraph(seats: ZoneSeats, network: LifelineNetwork, features: { properties: LifelineProperties; geometry: { type: string; coordinates: unknown } }[]): RoadGraph {
  const zoneIndex = new Map(seats.ids.map((id, z) => [id, z]));
  const componentIndex = new Map(network.ids.map((id, k) => [id, k]));
  const nodeIds = [...seats.ids];
  const lon = [...seats.lon];
  const lat = [...seats.lat];
  const nodeIndex = new Map<string, number>();
  const links: RoadLink[] = [];
  const required = (id: string): number[] => {
    const k = componentIndex.get(id);
    return k === undefined ? [] : [k];
  };
  const localHours = (km: number): number => (km * LOCAL_ROADS.circuity) / LOCAL_ROADS.speedKmh;

  for (const f of features) {
    const p = f.properties;
    if (p.kind !== 'node' || !PEOPLE_SYSTEMS.has(p.system) || f.geometry.type !== 'Point') continue;
    const [x, y] = f.geometry.coordinates as [number, number];
    const v = nodeIds.length;
    nodeIndex.set(p.id, v);
    nodeIds.push(p.id);
    lon.push(x);
    lat.push(y);
    const z = p.zone === undefined ? undefined : zoneIndex.get(p.zone);
    if (z !== undefined) {
      links.push({ kind: 'access', from: z, to: v, hours: localHours(greatCircleKm(seats.lon[z] as number, seats.lat[z] as number, x, y)), capacityPerH: Number.MAX_VALUE, oneWay: false, component: -1, requires: required(p.id), id: `access:${seats.ids[z] as string}:${p.id}` });
    }
  }
  for (const f of features) {
    const p = f.properties;
    if (p.kind !== 'link' || !PEOPLE_SYSTEMS.has(p.system)) continue;
    const from = nodeIndex.get(p.from);
    const to = nodeIndex.get(p.to);
    if (from === undefined || to === undefined) continue;
    // A link drawn as a straight segment gets the local circuity; a drawn route is measured as is.
    const line = f.geometry.type === 'LineString' ? (f.geometry.coordinates as [number, number][]) : [];
    const km = line.length > 2 ? lineKm(line) : greatCircleKm(lon[from] as number, lat[from] as number, lon[to] as number, lat[to] as number) * LOCAL_ROADS.circuity;
    links.push({
      kind: 'trunk', from, to, hours: km / (p.speedKmh ?? DEFAULT_SPEED_KMH[p.system === 'rail' ? 'rail' : 'road']), capacityPerH: p.capacity, oneWay: p.oneWay ?? false,
      component: componentIndex.get(p.id) ?? -1, requires: [...required(p.id), ...required(p.from), ...required(p.to)], ...(p.corridor ? { corridor: p.corridor } : {}), id: p.id,
    });
  }
  for (const [i, j] of gabrielEdges(seats.lon, seats.lat)) {
    const km = greatCircleKm(seats.lon[i] as number, seats.lat[i] as number, seats.lon[j] as number, seats.lat[j] as number);
    links.push({ kind: 'local', from: i, to: j, hours: localHours(km), capacityPerH: LOCAL_ROADS.capacityPerH, oneWay: false, component: -1, requires: [], id: `local:${seats.ids[i] as string}-${seats.ids[j] as string}` });
  }
  return { zones: seats.ids.length, nodes: nodeIds.length, nodeIds, lon: Float64Array.from(lon), lat: Float64Array.from(lat), links };
}

function lineKm(coordinates: [number, number][]): number {
  let km = 0;
  for (let i = 1; i < coordinates.length; i++) {
    const [x0, y0] = coordinates[i - 1] as [number, number];
    const [x1, y1] = coordinates[i] as [number, number];
    km += greatCircleKm(x0, y0, x1, y1);
  }
  return km;
}

/** Links still usable when only the components with `alive[k] = 1` work (all, without `alive`). */
export function survivingLinks(graph: RoadGraph, alive?: Uint8Array): Uint8Array {
  return Uint8Array.from(graph.links, (link) => (!alive || link.requires.every((k) => alive[k]) ? 1 : 0));
}
