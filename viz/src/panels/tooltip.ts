/**
 * What hovering shows: plain sentences with units in the page's language (never raw field
 * names), in a box kept inside the map however near the edge the pointer is.
 */
import type { LayerFeature, Summary, WhatIf } from '../api.js';
import { count, decimal, share } from '../format.js';
import { corridorName, localName, t, tOr, type Lang } from '../i18n/i18n.js';
import type { QuakeEvent } from '../layers/quake.js';
import type { AidArc, Failure } from '../map-model.js';
import { stageAt } from '../map-model.js';
import { planningAmount } from '../planning-units.js';
import { byId } from './dom.js';

export interface TooltipContext {
  lang: Lang;
  summary: Summary | undefined;
  whatIf: WhatIf | undefined;
  timeH: number;
  timeLabel: string;
  failures: Map<string, Failure>;
  zoneValue: (id: string) => number;
  circleName: (id: string) => string;
  zoneName: (id: string) => string;
  componentName: (id: string) => string;
  occupancy: Map<string, number>;
  cutMode: boolean;
}

const nameOf = (p: Record<string, unknown>): string => localName(p, typeof p['id'] === 'string' ? p['id'] : '');

export function causeText(cause: string, componentName: (id: string) => string): string {
  if (cause.startsWith('lost ')) return t('cause.lost', { suppliers: cause.slice(5).split(' or ').map(componentName).join(' / ') });
  return ['outage', 'earthquake', 'flood'].includes(cause) ? t(`cause.${cause}` as 'cause.outage') : t('cause.other', { cause });
}

