import { divertToBasin } from './detention.js';
import { breachOutflowM3s, normalDepthM } from './levee-breach.js';
import { routeMuskingumCunge } from './muskingum.js';
import type { RiverNetwork } from './network.js';
import { routeReservoir } from './reservoir.js';
import { adjustCurveNumber, excessRainfall, type AntecedentMoisture } from './scs-curve-number.js';
import { convolve, scsUnitHydrograph, trapezoidVolume } from './scs-unit-hydrograph.js';

export interface RiverRunInput {
  network: RiverNetwork;
  dtS: number;
  /** Number of steps; series have steps + 1 samples, t_k = kΔt. */
  steps: number;
  /** Rain per step (mm) for each sub-basin, in `network.subbasins` order. */
  rainMm: Float64Array[];
  antecedentMoisture?: AntecedentMoisture;
  /** Extra inflow hydrographs (m³/s, steps + 1 samples) at nodes: a design flood at a station. */
  nodeInflows?: Map<number, Float64Array>;
  /** Per reach, the flow depth (m) at which its levee breaches in this realization (Infinity: it holds). */
  breachDepthM?: Float64Array;
  /** Final breach width (m) per reach. */
  breachWidthM?: Float64Array;
  /** Evaluation order of the nodes (default: the network's topological order); any order that keeps each node after those upstream gives the same result. */
  order?: Int32Array;
}

export interface RiverMassBalance {
  rainM3: number;
  lossesM3: number;
  inTransitM3: number;
  externalInflowM3: number;
  reservoirStorageChangeM3: number;
  basinStoredM3: number;
  floodplainM3: number;
  seaOutflowM3: number;
  channelStorageChangeM3: number;
  errorM3: number;
  relativeError: number;
}

export interface RiverRunResult {
  /** Discharge through each node (after its reservoir or basin), steps + 1 samples. */
  nodeOutflow: Float64Array[];
  nodeInflow: Float64Array[];
  reservoirs: { storage: Float64Array; outflow: Float64Array }[];
  basins: { activatedAt: number; stored: Float64Array }[];
  /**
   * Per reach: water that left the river over the levees (m³) and the first sample it did (−1:
   * never); the sample the levee breached (−1: it held) and what left through the breach.
   */
  overtopping: { volumeM3: number; firstAt: number; breachAt: number; breachVolumeM3: number; spillM3s?: Float64Array }[];
  /** Water held in each compartment at each sample (m³): what its reaches spilled, less what drained away. */
  compartmentVolume: Float64Array[];
  /** Water that drained out of each compartment by the end (m³): a part of `mass.floodplainM3` no longer held. */
  compartmentDrainedM3: Float64Array;
  /** Discharge entering each reach at its upstream end (m³/s, steps + 1 samples): what bridges over it carry. */
  reachInflow: Float64Array[];
  mass: RiverMassBalance;
}

/**
 * One deterministic run of the river network: runoff per sub-basin (SCS curve number and unit
 * hydrograph), then node by node in topological order — reservoirs route by their rule, basins
 * divert, reaches route by Muskingum–Cunge and spill what exceeds their capacity. Every volume
 * is a trapezoid-rule integral of piecewise-linear hydrographs, so the balance closes to round-off.
 */
