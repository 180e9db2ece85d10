/** The side panels: totals, the "which circle takes the load" table, cuts, differences, legend. */
import type { AidTransfer, BackupRoute, GridSummary, Summary, WhatIf } from './api.js';
import { int, type Scale } from './colours.js';

const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

function definitions(target: HTMLElement, rows: [string, string][]): void {
  target.replaceChildren(...rows.flatMap(([term, value]) => {
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.textContent = value;
    return [dt, dd];
  }));
}

const spread = (summary: Summary, metric: string): string => {
  const s = summary.ensemble?.[metric];
  return s ? ` (5–95%: ${int(s.p05)}–${int(s.p95)})` : '';
};

export function totalsRows(summary: Summary, whatIf?: WhatIf): [string, string][] {
  const ev = whatIf?.evacuation ?? summary.evacuation;
  const unserved = whatIf?.unservedPopulation ?? summary.lifelines?.unservedPopulation ?? {};
  const rows: [string, string][] = [['Scenario', summary.scenarioTitle], ['Residents', int(summary.totals.population)]];
  const flood = summary.flood;
  if (flood) {
    const breaches = flood.leveeFailures.filter((f) => f.kind === 'breach');
    rows.push(
      ['Residents on flooded land', int(flood.exposure.populationExposed.mean) + spread(summary, 'flood.populationExposed')],
      [`Displaced by water ≥ ${flood.exposure.displacementDepthM} m`, int(flood.exposure.displacedByDepth.mean)],
      ['Detention basins opened', String(flood.detentionBasins.filter((b) => b.activated).length)],
      ['Levees overtopped / breached', `${flood.leveeFailures.filter((f) => f.kind === 'overtopping').length} / ${breaches.length}`],
    );
  }
  if (summary.quake?.damage) rows.push(['Deaths', int(summary.quake.damage.deaths.mean) + spread(summary, 'quake.deaths')], ['Serious injuries', int(summary.quake.damage.seriousInjuries.mean)]);
  if (ev) {
    rows.push(
      ['Displaced', int(ev.displaced) + (whatIf ? '' : spread(summary, 'people.displaced'))],
      ['Seeking shelter', int(ev.seekers)],
      ['Shelter places', int(ev.shelterCapacity)],
      ['Sheltered', int(ev.sheltered)],
      ['Unsheltered', int(ev.unsheltered) + (whatIf ? '' : spread(summary, 'evacuation.unsheltered'))],
      ['Clearance time', `${ev.clearanceTimeH.toFixed(1)} h`],
    );
  }
  const restoration = whatIf ? [] : (summary.lifelines?.restoration ?? []);
  for (const [system, people] of Object.entries(unserved)) {
    const long = whatIf ? undefined : summary.lifelines?.residentsWithoutFor?.[system]?.['72h'];
    rows.push([`Without ${system}`, int(people) + (long ? ` (${int(long)} for 72 h or more)` : '')]);
    if (restoration.some((r) => (r.unservedPopulation[system]?.mean ?? 0) > 0)) {
      rows.push([`  … at day ${restoration.map((r) => r.day).join(' / ')}`, restoration.map((r) => int(r.unservedPopulation[system]?.mean ?? 0)).join(' / ')]);
    }
  }
  const aid = whatIf?.aid ?? summary.aid?.totals ?? {};
  for (const [resource, t] of Object.entries(aid)) if (resource !== 'shelter') rows.push([`Unmet ${resource}`, `${int(t.unmet)} ${t.unit}`]);
  if (whatIf) rows.push(['Basis', 'what-if: lifeline cuts applied']);
  return rows;
}

