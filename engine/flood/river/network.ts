import type { Issue } from '../../core/errors.js';
import type { DetentionBasin, Reach, Reservoir, RiverProperties, Subbasin } from '../../region/river-schema.js';
import { compileHypsometry, planarHypsometry, type Hypsometry } from './compartment.js';

export type NodeKind = 'junction' | 'station' | 'reservoir' | 'detention-basin' | 'outlet';

/**
 * The river-system network compiled for routing: nodes in topological order (every node after
 * all nodes upstream of it), each node's single downstream reach, and what sits at each node.
 * Built once per region; plain data, so it crosses into workers.
 */
export interface RiverNetwork {
  nodeIds: string[];
  nodeNames: string[];
  nodeKinds: NodeKind[];
  /** Index of the main reach leaving each node, −1 at outlets. */
  downstreamReach: Int32Array;
  /** Diversion reaches leaving each node at a bifurcation, in file order. */
  diversions: number[][];
  /** `compartment`: index of the compartment its spilled water floods, −1 for the open floodplain. */
  reaches: (Reach & { fromNode: number; toNode: number; compartment: number })[];
  subbasins: (Subbasin & { outletNode: number })[];
  reservoirs: (Reservoir & { node: number })[];
  basins: (DetentionBasin & { node: number; controlNode: number; hypsometry: Hypsometry })[];
  /** Land behind levees: what it floods to at each level, and the area of each zone inside. */
  compartments: FloodCompartment[];
  /** Nodes in topological order. */
  order: Int32Array;
  /** Routing order of each node: 0 for sources, else 1 + the largest order upstream. Nodes of one order are independent. */
  routingOrder: Int32Array;
}

export interface FloodCompartment {
  id: string;
  name: string;
  hypsometry: Hypsometry;
  /** [zone id, km² inside] pairs. */
  zones: [string, number][];
  /** Drainage out of the compartment (m³/s), 0 when none is given. */
  drainageM3s: number;
}

const NODE_KINDS: readonly string[] = ['junction', 'station', 'reservoir', 'detention-basin', 'outlet'];

/**
 * Compiles `rivers.geojson` properties into a network, reporting every structural problem:
 * unknown nodes, bifurcations, nodes from which water cannot reach an outlet, cycles, and
 * detention basins controlled by a station downstream of them.
 */