export function simulateRiverNetwork(input: RiverRunInput): RiverRunResult {
  const { network, dtS, steps } = input;
  const samples = steps + 1;
  const dtH = dtS / 3600;
  const nodes = network.nodeIds.length;
  const nodeInflow = Array.from({ length: nodes }, () => new Float64Array(samples));
  const nodeOutflow: Float64Array[] = Array.from({ length: nodes }, () => new Float64Array(samples));
  const mass: RiverMassBalance = { rainM3: 0, lossesM3: 0, inTransitM3: 0, externalInflowM3: 0, reservoirStorageChangeM3: 0, basinStoredM3: 0, floodplainM3: 0, seaOutflowM3: 0, channelStorageChangeM3: 0, errorM3: 0, relativeError: 0 };

  network.subbasins.forEach((b, i) => {
    const rain = input.rainMm[i] ?? new Float64Array(steps);
    const cn = adjustCurveNumber(b.curveNumber, input.antecedentMoisture ?? 'II');
    const excess = excessRainfall(rain, cn);
    const areaM2 = b.areaKm2 * 1e6;
    const rainTotal = rain.reduce((a, c) => a + c, 0);
    const excessTotal = excess.reduce((a, c) => a + c, 0);
    mass.rainM3 += (rainTotal / 1000) * areaM2;
    mass.lossesM3 += ((rainTotal - excessTotal) / 1000) * areaM2;
    const runoff = convolve(excess, scsUnitHydrograph(b.areaKm2, b.tcH, dtH), new Float64Array(samples));
    const arrived = trapezoidVolume(runoff, dtS);
    mass.inTransitM3 += (excessTotal / 1000) * areaM2 - arrived;
    const target = nodeInflow[b.outletNode] as Float64Array;
    for (let k = 0; k < samples; k++) target[k] = (target[k] as number) + (runoff[k] as number);
  });
  for (const [node, q] of input.nodeInflows ?? []) {
    const target = nodeInflow[node] as Float64Array;
    for (let k = 0; k < samples; k++) target[k] = (target[k] as number) + (q[k] ?? 0);
    mass.externalInflowM3 += trapezoidVolume(q.subarray(0, samples), dtS);
  }

  const reservoirAt = new Map(network.reservoirs.map((r, i) => [r.node, i]));
  const basinAt = new Map(network.basins.map((b, i) => [b.node, i]));
  const reservoirs: RiverRunResult['reservoirs'] = [];
  const basins: RiverRunResult['basins'] = [];
  const overtopping: RiverRunResult['overtopping'] = network.reaches.map(() => ({ volumeM3: 0, firstAt: -1, breachAt: -1, breachVolumeM3: 0 }));
  const compartmentInflow = network.compartments.map(() => new Float64Array(samples));
  // What each reach delivers, added at its end node in reach order: the sums, and so the results,
  // do not depend on the order nodes are evaluated in (any order that respects the routing orders).
  const delivered: (Float64Array | undefined)[] = network.reaches.map(() => undefined);
  const reachInflow: Float64Array[] = network.reaches.map(() => new Float64Array(samples));
  // Volumes by node and reach, summed in index order at the end for the same reason.
  const byNode = { reservoir: new Float64Array(nodes), basin: new Float64Array(nodes), sea: new Float64Array(nodes) };
  const byReach = { channel: new Float64Array(network.reaches.length), floodplain: new Float64Array(network.reaches.length) };
  const incoming = network.nodeIds.map((): number[] => []);
  network.reaches.forEach((r, i) => incoming[r.toNode]?.push(i));

  for (const node of input.order ?? network.order) {
    const inflow = nodeInflow[node] as Float64Array;
    for (const r of incoming[node] ?? []) {
      const q = delivered[r];
      if (q) for (let k = 0; k < samples; k++) inflow[k] = (inflow[k] as number) + (q[k] as number);
    }
    let out: Float64Array = inflow;
    const r = reservoirAt.get(node);
    if (r !== undefined) {
      const routed = routeReservoir(inflow, dtS, network.reservoirs[r] as RiverNetwork['reservoirs'][number]);
      reservoirs[r] = routed;
      out = routed.outflow;
      byNode.reservoir[node] = (routed.storage[samples - 1] as number) - (routed.storage[0] as number);
    }
    const b = basinAt.get(node);
    if (b !== undefined) {
      const basin = network.basins[b] as RiverNetwork['basins'][number];
      // The control station's flow is known: it is this node (use what arrives) or upstream of it.
      const control = basin.controlNode === node ? out : (nodeOutflow[basin.controlNode] as Float64Array);
      const result = divertToBasin(out, control, dtS, basin);
      basins[b] = { activatedAt: result.activatedAt, stored: result.stored };
      out = out.map((q, k) => q - (result.diversion[k] as number));
      byNode.basin[node] = result.stored[samples - 1] as number;
    }
    nodeOutflow[node] = out === inflow ? Float64Array.from(inflow) : out;
    // At a bifurcation each diversion takes its share first; the main reach carries the rest.
    let main = out;
    for (const d of network.diversions[node] ?? []) {
      const rule = network.reaches[d]?.diversion as { aboveM3s: number; maxM3s: number };
      const taken = main.map((q) => Math.min(Math.max(q - rule.aboveM3s, 0), rule.maxM3s));
      main = main.map((q, k) => q - (taken[k] as number));
      flowDown(d, taken);
    }
    const reachIndex = network.downstreamReach[node] as number;
    if (reachIndex < 0) byNode.sea[node] = trapezoidVolume(main, dtS);
    else flowDown(reachIndex, main);
  }

  /** Routes `q` down a reach, lets what its levees cannot hold into its compartment, and delivers the rest to its end node. */
  function flowDown(reachIndex: number, q: Float64Array): void {
    const reach = network.reaches[reachIndex] as RiverNetwork['reaches'][number];
    reachInflow[reachIndex] = q;
    const routed = routeReach(q, dtS, reach);
    byReach.channel[reachIndex] = trapezoidVolume(q, dtS) - trapezoidVolume(routed, dtS);
    if (reach.capacityM3s !== undefined) {
      const leaving = leaveOverLevees(routed, reach, input.breachDepthM?.[reachIndex] ?? Infinity, input.breachWidthM?.[reachIndex] ?? 0, dtS);
      overtopping[reachIndex] = leaving.report;
      if (leaving.report.volumeM3 + leaving.report.breachVolumeM3 > 0) {
        byReach.floodplain[reachIndex] = leaving.report.volumeM3 + leaving.report.breachVolumeM3;
        for (let k = 0; k < samples; k++) routed[k] = (routed[k] as number) - (leaving.outflow[k] as number);
      }
    }
    delivered[reachIndex] = routed;
  }

  // Each compartment takes its reaches' spills, added in reach order.
  overtopping.forEach((o, i) => {
    const into = compartmentInflow[network.reaches[i]?.compartment ?? -1];
    const spill = o.spillM3s;
    if (into && spill) for (let k = 0; k < samples; k++) into[k] = (into[k] as number) + (spill[k] as number);
  });
  const total = (xs: Float64Array): number => xs.reduce((a, b) => a + b, 0);
  mass.reservoirStorageChangeM3 = total(byNode.reservoir);
  mass.basinStoredM3 = total(byNode.basin);
  mass.seaOutflowM3 = total(byNode.sea);
  mass.channelStorageChangeM3 = total(byReach.channel);
  mass.floodplainM3 = total(byReach.floodplain);
  const accounted = mass.lossesM3 + mass.inTransitM3 + mass.reservoirStorageChangeM3 + mass.basinStoredM3 + mass.floodplainM3 + mass.seaOutflowM3 + mass.channelStorageChangeM3;
  mass.errorM3 = mass.rainM3 + mass.externalInflowM3 - accounted;
  mass.relativeError = Math.abs(mass.errorM3) / Math.max(mass.rainM3 + mass.externalInflowM3, Number.MIN_VALUE);
  const compartmentDrainedM3 = new Float64Array(network.compartments.length);
  const compartmentVolume = compartmentInflow.map((q, c) => {
    const held = heldVolume(q, dtS, network.compartments[c]?.drainageM3s ?? 0);
    compartmentDrainedM3[c] = held.drainedM3;
    return held.volume;
  });
  return { nodeOutflow, nodeInflow, reservoirs, basins, overtopping, compartmentVolume, compartmentDrainedM3, reachInflow, mass };
}