/** What a run (or its what-if) did to a lifeline component: when it failed and came back, and how often the earthquake put it out. */
export function lifelineRows(summary: Summary, whatIf: WhatIf | undefined, id: string): string[] {
  const lines: string[] = [];
  const failed = (whatIf?.failedComponents ?? summary.lifelines?.failedComponents ?? []).find((f) => f.id === id);
  if (failed) {
    const { restoredAtH, cause } = failed as { restoredAtH?: number; cause?: string };
    lines.push(`out from ${failed.atH.toFixed(1)} h${cause ? ` (${cause})` : ''}${restoredAtH !== undefined ? `, back at ${restoredAtH.toFixed(1)} h` : ''}`);
  }
  const damage = summary.lifelines?.quakeDamage?.find((d) => d.id === id);
  if (damage) lines.push(`earthquake (${damage.fragility}): out in ${Math.round(100 * damage.probabilityOutOfService)}% of realizations, still out at the horizon in ${Math.round(100 * damage.probabilityDownAtHorizon)}%`);
  return lines;
}

export function gridRows(grid: GridSummary): [string, string][] {
  const r = grid.raster;
  return [
    ['Scenario', grid.scenarioTitle],
    ['Raster', `${r.nx} × ${r.ny} cells of ${r.cellSize} m${r.epsg ? `, EPSG:${r.epsg}` : ''}`],
    ['Deepest water', `${grid.maxDepthM.toFixed(2)} m`],
    ['Flooded area', `${grid.floodedAreaKm2.toFixed(2)} km²`],
    ['Simulated', `${(grid.simTimeS / 3600).toFixed(2)} h in ${int(grid.steps)} steps`],
    ['Largest volume error', grid.maxRelativeMassError.toExponential(1)],
    ...(r.cornersLonLat ? [] : [['Map', 'the raster’s CRS is not one the viewer can place (UTM or CGCS2000 Gauss–Krüger)'] as [string, string]]),
  ];
}

export function showGridTotals(grid: GridSummary): void {
  definitions(byId('totals'), gridRows(grid));
}

export function showTotals(summary: Summary, whatIf?: WhatIf): void {
  definitions(byId('totals'), totalsRows(summary, whatIf));
}

export function showAid(transfers: AidTransfer[], circleName: (id: string) => string): void {
  const body = byId<HTMLTableElement>('aid').tBodies[0] as HTMLTableSectionElement;
  body.replaceChildren(...[...transfers].sort((a, b) => b.amount - a.amount).slice(0, 30).map((t) => {
    const tr = document.createElement('tr');
    for (const [text, cls] of [[circleName(t.fromCircle), ''], [circleName(t.toCircle), ''], [t.resource, ''], [`${int(t.amount)} ${t.unit}`, 'num'], [t.via.slice(0, 3).join(', '), '']] as const) {
      const td = document.createElement('td');
      td.textContent = text;
      if (cls) td.className = cls;
      tr.append(td);
    }
    return tr;
  }));
}

export function showDifference(a: Summary, b: Summary | undefined): void {
  if (!b) {
    byId('difference').replaceChildren();
    return;
  }
  const pairs: [string, number | undefined, number | undefined][] = [
    ['Displaced', a.evacuation?.displaced, b.evacuation?.displaced],
    ['Unsheltered', a.evacuation?.unsheltered, b.evacuation?.unsheltered],
    ['Deaths', a.quake?.damage?.deaths.mean, b.quake?.damage?.deaths.mean],
    ['Residents on flooded land', a.flood?.exposure.populationExposed.mean, b.flood?.exposure.populationExposed.mean],
    ...Object.keys({ ...a.lifelines?.unservedPopulation, ...b.lifelines?.unservedPopulation }).map((s): [string, number | undefined, number | undefined] => [`Without ${s}`, a.lifelines?.unservedPopulation[s], b.lifelines?.unservedPopulation[s]]),
  ];
  definitions(byId('difference'), pairs.filter(([, x, y]) => x !== undefined || y !== undefined).map(([label, x, y]) => [`${label} (this − other)`, `${(x ?? 0) - (y ?? 0) >= 0 ? '+' : ''}${int((x ?? 0) - (y ?? 0))}`]));
}

