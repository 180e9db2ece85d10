import type { GridRunSummary } from '../flood/grid/run-grid.js';
import type { Summary } from '../run/summary.js';

const int = (x: number): string => Math.round(x).toLocaleString('en-US');
/** A planning unit as a sentence reads it. */
const unitText = (unit: string): string => (unit === 'people-days/day' ? 'people-days a day' : unit);
const pct = (x: number): string => `${Math.round(x * 100)}%`;

/** The human-readable summary `renxing run` prints (the JSON is in summary.json). */
export function formatSummary(summary: Summary): string {
  const lines = [
    `Renxing ${summary.engineVersion} — ${summary.scenarioTitle} [${summary.scenario}] on ${summary.regionName} [${summary.region}]`,
    `${summary.totals.zones} zones, ${int(summary.totals.population)} residents, ${int(summary.totals.areaKm2)} km²; ` +
      `${summary.realizations} realization(s), seed ${summary.seed}, ${summary.elapsedS.toFixed(2)} s`,
    '',
    `${'circle'.padEnd(52)}${'ring'.padStart(5)}${'zones'.padStart(7)}${'residents'.padStart(14)}${'area km²'.padStart(11)}${'plan km²'.padStart(10)}`,
  ];
  for (const c of [...summary.circles].sort((a, b) => a.ring - b.ring)) {
    const zones = c.partialZones > 0 ? `${c.zones}+${c.partialZones}` : String(c.zones);
    // Chinese names go last: their double-width glyphs would break the column alignment.
    const name = c.name.length > 51 ? `${c.name.slice(0, 50)}…` : c.name;
    lines.push(`${name.padEnd(52)}${String(c.ring).padStart(5)}${zones.padStart(7)}${int(c.population).padStart(14)}${int(c.areaKm2).padStart(11)}${(c.planAreaKm2 ? int(c.planAreaKm2) : '').padStart(10)}  ${c.nameZh ?? ''}`);
  }
  lines.push('', 'zones+n: n more zones lie partly in the circle (not counted in its residents).');
  if (summary.caveats) lines.push('', 'Caveats — where this scenario is known to differ from what happened, or what it assumes:', ...summary.caveats.map((c) => `  - ${c}`));
  if (summary.quake) lines.push('', ...formatQuake(summary));
  if (summary.flood) lines.push('', ...formatFlood(summary));
  if (summary.lifelines) {
    lines.push('', `Residents without service at the horizon: ${Object.entries(summary.lifelines.unservedPopulation).map(([system, n]) => `${system} ${int(n)}`).join('; ')}`);
    lines.push(`  of whom without it for at least: ${Object.entries(summary.lifelines.residentsWithoutFor).map(([system, by]) => `${system} ${Object.entries(by).map(([d, n]) => `${d} ${int(n)}`).join(', ')}`).join('; ')}`);
    const { restoration } = summary.lifelines;
    lines.push(`  restoration, residents without at day ${restoration.map((r) => r.day).join(' / ')} after the event: ${Object.keys(summary.lifelines.unservedPopulation).map((system) => `${system} ${restoration.map((r) => int(r.unservedPopulation[system]?.mean ?? 0)).join(' / ')}`).join('; ')}`);
    const likelyOut = (summary.lifelines.quakeDamage ?? []).slice(0, 6);
    if (likelyOut.length > 0) {
      lines.push(`  earthquake damage, share of realizations out of service (still out at the horizon): ${likelyOut.map((d) => `${d.id} ${pct(d.probabilityOutOfService)} (${pct(d.probabilityDownAtHorizon)})`).join('; ')}`);
    }
    lines.push(...formatFloodDamage(summary));
    for (const r of summary.lifelines.backupRoutes) {
      const took = r.takingLoad.slice(0, 3).map((t) => `${t.via} +${int(t.extraPeople)}`).join(', ') || 'none';
      const limits = r.bottlenecks.slice(0, 3).map((b) => b.corridor ?? b.id).join(', ') || 'supply, not links';
      lines.push(`  ${r.system}: ${int(r.unmet)} people's supply lost, ${int(r.rerouted)} rerouted; took the load: ${took}; limited by: ${limits}`);
    }
  }
  if (summary.evacuation) lines.push('', ...formatPeople(summary));
  return lines.join('\n');
}

