/** The totals panel (a run, its what-if, or a raster run), the comparison with another run, and the run's caveats. */
import type { GridSummary, Summary, WhatIf } from '../api.js';
import { count, decimal, signed } from '../format.js';
import { scenarioTitle, t, tOr } from '../i18n/i18n.js';
import { planningAmount } from '../planning-units.js';
import { byId, definitions, element } from './dom.js';

const withSpread = (summary: Summary, metric: string, value: number): string => {
  const s = summary.ensemble?.[metric];
  return s ? t('total.spread', { value: count(value), low: count(s.p05), high: count(s.p95) }) : count(value);
};

const systemName = (s: string): string => tOr(`system.${s}`, s);
const resourceName = (r: string): string => tOr(`resource.${r}`, r);

export function totalsRows(summary: Summary, whatIf?: WhatIf, startsAt?: string): [string, string][] {
  const ev = whatIf?.evacuation ?? summary.evacuation;
  const unserved = whatIf?.unservedPopulation ?? summary.lifelines?.unservedPopulation ?? {};
  const rows: [string, string][] = [[t('total.scenario'), scenarioTitle(summary.scenario, summary.scenarioTitle)]];
  if (startsAt) rows.push([t('total.startsAt'), startsAt.replace('T', ' ').slice(0, 16)]);
  rows.push([t('total.residents'), count(summary.totals.population)]);
  const flood = summary.flood;
  if (flood) {
    const breaches = flood.leveeFailures.filter((f) => f.kind === 'breach');
    rows.push(
      [t('total.floodExposed'), withSpread(summary, 'flood.populationExposed', flood.exposure.populationExposed.mean)],
      [t('total.floodDisplaced', { m: flood.exposure.displacementDepthM }), count(flood.exposure.displacedByDepth.mean)],
      [t('total.basins'), String(flood.detentionBasins.filter((b) => b.activated).length)],
      [t('total.levees'), `${flood.leveeFailures.filter((f) => f.kind === 'overtopping').length} / ${breaches.length}`],
    );
  }
  if (summary.quake?.damage) rows.push([t('total.deaths'), withSpread(summary, 'quake.deaths', summary.quake.damage.deaths.mean)], [t('total.serious'), count(summary.quake.damage.seriousInjuries.mean)]);
  if (ev) {
    rows.push(
      [t('total.displaced'), whatIf ? count(ev.displaced) : withSpread(summary, 'people.displaced', ev.displaced)],
      [t('total.seekers'), count(ev.seekers)],
      [t('total.shelterPlaces'), count(ev.shelterCapacity)],
      [t('total.sheltered'), count(ev.sheltered)],
      [t('total.unsheltered'), whatIf ? count(ev.unsheltered) : withSpread(summary, 'evacuation.unsheltered', ev.unsheltered)],
      [t('total.clearance'), `${decimal(ev.clearanceTimeH, 1)} ${t('unit.h')}`],
    );
  }
  const restoration = whatIf ? [] : (summary.lifelines?.restoration ?? []);
  for (const [system, people] of Object.entries(unserved)) {
    const long = whatIf ? undefined : summary.lifelines?.residentsWithoutFor?.[system]?.['72h'];
    rows.push([t('total.without', { system: systemName(system) }), long ? t('total.without72', { n: count(people), long: count(long) }) : count(people)]);
    if (restoration.some((r) => (r.unservedPopulation[system]?.mean ?? 0) > 0)) {
      rows.push([t('total.restorationDays', { days: restoration.map((r) => r.day).join(' / ') }), restoration.map((r) => count(r.unservedPopulation[system]?.mean ?? 0)).join(' / ')]);
    }
  }
  const aid = whatIf?.aid ?? summary.aid?.totals ?? {};
  for (const [resource, total] of Object.entries(aid)) {
    if (resource === 'shelter') continue;
    const planned = planningAmount(total.unmet, total.unit);
    rows.push([t('total.unmet', { resource: resourceName(resource) }), `${count(planned.amount)} ${planned.unit ? t(planned.unit) : total.unit}`]);
  }
  if (whatIf) rows.push([t('total.basis'), t('total.basisWhatIf')]);
  return rows;
}

export function gridRows(grid: GridSummary): [string, string][] {
  const r = grid.raster;
  return [
    [t('total.scenario'), grid.scenarioTitle],
    [t('total.raster'), t('total.rasterValue', { nx: r.nx, ny: r.ny, cell: r.cellSize, epsg: r.epsg ? `, EPSG:${r.epsg}` : '' })],
    [t('total.deepest'), `${decimal(grid.maxDepthM, 2)} ${t('unit.m')}`],
    [t('total.floodedArea'), `${decimal(grid.floodedAreaKm2, 2)} ${t('unit.km2')}`],
    [t('total.simulated'), t('total.simulatedValue', { h: decimal(grid.simTimeS / 3600, 2), steps: count(grid.steps) })],
    [t('total.massError'), grid.maxRelativeMassError.toExponential(1)],
    ...(r.cornersLonLat ? [] : [[t('total.map'), t('total.noCrs')] as [string, string]]),
  ];
}

export function showTotals(rows: [string, string][]): void {
  definitions(byId('totals'), rows);
}

/** The run's caveats beside its figures (a flood run's limits, say); the section hides when there are none. */
export function showCaveats(caveats: readonly string[]): void {
  const section = byId('caveats-section');
  section.hidden = caveats.length === 0;
  byId('caveats').replaceChildren(...caveats.map((c) => element('li', c)));
}

export function differenceRows(a: Summary, b: Summary): [string, string][] {
  const pairs: [string, number | undefined, number | undefined][] = [
    [t('total.displaced'), a.evacuation?.displaced, b.evacuation?.displaced],
    [t('total.unsheltered'), a.evacuation?.unsheltered, b.evacuation?.unsheltered],
    [t('total.deaths'), a.quake?.damage?.deaths.mean, b.quake?.damage?.deaths.mean],
    [t('total.floodExposed'), a.flood?.exposure.populationExposed.mean, b.flood?.exposure.populationExposed.mean],
    ...Object.keys({ ...a.lifelines?.unservedPopulation, ...b.lifelines?.unservedPopulation }).map((s): [string, number | undefined, number | undefined] => [t('total.without', { system: systemName(s) }), a.lifelines?.unservedPopulation[s], b.lifelines?.unservedPopulation[s]]),
  ];
  return pairs.filter(([, x, y]) => x !== undefined || y !== undefined).map(([label, x, y]) => [t('total.difference', { label }), signed((x ?? 0) - (y ?? 0))]);
}

export function showDifference(a: Summary | undefined, b: Summary | undefined): void {
  definitions(byId('difference'), a && b ? differenceRows(a, b) : []);
}
