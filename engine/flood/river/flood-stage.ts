import type { RealizationSink } from '../../run/realization.js';
import type { RainfallHazard } from '../../scenario/schema.js';
import type { RiverNetwork } from './network.js';
import type { AntecedentMoisture } from './scs-curve-number.js';
import { simulateRiverNetwork } from './simulate-network.js';

/** Routing step of the river-system model. */
export const FLOOD_STEP_S = 900;

/** A scenario's river flood compiled for realizations: the network and the rain on each sub-basin per step. */
export interface FloodInput {
  network: RiverNetwork;
  dtS: number;
  steps: number;
  rainMm: Float64Array[];
  antecedentMoisture: AntecedentMoisture;
}

/** Share of a storm's total fallen by time t (h) of a storm lasting d hours. */
function cumulativeShare(t: number, d: number, pattern: 'triangular' | 'uniform'): number {
  if (t <= 0) return 0;
  if (t >= d) return 1;
  if (pattern === 'uniform') return t / d;
  // Symmetric triangle peaking mid-storm: the CDF of the triangular distribution on [0, d].
  return t <= d / 2 ? (2 * t * t) / (d * d) : 1 - (2 * (d - t) * (d - t)) / (d * d);
}

/** Rain per routing step on each sub-basin from the scenario's rainfall hazards (totals split by their pattern). */
export function compileFloodInput(hazards: RainfallHazard[], network: RiverNetwork, horizonH: number): FloodInput {
  const steps = Math.ceil((horizonH * 3600) / FLOOD_STEP_S);
  const dtH = FLOOD_STEP_S / 3600;
  const rainMm = network.subbasins.map(() => new Float64Array(steps));
  for (const h of hazards) {
    const start = h.atH ?? 0;
    network.subbasins.forEach((b, i) => {
      const total = h.totalsMm?.[b.id] ?? h.uniformMm ?? 0;
      if (total === 0) return;
      const series = rainMm[i] as Float64Array;
      for (let k = 0; k < steps; k++) {
        const share = cumulativeShare((k + 1) * dtH - start, h.durationH, h.pattern ?? 'triangular') - cumulativeShare(k * dtH - start, h.durationH, h.pattern ?? 'triangular');
        series[k] = (series[k] as number) + total * share;
      }
    });
  }
  // One soil state per run: the wettest condition any storm names (the storms share the ground).
  const order = ['I', 'II', 'III'] as const;
  const antecedentMoisture = order[Math.max(...hazards.map((h) => order.indexOf(h.antecedentMoisture ?? 'II')))] ?? 'II';
  return { network, dtS: FLOOD_STEP_S, steps, rainMm, antecedentMoisture };
}

const hours = (sample: number, dtS: number): number => (sample * dtS) / 3600;

/** Nodes whose hydrographs a run reports: stations and sea outlets. */
export const gaugeNodes = (network: RiverNetwork): number[] => network.nodeKinds.flatMap((kind, k) => (kind === 'station' || kind === 'outlet' ? [k] : []));

/** Hourly samples of a run of `steps` routing steps (t = 0, 1, 2 … h). */
export const hourlySamples = (input: FloodInput): number => Math.floor((input.steps * input.dtS) / 3600) + 1;

/**
 * One realization of the river flood: peaks at nodes, hourly hydrographs at the gauges,
 * reservoirs, basins, overtopping and the volume balance. Returns when each detention basin
 * opened (hours, −1 if it did not).
 */
export function runFloodRealization(input: FloodInput, sink: RealizationSink): Float64Array {
  const { network, dtS } = input;
  const result = simulateRiverNetwork(input);
  const nodes = network.nodeIds.length;
  const gauges = gaugeNodes(network);
  const samples = hourlySamples(input);
  const perHour = Math.round(3600 / dtS);
  const hydrographs = sink.field('river.gaugeHourlyM3s', gauges.length * samples);
  gauges.forEach((node, g) => {
    const q = result.nodeOutflow[node] as Float64Array;
    for (let h = 0; h < samples; h++) hydrographs[g * samples + h] = q[Math.min(h * perHour, q.length - 1)] ?? 0;
  });
  const peak = sink.field('river.nodePeakM3s', nodes);
  const peakAt = sink.field('river.nodePeakTimeH', nodes);
  result.nodeOutflow.forEach((q, node) => {
    let best = 0;
    let at = 0;
    q.forEach((v, k) => { if (v > best) { best = v; at = k; } });
    peak[node] = best;
    peakAt[node] = hours(at, dtS);
  });
  const rIn = sink.field('river.reservoirPeakInflowM3s', network.reservoirs.length);
  const rOut = sink.field('river.reservoirPeakOutflowM3s', network.reservoirs.length);
  const rMax = sink.field('river.reservoirMaxStorageM3', network.reservoirs.length);
  network.reservoirs.forEach((r, i) => {
    rIn[i] = Math.max(...(result.nodeInflow[r.node] as Float64Array));
    rOut[i] = Math.max(...(result.reservoirs[i]?.outflow ?? [0]));
    rMax[i] = Math.max(...(result.reservoirs[i]?.storage ?? [0]));
  });
  const bAt = sink.field('river.basinActivatedAtH', network.basins.length);
  const bMax = sink.field('river.basinMaxStoredM3', network.basins.length);
  let displaced = 0;
  network.basins.forEach((b, i) => {
    const basin = result.basins[i];
    bAt[i] = basin && basin.activatedAt >= 0 ? hours(basin.activatedAt, dtS) : -1;
    bMax[i] = Math.max(...(basin?.stored ?? [0]));
    if (basin && basin.activatedAt >= 0) displaced += b.residents;
  });
  const oVol = sink.field('river.reachOvertopM3', network.reaches.length);
  const oAt = sink.field('river.reachOvertopAtH', network.reaches.length);
  result.overtopping.forEach((o, i) => {
    oVol[i] = o.volumeM3;
    oAt[i] = o.firstAt >= 0 ? hours(o.firstAt, dtS) : -1;
  });
  sink.scalar('flood.basinResidentsDisplaced', displaced);
  for (const [name, value] of Object.entries(result.mass) as [string, number][]) sink.scalar(`flood.mass.${name}`, value);
  return bAt;
}