function formatPeople(summary: Summary): string[] {
  const ev = summary.evacuation;
  if (!ev) return [];
  const circleName = new Map(summary.circles.map((c) => [c.id, c.name]));
  const name = (id: string): string => circleName.get(id) ?? id;
  const byHazard = ev.publicShelterShareByHazard;
  const hazards = [...(summary.quake ? [`earthquake ${pct(byHazard.earthquake)}`] : []), ...(summary.flood ? [`flood ${pct(byHazard.flood)}`] : [])];
  const shares = hazards.length > 0 ? ` (${hazards.join(', ')} of those ${hazards.length > 1 ? 'each displaces' : 'it displaces'})` : '';
  const lines = [
    `Displaced ${int(ev.displaced)}; seeking public shelter ${int(ev.seekers)}${shares}; shelter places ${int(ev.shelterCapacity)}; sheltered ${int(ev.sheltered)}, unsheltered ${int(ev.unsheltered)}; clearance ${ev.clearanceTimeH.toFixed(1)} h (roads open ${ev.windowH} h)`,
  ];
  const cut = ev.cutByWater ?? [];
  if (cut.length > 0) {
    const corridors = [...new Set(cut.map((c) => c.corridor).filter((c): c is string => c !== undefined))];
    lines.push(`  roads and rail closed by water when evacuees needed them: ${cut.length} (${cut.filter((c) => c.id.startsWith('local:') || c.id.startsWith('access:')).length} local roads)${corridors.length > 0 ? `; corridors ${corridors.join(', ')}` : ''}; first at ${(cut[0]?.fromH ?? 0).toFixed(1)} h`);
  }
  for (const [resource, t] of Object.entries(summary.aid?.totals ?? {})) {
    lines.push(`  ${resource}: need ${int(t.need)} ${unitText(t.unit)}, given ${int(t.given)}, unmet ${int(t.unmet)}`);
  }
  const norms = summary.aid?.norms;
  if (norms && Object.keys(summary.aid?.totals ?? {}).length > 0) lines.push(`  (planning units: ${['food', 'drinking-water', 'tents'].flatMap((r) => (norms[r] ? [`${r} ${norms[r]?.split(';')[0] ?? ''}`] : [])).join('; ')})`);
  const aid = summary.mutualAid ?? [];
  if (aid.length > 0) {
    lines.push('Which circle takes the load (the three largest transfers of each resource):');
    for (const resource of [...new Set(aid.map((t) => t.resource))]) {
      for (const t of aid.filter((x) => x.resource === resource).sort((a, b) => b.amount - a.amount).slice(0, 3)) {
        lines.push(`  ${resource}: ${name(t.fromCircle)} → ${name(t.toCircle)} ${int(t.amount)} ${unitText(t.unit)}${t.via.length > 0 ? ` via ${t.via.slice(0, 3).join(', ')}` : ''}`);
      }
    }
  }
  return lines;
}