export function compileRiverNetwork(features: RiverProperties[], file: string): { network: RiverNetwork; issues: Issue[] } {
  const issues: Issue[] = [];
  const at = (i: number, field: string): string => `features[${i}].properties.${field}`;
  const nodeIndex = new Map<string, number>();
  const network: RiverNetwork = {
    nodeIds: [], nodeNames: [], nodeKinds: [], downstreamReach: new Int32Array(0), diversions: [], reaches: [], subbasins: [], reservoirs: [], basins: [], compartments: [],
    order: new Int32Array(0), routingOrder: new Int32Array(0),
  };
  features.forEach((p) => {
    if (!NODE_KINDS.includes(p.kind)) return;
    nodeIndex.set(p.id, network.nodeIds.length);
    network.nodeIds.push(p.id);
    network.nodeNames.push(p.name);
    network.nodeKinds.push(p.kind as NodeKind);
  });
  const compartmentIndex = new Map<string, number>();
  features.forEach((p, i) => {
    if (p.kind !== 'compartment') return;
    if (!checkStageArea(p.stageArea, file, at(i, 'stageArea'), issues)) return;
    checkLand(p.zones, p.stageArea.at(-1)?.areaKm2 ?? 0, 'the last stageArea area', file, at(i, 'zones'), issues);
    compartmentIndex.set(p.id, network.compartments.length);
    network.compartments.push({ id: p.id, name: p.name, hypsometry: compileHypsometry(p.stageArea), zones: Object.entries(p.zones), drainageM3s: p.drainageM3s ?? 0 });
  });
  const n = network.nodeIds.length;
  const downstream = new Int32Array(n).fill(-1);
  network.diversions = Array.from({ length: n }, () => []);
  const resolve = (id: string, i: number, field: string): number => {
    const k = nodeIndex.get(id);
    if (k === undefined) issues.push({ file, path: at(i, field), message: `unknown node '${id}'` });
    return k ?? -1;
  };
  features.forEach((p, i) => {
    if (p.kind === 'reach') {
      const fromNode = resolve(p.from, i, 'from');
      const toNode = resolve(p.to, i, 'to');
      if (fromNode < 0 || toNode < 0) return;
      if (fromNode === toNode) issues.push({ file, path: at(i, 'to'), message: `a reach cannot end where it starts ('${p.to}')` });
      else if (network.nodeKinds[fromNode] === 'outlet') issues.push({ file, path: at(i, 'from'), message: `'${p.from}' is an outlet: nothing flows on from it` });
      else if (p.diversion === undefined && (downstream[fromNode] as number) >= 0) issues.push({ file, path: at(i, 'from'), message: `node '${p.from}' already has a main downstream reach: give a bifurcation's other branches a \`diversion\` rule` });
      else {
        const compartment = p.floodsCompartment === undefined ? -1 : (compartmentIndex.get(p.floodsCompartment) ?? -1);
        if (p.floodsCompartment !== undefined && compartment < 0) issues.push({ file, path: at(i, 'floodsCompartment'), message: `unknown compartment '${p.floodsCompartment}'` });
        // Water leaves a reach only above its design discharge: without one, the compartment would never flood.
        if (p.floodsCompartment !== undefined && p.capacityM3s === undefined) issues.push({ file, path: at(i, 'floodsCompartment'), message: 'needs capacityM3s: water leaves a reach only above its design discharge' });
        // The breach fragility runs from the design discharge's depth to the crest: a design discharge of 0 has no depth to start from.
        if (p.leveeReturnPeriodYears !== undefined && !((p.capacityM3s ?? 0) > 0)) issues.push({ file, path: at(i, 'capacityM3s'), message: 'a reach with leveeReturnPeriodYears needs a design discharge capacityM3s > 0' });
        if (p.diversion) network.diversions[fromNode]?.push(network.reaches.length);
        else downstream[fromNode] = network.reaches.length;
        network.reaches.push({ ...p, fromNode, toNode, compartment });
      }
    } else if (p.kind === 'subbasin') {
      const outletNode = resolve(p.outlet, i, 'outlet');
      if (outletNode >= 0) network.subbasins.push({ ...p, outletNode });
    } else if (p.kind === 'reservoir') {
      if (p.floodLimitStorageM3 > p.crestStorageM3) issues.push({ file, path: at(i, 'floodLimitStorageM3'), message: `must not exceed crestStorageM3 (${p.crestStorageM3})` });
      network.reservoirs.push({ ...p, node: nodeIndex.get(p.id) as number });
    } else if (p.kind === 'detention-basin') {
      const controlNode = p.controlStation === undefined ? (nodeIndex.get(p.id) as number) : resolve(p.controlStation, i, 'controlStation');
      // Without a surveyed relation a basin is a tilted plane just covered at its design volume (mean depth V/A, deepest 2V/A).
      const given = p.stageArea !== undefined && checkStageArea(p.stageArea, file, at(i, 'stageArea'), issues) ? compileHypsometry(p.stageArea) : undefined;
      if (p.zones) checkLand(p.zones, given ? (p.stageArea?.at(-1)?.areaKm2 ?? 0) : p.areaKm2, given ? 'the last stageArea area' : 'areaKm2', file, at(i, 'zones'), issues);
      const hypsometry = given ?? planarHypsometry(p.areaKm2, (2 * p.designVolumeM3) / (p.areaKm2 * 1e6));
      network.basins.push({ ...p, node: nodeIndex.get(p.id) as number, controlNode, hypsometry });
    }
  });
  network.nodeKinds.forEach((kind, k) => {
    if (kind !== 'outlet' && downstream[k] === -1) issues.push({ file, path: `node ${network.nodeIds[k] as string}`, message: 'has no downstream reach: water must reach an outlet' });
  });
  network.downstreamReach = downstream;

  // Kahn's algorithm over node → node edges; whatever is left over lies on a cycle.
  const indegree = new Int32Array(n);
  for (const r of network.reaches) indegree[r.toNode] = (indegree[r.toNode] as number) + 1;
  const order: number[] = [];
  const routingOrder = new Int32Array(n);
  const queue = [...Array(n).keys()].filter((k) => indegree[k] === 0);
  while (queue.length > 0) {
    const k = queue.shift() as number;
    order.push(k);
    const leaving = [downstream[k] as number, ...(network.diversions[k] ?? [])].filter((r) => r >= 0);
    for (const r of leaving) {
      const to = (network.reaches[r] as { toNode: number }).toNode;
      routingOrder[to] = Math.max(routingOrder[to] as number, (routingOrder[k] as number) + 1);
      indegree[to] = (indegree[to] as number) - 1;
      if (indegree[to] === 0) queue.push(to);
    }
  }
  if (order.length < n) {
    const onCycle = [...Array(n).keys()].filter((k) => (indegree[k] as number) > 0).map((k) => network.nodeIds[k] as string);
    issues.push({ file, path: 'reaches', message: `reaches form a cycle through ${onCycle.join(' → ')}` });
  }
  network.order = Int32Array.from(order);
  network.routingOrder = routingOrder;

  // A basin's control station must be the basin or upstream of it, so its flow is known first.
  // (Walking downstream is only safe once the network is known to have no cycle.)
  if (order.length < n) return { network, issues };
  network.basins.forEach((b) => {
    if (b.controlNode < 0 || b.controlNode === b.node) return;
    let k = b.controlNode;
    while (k >= 0 && k !== b.node) {
      const r = downstream[k] as number;
      k = r >= 0 ? (network.reaches[r] as { toNode: number }).toNode : -1;
    }
    if (k !== b.node) issues.push({ file, path: `node ${b.id}`, message: `control station '${b.controlStation ?? ''}' is not upstream of the basin` });
  });
  return { network, issues };
}