export function showLegend(title: string, scale: Scale): void {
  const legend = byId('legend');
  const heading = document.createElement('div');
  heading.textContent = title;
  const bar = document.createElement('div');
  bar.className = 'bar';
  bar.append(...scale.stops.map((c) => {
    const span = document.createElement('span');
    span.style.background = `rgba(${c[0]},${c[1]},${c[2]},${c[3] / 255})`;
    return span;
  }));
  const ticks = document.createElement('div');
  ticks.className = 'ticks';
  ticks.append(...scale.ticks.map((t) => {
    const span = document.createElement('span');
    span.textContent = t;
    return span;
  }));
  legend.replaceChildren(heading, bar, ticks);
}

export function showCuts(cuts: string[], onRemove: (target: string) => void): void {
  byId('cuts').replaceChildren(...cuts.map((target) => {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = `Restore ${target}`;
    button.addEventListener('click', () => onRemove(target));
    li.append(button);
    return li;
  }));
}

export function setStatus(text: string): void {
  byId('status').textContent = text;
}

export function showBackupRoutes(routes: BackupRoute[]): void {
  const items = routes.map((r) => {
    const li = document.createElement('li');
    const took = r.takingLoad.slice(0, 3).map((t) => `${t.via} +${int(t.extraPeople)}`).join(', ') || 'none';
    const limits = r.bottlenecks.slice(0, 3).map((b) => b.corridor ?? b.id).join(', ') || 'supply, not links';
    li.textContent = `${r.system}: ${int(r.unmet)} people's supply lost, ${int(r.rerouted)} rerouted; took the load: ${took}; limited by: ${limits}`;
    return li;
  });
  if (items.length === 0) {
    const li = document.createElement('li');
    li.textContent = 'No power, water, gas or telecom component is cut or damaged.';
    items.push(li);
  }
  byId('backup').replaceChildren(...items);
}

/** A station's hourly hydrograph as an SVG line, with its peak. */
export function showHydrograph(station: { name: string; peakDischargeM3s: number; peakTimeH: number; hourlyM3s: number[] } | undefined): void {
  const svg = byId('hydrograph');
  const hint = byId('hydrograph-hint');
  if (!station) {
    svg.replaceChildren();
    hint.textContent = 'Click a river station on the map after a flood run.';
    return;
  }
  const width = 330;
  const height = 140;
  const pad = 24;
  const top = Math.max(...station.hourlyM3s, 1);
  const n = Math.max(station.hourlyM3s.length - 1, 1);
  const points = station.hourlyM3s.map((q, h) => `${(pad + ((width - 2 * pad) * h) / n).toFixed(1)},${(height - pad - ((height - 2 * pad) * q) / top).toFixed(1)}`).join(' ');
  const ns = 'http://www.w3.org/2000/svg';
  const line = document.createElementNS(ns, 'polyline');
  line.setAttribute('points', points);
  line.setAttribute('fill', 'none');
  line.setAttribute('stroke', '#2e6fb7');
  line.setAttribute('stroke-width', '1.5');
  const axis = document.createElementNS(ns, 'polyline');
  axis.setAttribute('points', `${pad},${pad} ${pad},${height - pad} ${width - pad},${height - pad}`);
  axis.setAttribute('fill', 'none');
  axis.setAttribute('stroke', '#4a5568');
  const label = (x: number, y: number, text: string, anchor = 'start'): SVGTextElement => {
    const t = document.createElementNS(ns, 'text');
    t.setAttribute('x', String(x));
    t.setAttribute('y', String(y));
    t.setAttribute('font-size', '10');
    t.setAttribute('text-anchor', anchor);
    t.textContent = text;
    return t;
  };
  svg.replaceChildren(axis, line, label(pad + 2, pad - 6, `${int(top)} m³/s`), label(width - pad, height - 6, `${n} h`, 'end'), label(pad, height - 6, '0'));
  hint.textContent = `${station.name}: peak ${int(station.peakDischargeM3s)} m³/s at ${station.peakTimeH.toFixed(1)} h`;
}