/** Components flood water put out: facilities, then roads and rail (the routes evacuation and aid lose), with when and for how long. */
function formatFloodDamage(summary: Summary): string[] {
  const damage = summary.lifelines?.floodDamage ?? [];
  if (damage.length === 0) return [];
  const h = (x: number): string => `${x.toFixed(1)} h`;
  const entry = (d: (typeof damage)[number]): string => `${d.id}${d.probabilityOut < 1 ? ` ${pct(d.probabilityOut)}` : ''} from ${h(d.outAtH)}${d.backAtH !== undefined ? ` to ${h(d.backAtH)}` : ''}${d.probabilityStillOut > 0 ? `${d.backAtH !== undefined ? ',' : ''} still out at the horizon${d.probabilityStillOut < 1 ? ` in ${pct(d.probabilityStillOut)}` : ''}` : ''}${d.maxDepthM !== undefined ? ` (${d.maxDepthM.toFixed(2)} m)` : d.bridges ? ` (bridge${d.bridges.length > 1 ? 's' : ''} over ${d.bridges.map((b) => `${b.reach}, design ${int(b.designM3s)} m³/s`).join('; ')})` : ''}`;
  const facilities = damage.filter((d) => d.system !== 'road' && d.system !== 'rail');
  const transport = damage.filter((d) => d.system === 'road' || d.system === 'rail');
  const cutCorridors = [...new Set(transport.filter((d) => d.probabilityOut >= 0.5).map((d) => d.corridor).filter((c): c is string => c !== undefined))];
  return [
    `  put out by flood water: ${facilities.length} facilities, ${transport.length} road and rail links`,
    ...(facilities.length > 0 ? [`  facilities under water: ${facilities.slice(0, 8).map(entry).join('; ')}${facilities.length > 8 ? `; and ${facilities.length - 8} more` : ''}`] : []),
    ...(transport.length > 0 ? [`  roads and rail cut by water: ${transport.slice(0, 8).map(entry).join('; ')}${transport.length > 8 ? `; and ${transport.length - 8} more` : ''}`] : []),
    ...(cutCorridors.length > 0 ? [`  corridors cut by water: ${cutCorridors.join(', ')}`] : []),
  ];
}

function formatFlood(summary: Summary): string[] {
  const flood = summary.flood;
  if (!flood) return [];
  const m3 = (v: number): string => `${(v / 1e6).toFixed(1)} million m³`;
  return [
    ...flood.designFloods.map((d) => `Design flood at ${d.node}: peak ${int(d.peakM3s)} m³/s${d.shapeFrom ? `, shaped like ${d.shapeFrom} (scaled to the peak)` : ''}${d.basis ? ` — ${d.basis}` : ''}`),
    ...flood.storms.map((s, i) => `Storm ${i + 1}: ${s.durationH} h, ${s.meanMm.toFixed(0)} mm on average where it rains, ${m3(s.rainM3)}${s.scale !== 1 ? `; totals × ${s.scale} (a scaled storm: no return period is claimed)` : ''}${s.transposedFrom ? `; transposed from ${s.transposedFrom}` : ''}`),
    `River flood: rain ${m3(flood.mass.rainM3)}; losses ${m3(flood.mass.lossesM3)}; to the sea ${m3(flood.mass.seaOutflowM3)}; reservoirs +${m3(flood.mass.reservoirStorageChangeM3)}; detention basins ${m3(flood.mass.basinStoredM3)}; over the levees ${m3(flood.mass.floodplainM3)} (balance error ${flood.mass.relativeError.toExponential(1)})`,
    ...flood.stations.map((s) => `  station ${s.name}: peak ${int(s.peakDischargeM3s)} m³/s at ${s.peakTimeH.toFixed(1)} h`),
    ...flood.reservoirs.map((r) => `  reservoir ${r.name}: peak inflow ${int(r.peakInflowM3s)}, outflow ${int(r.peakOutflowM3s)} m³/s, max storage ${m3(r.maxStorageM3)}`),
    ...flood.detentionBasins.map((b) => `  detention basin ${b.name}: ${b.activated ? `opened at ${b.activatedAtH?.toFixed(1) ?? '?'} h, stored ${m3(b.maxStoredM3)}, ${int(b.residents)} residents displaced` : 'not used'}`),
    ...flood.leveeFailures.map((f) => `  levee ${f.kind === 'breach' ? 'breached' : 'overtopped'} on ${f.reach}${f.probability < 1 ? ` (${pct(f.probability)} of realizations)` : ''} from ${f.atH.toFixed(1)} h: ${m3(f.volumeM3)} left the river${f.floods ? ` into ${f.floods}` : ''}`),
    ...flood.floodedAreas.map((a) => `  flooded ${a.kind} ${a.name}: ${a.floodedAreaKm2.toFixed(1)} km² up to ${a.maxStageM.toFixed(2)} m deep, ${int(a.populationExposed)} residents on the flooded land`),
    `  residents on flooded land: ${int(flood.exposure.populationExposed.mean)} (${Object.entries(flood.exposure.byDepthBand).map(([band, s]) => `${band} ${int(s.mean)}`).join(', ')}); displaced by depth ≥ ${flood.exposure.displacementDepthM} m: ${int(flood.exposure.displacedByDepth.mean)}`,
  ];
}

