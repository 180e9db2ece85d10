/**
 * The river flood's part of `summary.json` (DESIGN §5 `flood`): stations, reservoirs, basins,
 * levees, flooded areas, who lives on the flooded land, and the volume balance, over the
 * realizations.
 */
import { round4 } from '../../core/round.js';
import { eventStats, statsOrNaN, summarizeColumns, type MetricSeries, type MetricStats } from '../../parallel/ensemble.js';
import type { FloodSummary } from '../../run/summary.js';
import { DEPTH_BAND_EDGES_M, DEPTH_BAND_LABELS, gaugeNodes, hourlySamples, type FloodInput } from './flood-stage.js';

export function floodSummary(flood: FloodInput, values: Record<string, MetricSeries>, stats: Record<string, MetricStats>): FloodSummary {
  const { network } = flood;
  const mean = (name: string): number[] => (values[name] ? summarizeColumns(values[name]).map((s) => s.mean) : []);
  const when = (name: string, column: number, happened: (v: number) => boolean): { probability: number; mean: number } => eventStats(values[name], column, happened);
  const nodePeak = mean('river.nodePeakM3s');
  const nodePeakAt = mean('river.nodePeakTimeH');
  const hydrographs = mean('river.gaugeHourlyM3s');
  const samples = hourlySamples(flood);
  const r = { inflow: mean('river.reservoirPeakInflowM3s'), outflow: mean('river.reservoirPeakOutflowM3s'), storage: mean('river.reservoirMaxStorageM3') };
  const b = { at: mean('river.basinActivatedAtH'), stored: mean('river.basinMaxStoredM3') };
  const o = { volume: mean('river.reachOvertopM3'), breachVolume: mean('river.reachBreachM3') };
  const area = { stage: mean('flood.areaMaxStageM'), volume: mean('flood.areaMaxVolumeM3'), km2: mean('flood.areaFloodedKm2'), exposed: mean('flood.areaPopulationExposed'), hourly: mean('flood.areaHourlyStageM') };
  const compartmentIds = network.compartments.map((c) => c.id);
  const massOf = (name: string): number => stats[`flood.mass.${name}`]?.mean ?? Number.NaN;
  const areaM2 = network.subbasins.map((b) => b.areaKm2 * 1e6);
  return {
    storms: flood.storms.map((storm) => {
      let rainM3 = 0;
      let wetM2 = 0;
      storm.rainMm.forEach((series, i) => {
        const mm = series.reduce((a, b) => a + b, 0);
        rainM3 += (mm / 1000) * (areaM2[i] as number);
        if (mm > 0) wetM2 += areaM2[i] as number;
      });
      // The mean over the sub-basins it rains on.
      return { durationH: storm.durationH, rainM3: round4(rainM3), meanMm: wetM2 > 0 ? round4((rainM3 / wetM2) * 1000) : 0, scale: storm.scale, ...(storm.transposedFrom ? { transposedFrom: storm.transposedFrom } : {}) };
    }),
    designFloods: flood.designFloods,
    stations: gaugeNodes(network).map((k, g) => ({
      id: network.nodeIds[k] as string, name: network.nodeNames[k] as string, peakDischargeM3s: round4(nodePeak[k] ?? 0), peakTimeH: nodePeakAt[k] ?? 0,
      hourlyM3s: hydrographs.slice(g * samples, (g + 1) * samples).map((q) => Math.round(q * 10) / 10),
    })),
    reservoirs: network.reservoirs.map((res, i) => ({ id: res.id, name: res.name, peakInflowM3s: round4(r.inflow[i] ?? 0), peakOutflowM3s: round4(r.outflow[i] ?? 0), maxStorageM3: round4(r.storage[i] ?? 0) })),
    detentionBasins: network.basins.map((basin, i) => {
      const at = b.at[i] ?? -1;
      return { id: basin.id, name: basin.name, activated: at >= 0, ...(at >= 0 ? { activatedAtH: at } : {}), maxStoredM3: round4(b.stored[i] ?? 0), residents: at >= 0 ? basin.residents : 0 };
    }),
    leveeFailures: network.reaches.flatMap((reach, i) => {
      const floods = reach.compartment >= 0 ? { floods: compartmentIds[reach.compartment] as string } : {};
      const over = when('river.reachOvertopAtH', i, (t) => t >= 0);
      const breach = when('river.reachBreachAtH', i, (t) => t >= 0);
      return [
        ...(over.probability > 0 ? [{ id: `${reach.id}-overtopping`, reach: reach.id, kind: 'overtopping' as const, atH: round4(over.mean), volumeM3: round4(o.volume[i] ?? 0), probability: over.probability, ...floods }] : []),
        ...(breach.probability > 0 ? [{ id: `${reach.id}-breach`, reach: reach.id, kind: 'breach' as const, atH: round4(breach.mean), volumeM3: round4(o.breachVolume[i] ?? 0), probability: breach.probability, ...floods }] : []),
      ];
    }),
    floodedAreas: flood.areas.flatMap((a, i) => {
      const from = when('flood.areaFloodedAtH', i, (t) => t >= 0);
      if (from.probability === 0) return [];
      const isCompartment = i < network.compartments.length;
      const name = isCompartment ? network.compartments[i]?.name : network.basins[i - network.compartments.length]?.name;
      return [{
        id: a.id, name: name ?? a.id, kind: isCompartment ? 'compartment' as const : 'detention-basin' as const, probability: from.probability, floodedFromH: round4(from.mean),
        maxStageM: round4(area.stage[i] ?? 0), maxVolumeM3: round4(area.volume[i] ?? 0), floodedAreaKm2: round4(area.km2[i] ?? 0), populationExposed: Math.round(area.exposed[i] ?? 0),
        hourlyStageM: area.hourly.slice(i * samples, (i + 1) * samples).map((x) => Math.round(x * 100) / 100),
      }];
    }),
    exposure: {
      depthBandsM: [...DEPTH_BAND_EDGES_M],
      byDepthBand: Object.fromEntries(DEPTH_BAND_LABELS.map((label) => [label, statsOrNaN(stats, `flood.populationExposed.${label}`)])),
      populationExposed: statsOrNaN(stats, 'flood.populationExposed'),
      displacedByDepth: statsOrNaN(stats, 'flood.displacedByDepth'),
      displacementDepthM: flood.displacementDepthM,
    },
    mass: {
      rainM3: massOf('rainM3'), lossesM3: massOf('lossesM3'), inTransitM3: massOf('inTransitM3'), reservoirStorageChangeM3: massOf('reservoirStorageChangeM3'),
      externalInflowM3: massOf('externalInflowM3'), basinStoredM3: massOf('basinStoredM3'), floodplainM3: massOf('floodplainM3'), seaOutflowM3: massOf('seaOutflowM3'),
      channelStorageChangeM3: massOf('channelStorageChangeM3'), drainedM3: massOf('drainedM3'), relativeError: massOf('relativeError'),
    },
  };
}
