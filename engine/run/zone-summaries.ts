/** Per-zone figures of `summary.json` (DESIGN §5 `zones[]`): shaking, flood, service, displacement, casualties. */
import { round4 } from '../core/round.js';
import { DEPTH_BAND_LABELS } from '../flood/river/flood-stage.js';
import type { MetricStats } from '../parallel/ensemble.js';
import { DAMAGE_STATE_NAMES } from '../quake/quake-stage.js';
import type { Region } from '../region/region.js';
import type { PeopleZoneStats, ZoneSummary } from './summary.js';

export type QuakeZoneStats = Record<'intensity' | 'pga' | 'pgv' | 'sa10' | 'deaths' | 'injuries' | 'serious' | 'displaced' | 'states' | 'deathsYin' | 'deathsPager', MetricStats[] | undefined>;

/** Per zone and system: the unserved fraction at the horizon, the hours without, those the flood caused. */
export interface ZoneServiceStats {
  loss: Record<string, number>[] | undefined;
  hours: Record<string, number>[] | undefined;
  hoursByFlood: Record<string, number>[] | undefined;
}

export type FloodZoneStats = Record<'depth' | 'km2' | 'exposed' | 'bands', MetricStats[] | undefined>;

export function zoneSummaries(region: Region, quake: QuakeZoneStats | undefined, flood: FloodZoneStats | undefined, service: ZoneServiceStats, people: PeopleZoneStats | undefined): ZoneSummary[] {
  const serviceLoss = service.loss;
  const { zones, circles } = region;
  return zones.ids.map((id, z) => {
    const p = zones.properties[z];
    const band = zones.band[z] ?? -1;
    const at = (series: MetricStats[] | undefined): MetricStats | undefined => series?.[z];
    const pga = at(quake?.pga);
    const intensity = at(quake?.intensity);
    const pgv = at(quake?.pgv);
    const sa10 = at(quake?.sa10);
    const displaced = at(quake?.displaced);
    const peopleDisplaced = at(people?.displaced);
    const seekers = people?.seekers[z];
    const sheltered = people?.sheltered[z];
    const unsheltered = people?.unsheltered[z];
    const floodedKm2 = at(flood?.km2)?.mean ?? 0;
    const bands = DEPTH_BAND_LABELS.length;
    return {
      id, name: zones.names[z] ?? id, ...(p?.nameZh ? { nameZh: p.nameZh } : {}),
      population: zones.population[z] ?? 0, areaKm2: zones.areaKm2[z] ?? 0,
      circles: p?.circles ?? [],
      band: band >= 0 ? (circles[band]?.id ?? null) : null,
      ...(pga && pgv && intensity ? { quake: { intensity: Number(intensity.p50.toFixed(1)), pgaG: round4(pga.p50), pgaGP05: round4(pga.p05), pgaGP95: round4(pga.p95), pgvCmS: round4(pgv.p50), ...(sa10 ? { sa10G: round4(sa10.p50) } : {}) } } : {}),
      ...(floodedKm2 > 0 ? {
        flood: {
          maxDepthM: round4(at(flood?.depth)?.mean ?? 0), floodedAreaKm2: round4(floodedKm2), populationExposed: Math.round(at(flood?.exposed)?.mean ?? 0),
          byDepthBand: Object.fromEntries(DEPTH_BAND_LABELS.map((label, k) => [label, Math.round(flood?.bands?.[z * bands + k]?.mean ?? 0)])),
        },
      } : {}),
      ...(serviceLoss && Object.keys(serviceLoss[z] ?? {}).length > 0 ? { serviceLoss: serviceLoss[z] } : {}),
      ...(service.hours && Object.values(service.hours[z] ?? {}).some((h) => h > 0) ? { serviceHoursLost: service.hours[z] } : {}),
      ...(service.hoursByFlood && Object.values(service.hoursByFlood[z] ?? {}).some((h) => h > 0) ? { serviceHoursLostToFlood: service.hoursByFlood[z] } : {}),
      ...(peopleDisplaced ? { displaced: Math.round(peopleDisplaced.mean) } : {}),
      ...(peopleDisplaced && seekers !== undefined ? { seekingShelter: Math.round(seekers) } : {}),
      ...(sheltered !== undefined && unsheltered !== undefined ? { evacuation: { sheltered: Math.round(sheltered), unsheltered: Math.round(unsheltered) } } : {}),
      ...(displaced ? {
        casualties: {
          deaths: Math.round(at(quake?.deaths)?.mean ?? 0),
          injuries: Math.round(at(quake?.injuries)?.mean ?? 0),
          seriousInjuries: Math.round(at(quake?.serious)?.mean ?? 0),
          ...(quake?.deathsYin ? { deathsYinZhiqian: Math.round(at(quake.deathsYin)?.mean ?? 0) } : {}),
          ...(quake?.deathsPager ? { deathsPagerChina: Math.round(at(quake.deathsPager)?.mean ?? 0) } : {}),
        },
        ...(quake?.states ? { residentsByDamageState: Object.fromEntries(DAMAGE_STATE_NAMES.map((state, s) => [state, Math.round(quake.states?.[z * DAMAGE_STATE_NAMES.length + s]?.mean ?? 0)])) } : {}),
      } : {}),
    };
  });
}
