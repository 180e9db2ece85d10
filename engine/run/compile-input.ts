/**
 * A loaded scenario compiled into the plain data each stage of a realization needs (once per run,
 * before the realizations go to the workers).
 */
import { compileFloodExposure, type FloodExposure } from '../damage/flood-exposure.js';
import type { FloodHomes } from '../damage/flood-homes.js';
import type { DamageStageInput } from '../damage/damage-stage.js';
import type { FloodInput } from '../flood/river/flood-stage.js';
import { compileScenarioFlood } from '../flood/river/scenario-flood.js';
import type { LifelineStageInput } from '../lifelines/lifeline-stage.js';
import { scenarioOutages } from '../lifelines/scenario-outages.js';
import { compilePeopleInput, type PeopleStageInput } from '../people/people-stage.js';
import { compileDamageModel } from '../quake/damage.js';
import { compileQuakeField } from '../quake/ground-motion.js';
import { compileLifelineDamage } from '../quake/lifeline-damage.js';
import type { RoadGraph } from '../people/road-graph.js';
import { demGround } from '../region/pack-dem.js';
import type { Region } from '../region/region.js';
import type { LoadedScenario } from '../scenario/load-scenario.js';
import { DEFAULT_RESTORATION_DAYS, type Consequences } from '../scenario/schema.js';
import type { RealizationInput } from './realization.js';

export function compileRealizationInput(loaded: LoadedScenario): RealizationInput {
  const { scenario, region } = loaded;
  const { hazards } = scenario.file;
  const { horizonH } = scenario.options;
  const quakes = hazards.filter((h) => h.type === 'earthquake');
  const quakeAtH = Math.min(...quakes.map((h) => h.atH ?? 0));
  const zones = { lon: region.zones.lon, lat: region.zones.lat, siteClass: region.zones.properties.map((p) => p.siteClass) };
  const flood = compileScenarioFlood(scenario.file, horizonH, region);
  const deliberate = scenarioOutages(hazards, region.lifelines);
  const damageable = quakes.length > 0 ? compileLifelineDamage(region.lifelines) : undefined;
  const quakeDamage = damageable && damageable.components.length > 0 ? { model: damageable, atH: quakeAtH, ...(scenario.file.restoration?.pipelineWorkers ? { pipelineWorkers: scenario.file.restoration.pipelineWorkers } : {}) } : undefined;
  const people = hazards.length > 0 ? compilePeopleStage(region, quakes.length > 0 ? quakeAtH : 0, horizonH, scenario.file.consequences) : undefined;
  const exposure = flood ? floodExposure(region, flood, people?.graph) : undefined;
  const homes = flood && region.lifelines.bySystem.some((s) => s.system === 'power') ? floodHomes(flood, region.zones.population) : undefined;
  const floodDamage = flood && exposure && (exposure.components.length > 0 || exposure.roadLinks.length > 0 || homes) ? { exposure, hypsometry: flood.areas.map((a) => a.hypsometry), ...(homes ? { homes } : {}) } : undefined;
  const anyOutage = deliberate.length > 0 || quakeDamage !== undefined || floodDamage !== undefined;
  const { crews, days } = scenario.file.restoration ?? {};
  const tracked = Int32Array.from(new Set([...(quakeDamage?.model.components ?? []), ...(floodDamage?.exposure.components ?? [])])).sort();
  const damage: DamageStageInput = {
    systems: region.lifelines.systems, tracked, horizonH, deliberate,
    ...(quakeDamage ? { quake: quakeDamage } : {}), ...(floodDamage ? { flood: floodDamage } : {}), ...(crews ? { crews } : {}),
  };
  // The restoration curve starts at the event: the earthquake, else the flood's rain or the first cut.
  const eventH = quakes.length > 0 ? quakeAtH : Math.min(...hazards.filter((h) => h.type !== 'earthquake').map((h) => ('atH' in h ? (h.atH ?? 0) : 0)));
  const lifelines: LifelineStageInput = { network: region.lifelines, horizonH, restoration: { fromH: Number.isFinite(eventH) ? eventH : 0, days: days ?? DEFAULT_RESTORATION_DAYS } };
  return {
    zoneIds: region.zones.ids,
    zonePopulation: region.zones.population,
    circles: region.circles.map((c) => ({ id: c.id, members: c.members })),
    ...(quakes.length > 0 ? {
      quake: {
        quakes: quakes.map((h) => compileQuakeField(h, zones)), zonePopulation: region.zones.population,
        ...(region.exposure ? { damage: compileDamageModel(region.exposure, quakes[0]?.timeOfDay ?? 'night', scenario.file.consequences?.vulnerability) } : {}),
      },
    } : {}),
    ...(flood ? { flood } : {}),
    ...(anyOutage ? { damage, lifelines } : {}),
    ...(people ? { people } : {}),
  };
}

/** Where the flood's areas and reaches meet the region's lifeline components, and the people's own roads (local and access links of `graph`). */
export function floodExposure(region: Region, flood: FloodInput, graph?: RoadGraph): FloodExposure {
  const rivers = new Map(region.layers.rivers.features.map((f) => [f.properties.id, f.geometry]));
  const componentOf = new Map(region.lifelines.ids.map((id, k) => [id, k]));
  const areas = flood.areas.map((a) => {
    const g = rivers.get(a.id);
    return { id: a.id, ...(g && (g.type === 'Polygon' || g.type === 'MultiPolygon') ? { outline: g } : {}) };
  });
  const reaches = flood.network.reaches.map((r) => {
    const g = rivers.get(r.id);
    return { ...(g?.type === 'LineString' ? { line: g.coordinates } : {}), ...(r.capacityM3s !== undefined ? { capacityM3s: r.capacityM3s } : {}) };
  });
  const roadLines = (graph?.links ?? []).flatMap((link, l) => (link.kind === 'trunk' ? [] : [{ link: l, line: [[graph?.lon[link.from] ?? 0, graph?.lat[link.from] ?? 0], [graph?.lon[link.to] ?? 0, graph?.lat[link.to] ?? 0]] }]));
  const ground = region.dem ? demGround(region.dem, flood.areas.map((a) => a.id)) : undefined;
  return compileFloodExposure(region.layers.lifelines.features, componentOf, areas, reaches, roadLines, ground);
}

/** Where the flood areas' residents live: each zone's part of each area, per m² of the area's land (as flood exposure spreads them). */
function floodHomes(flood: FloodInput, population: Float64Array): FloodHomes {
  const parts = flood.areas.flatMap((area, a) => {
    const landM2 = area.km2.reduce((s, x) => s + x, 0) * 1e6;
    return Array.from(area.zone, (zone, j) => ({ area: a, zone, perM2: (area.residents[j] as number) / landM2 }));
  });
  return { parts, population };
}

function compilePeopleStage(region: Region, quakeAtH: number, horizonH: number, consequences: Consequences | undefined): PeopleStageInput {
  const zoneIndex = new Map(region.zones.ids.map((id, z) => [id, z]));
  const basins = region.river.basins;
  return {
    ...compilePeopleInput(region, consequences),
    basinZone: Int32Array.from(basins, (b) => (b.zone === undefined ? -1 : (zoneIndex.get(b.zone) ?? -1))),
    basinResidents: Float64Array.from(basins, (b) => b.residents),
    quakeAtH, horizonH,
  };
}