/** The tooltip's lines for a picked object of layer `layerId`, or none. */
export function tooltipLines(layerId: string, object: unknown, c: TooltipContext): string[] {
  if (!object) return [];
  const p = ((object as LayerFeature).properties ?? {});
  switch (layerId) {
    case 'zones': {
      const id = String(p['id']);
      const z = c.summary?.zones.find((x) => x.id === id);
      const lines = [c.zoneName(id), t('tip.residents', { n: count(z?.population ?? Number(p['population'] ?? Number.NaN)) })];
      if (!z) return lines;
      if (z.band) lines.push(t('tip.circle', { name: c.circleName(z.band) }));
      if (z.displaced !== undefined) lines.push(t('tip.displaced', { n: count(z.displaced) }));
      if (z.seekingShelter !== undefined && (z.displaced ?? 0) > 0) lines.push(t('tip.seekers', { n: count(z.seekingShelter) }));
      if (z.evacuation) lines.push(t('tip.shelteredUnsheltered', { s: count(z.evacuation.sheltered), u: count(z.evacuation.unsheltered) }));
      if (z.quake) lines.push(t('tip.quake', { pga: decimal(z.quake.pgaG, 2), intensity: decimal(z.quake.intensity, 1) }));
      if (z.flood) {
        lines.push(t('tip.flood', { km2: decimal(z.flood.floodedAreaKm2, 1), depth: decimal(z.flood.maxDepthM, 2), n: count(z.flood.populationExposed) }));
      }
      if (z.serviceLoss && (z.serviceLoss['power'] || z.serviceLoss['water'])) lines.push(t('tip.serviceLoss', { power: share(z.serviceLoss['power'] ?? 0), water: share(z.serviceLoss['water'] ?? 0) }));
      return lines;
    }
    case 'compartments': {
      const area = c.summary?.flood?.floodedAreas.find((a) => a.id === p['id']);
      const lines = [nameOf(p), t('kind.compartment')];
      if (area) lines.push(t('tip.compartment', { now: decimal(stageAt(area.hourlyStageM, c.timeH), 2), time: c.timeLabel, max: decimal(area.maxStageM, 2), km2: decimal(area.floodedAreaKm2, 1), from: decimal(area.floodedFromH, 1), n: count(area.populationExposed) }));
      return lines;
    }
    case 'basins': {
      const basin = c.summary?.flood?.detentionBasins.find((b) => b.id === p['id']);
      const lines = [nameOf(p), t('kind.detention-basin')];
      if (basin) lines.push(basin.activated ? t('tip.basinOpened', { h: decimal(basin.activatedAtH ?? 0, 1), m3: count(basin.maxStoredM3 ?? 0), n: count(basin.residents) }) : t('tip.basinNotOpened'));
      return lines;
    }
    case 'reaches':
    case 'stations':
      return [nameOf(p), tOr(`kind.${String(p['kind'])}`, String(p['kind'])), ...(p['kind'] === 'station' ? [t('tip.clickHydrograph')] : [])];
    case 'aid': {
      const a = object as AidArc;
      const planned = planningAmount(a.amount, a.unit);
      return [t('tip.aid', { from: c.circleName(a.fromCircle), to: c.zoneName(a.toZone), amount: `${count(planned.amount)} ${planned.unit ? t(planned.unit) : a.unit}`, resource: tOr(`resource.${a.resource}`, a.resource) }), t('tip.via', { via: a.via.map(corridorName).join('、') })];
    }
    case 'evacuation': {
      const r = object as { id: string; people: number };
      return [t('tip.evacuees', { n: count(r.people) })];
    }
    case 'shelters': {
      const capacity = Number(p['capacity'] ?? 0);
      const lines = [nameOf(p), tOr(`kind.${String(p['kind'])}`, String(p['kind'])), t('tip.capacity', { n: count(capacity), unit: t('unit.people') })];
      if (p['beds'] !== undefined) lines.push(t('tip.beds', { n: count(Number(p['beds'])) }));
      const used = c.occupancy.get(String(p['id']));
      if (used !== undefined) lines.push(t('tip.occupancy', { n: count(used), capacity: count(capacity) }));
      return lines;
    }
    case 'lifelines': {
      const id = String(p['id']);
      const lines = [nameOf(p), t('tip.system', { system: tOr(`system.${String(p['system'])}`, String(p['system'])) })];
      if (typeof p['corridor'] === 'string') lines.push(t('tip.corridor', { name: corridorName(p['corridor']) }));
      if (typeof p['capacity'] === 'number') lines.push(t('tip.capacity', { n: count(p['capacity']), unit: t('unit.peopleServed') }));
      const failure = c.failures.get(id);
      if (failure) lines.push(t('tip.out', { at: decimal(failure.atH, 1), cause: causeText(failure.cause, c.componentName) }) + (failure.restoredAtH !== undefined ? `; ${t('tip.back', { at: decimal(failure.restoredAtH, 1) })}` : ''));
      const damage = c.summary?.lifelines?.quakeDamage?.find((d) => d.id === id);
      if (damage) lines.push(t('tip.quakeOdds', { p: Math.round(100 * damage.probabilityOutOfService), q: Math.round(100 * damage.probabilityDownAtHorizon) }));
      if (c.cutMode) lines.push(t('tip.clickToCut'));
      return lines;
    }
    case 'epicentre': {
      const e = object as QuakeEvent;
      return [t('tip.epicentre', { ms: decimal(e.ms, 1), depth: decimal(e.depthKm, 0) })];
    }
    case 'rupture': {
      const e = (object as { event: QuakeEvent }).event;
      return [t('tip.rupture', { km: decimal(e.ruptureLengthKm ?? 0, 0), strike: decimal(e.strikeDeg ?? 0, 0) })];
    }
    default:
      return [];
  }
}

/** Shows `lines` by the pointer at (x, y) in the map, moved back inside the map where it would run off an edge. */
export function showTooltip(lines: readonly string[], x: number, y: number): void {
  const box = byId('tooltip');
  if (lines.length === 0) {
    box.hidden = true;
    return;
  }
  box.replaceChildren(...lines.map((line, k) => {
    const div = document.createElement('div');
    div.textContent = line;
    if (k === 0) div.className = 'tip-title';
    return div;
  }));
  box.hidden = false;
  const map = byId('map-wrap');
  const gap = 12;
  const width = box.offsetWidth;
  const height = box.offsetHeight;
  const left = x + gap + width > map.clientWidth ? Math.max(4, x - gap - width) : x + gap;
  const top = y + gap + height > map.clientHeight ? Math.max(4, y - gap - height) : y + gap;
  box.style.left = `${left}px`;
  box.style.top = `${top}px`;
}