/** A stage–area relation starts at (0, 0), rises in level, never shrinks in area, and floods some land above its first level. */
function checkStageArea(points: readonly { stageM: number; areaKm2: number }[], file: string, path: string, issues: Issue[]): boolean {
  const before = issues.length;
  const first = points[0];
  if (first && (first.stageM !== 0 || first.areaKm2 !== 0)) issues.push({ file, path: `${path}[0]`, message: 'must be { stageM: 0, areaKm2: 0 } (the lowest ground)' });
  for (let k = 1; k < points.length; k++) {
    const a = points[k - 1] as { stageM: number; areaKm2: number };
    const b = points[k] as { stageM: number; areaKm2: number };
    if (b.stageM <= a.stageM) issues.push({ file, path: `${path}[${k}].stageM`, message: `levels must increase (${b.stageM} after ${a.stageM})` });
    if (b.areaKm2 < a.areaKm2) issues.push({ file, path: `${path}[${k}].areaKm2`, message: `flooded area cannot shrink as the water rises (${b.areaKm2} after ${a.areaKm2})` });
  }
  if ((points[1]?.areaKm2 ?? 0) <= 0) issues.push({ file, path: `${path}[1].areaKm2`, message: 'must be > 0: water above the lowest ground floods some area' });
  return issues.length === before;
}

/** The zones' parts add up to the land the stage–area relation floods (within 1 %), so exposure never counts more land than there is. */
function checkLand(zones: Record<string, number>, areaKm2: number, what: string, file: string, path: string, issues: Issue[]): void {
  const land = Object.values(zones).reduce((a, b) => a + b, 0);
  if (Math.abs(land - areaKm2) > 0.01 * areaKm2) issues.push({ file, path, message: `zone areas add up to ${land} km², not ${what} (${areaKm2} km²)` });
}