const range = (m: { mean: number; p05: number; p95: number }): string => `${int(m.mean)} (5–95%: ${int(m.p05)}–${int(m.p95)})`;

function formatQuake(summary: Summary): string[] {
  const quake = summary.quake;
  if (!quake) return [];
  const lines = quake.events.map((e) => `Earthquake Ms ${e.ms} (Mw ${e.mw}) at ${e.epicenter.join(', ')}, ${e.depthKm} km deep${e.strikeDeg !== undefined ? `, strike ${e.strikeDeg}°, rupture ${e.ruptureLengthKm} km` : ''}; ${e.gmpe}, residuals ${e.residuals}`);
  const models = new Set(quake.events.map((e) => e.intensityModel));
  const intensityBy = models.size > 1 ? 'each event by its own model' : models.has('yu-2013-intensity-eastern') ? 'Yu et al. 2013 attenuation, elliptical isoseismals' : 'GB/T 17742-2020, instrumental';
  lines.push(`Residents at intensity (${intensityBy}) at least: ${quake.populationAtIntensity.map((b) => `${['VI', 'VII', 'VIII', 'IX', 'X'][b.intensity - 6] ?? b.intensity} ${int(b.p50)}`).join('; ')}`);
  lines.push(`Residents in zones shaken to at least: ${quake.populationAtPga.map((b) => `${b.pgaG} g ${int(b.p50)}`).join('; ')} (medians over realizations)`);
  if (quake.damage) {
    lines.push(`Deaths ${range(quake.damage.deaths)}; serious injuries ${range(quake.damage.seriousInjuries)}; injuries ${range(quake.damage.injuries)}`);
    lines.push(`Residents displaced (dwellings uninhabitable, Hazus weights by single- and multi-family) ${range(quake.damage.displaced)}`);
  }
  const check = quake.casualtyCheck;
  lines.push(`Deaths by Chinese casualty models (a check beside ${quake.damage ? `Hazus's ${int(quake.damage.deaths.mean)}` : 'Hazus, which needs an exposure'}): ${[
    ...(check.yinZhiqian ? [`尹之潜 (collapse ratio) ${range(check.yinZhiqian.deaths)}`] : []),
    `PAGER China (intensity) ${range(check.pagerChina.deaths)}`,
  ].join('; ')}`);
  const strongest = [...summary.zones].filter((z) => z.quake).sort((a, b) => (b.quake?.pgaG ?? 0) - (a.quake?.pgaG ?? 0)).slice(0, 5);
  lines.push(`Strongest shaking: ${strongest.map((z) => `${z.name} ${z.quake?.pgaG.toFixed(2)} g (intensity ${z.quake?.intensity.toFixed(1)})`).join('; ')}`);
  return lines;
}

/** The human-readable summary of a 2D grid run. */
export function formatGridSummary(s: GridRunSummary): string {
  return [
    `Renxing ${s.engineVersion} — 2D local-inertial run of ${s.model}`,
    `grid ${s.grid.nx} × ${s.grid.ny} cells of ${s.grid.cellSize} m; ${s.simTimeS} s simulated in ${s.steps} steps on ${s.workers} worker(s), ${s.elapsedS.toFixed(2)} s`,
    `maximum depth ${s.maxDepthM.toFixed(3)} m; ${s.floodedAreaKm2.toFixed(3)} km² reached ${s.arrivalDepthM} m; largest relative volume error ${s.maxRelativeMassError.toExponential(1)}`,
  ].join('\n');
}