/**
 * Water held at each sample (m³) of a store filled by the hydrograph `q` (trapezoid rule) and
 * emptied at up to `drainM3s` whenever it holds water, and what drained away in all.
 */
function heldVolume(q: Float64Array, dtS: number, drainM3s: number): { volume: Float64Array; drainedM3: number } {
  const volume = new Float64Array(q.length);
  let drainedM3 = 0;
  for (let k = 1; k < q.length; k++) {
    const filled = (volume[k - 1] as number) + (((q[k - 1] as number) + (q[k] as number)) / 2) * dtS;
    const drained = Math.min(drainM3s * dtS, filled);
    drainedM3 += drained;
    volume[k] = filled - drained;
  }
  return { volume, drainedM3 };
}

/**
 * What leaves a leveed reach: the flow above its design discharge goes over the levees; once the
 * flow depth reaches the levee's sampled breach depth, the breach lets out a weir flow from what
 * remains, for the rest of the run (breaches are not closed within a run).
 */
function leaveOverLevees(routed: Float64Array, reach: RiverNetwork['reaches'][number], breachDepth: number, breachWidth: number, dtS: number): { outflow: Float64Array; report: RiverRunResult['overtopping'][number] } {
  const capacity = reach.capacityM3s as number;
  const over = routed.map((q) => Math.max(q - capacity, 0));
  const breach = new Float64Array(routed.length);
  let breachAt = -1;
  if (breachDepth < Infinity && breachWidth > 0) {
    breachAt = routed.findIndex((q) => normalDepthM(q, reach) >= breachDepth);
    for (let k = Math.max(breachAt, 0); breachAt >= 0 && k < routed.length; k++) breach[k] = breachOutflowM3s((routed[k] as number) - (over[k] as number), breachWidth, reach);
  }
  const volumeM3 = trapezoidVolume(over, dtS);
  const breachVolumeM3 = trapezoidVolume(breach, dtS);
  const outflow = over.map((q, k) => q + (breach[k] as number));
  return { outflow, report: { volumeM3, firstAt: volumeM3 > 0 ? over.findIndex((q) => q > 0) : -1, breachAt, breachVolumeM3, ...(volumeM3 + breachVolumeM3 > 0 ? { spillM3s: outflow } : {}) } };
}

/** Muskingum–Cunge routing down a reach at the mean of the inflow's lowest and highest discharge (Ponce 1989). */
function routeReach(inflow: Float64Array, dtS: number, reach: RiverNetwork['reaches'][number]): Float64Array {
  let lowest = Infinity;
  let highest = 0;
  for (const q of inflow) {
    if (q < lowest) lowest = q;
    if (q > highest) highest = q;
  }
  // A dry reach stays dry (and its K at a vanishing reference flow would be unbounded).
  if (highest === 0) return new Float64Array(inflow.length);
  const qRef = Math.max((lowest + highest) / 2, 1e-3);
  return routeMuskingumCunge(inflow, dtS, { lengthM: reach.lengthKm * 1000, widthM: reach.widthM, slope: reach.slope, manning: reach.manning }, qRef);
}
