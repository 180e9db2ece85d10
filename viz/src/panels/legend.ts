/**
 * The legend: the zone colour ramp with its title and ticks, then the key of every visible layer
 * in the map's own order (top of the map first). One model feeds the page's legend and the one
 * drawn into the exported PNG.
 */
import { css, type RGBA } from '../colours.js';
import { t } from '../i18n/i18n.js';
import { LAYERS } from '../layers/index.js';
import type { LegendItem, MapContext } from '../layers/types.js';
import { byId, element } from './dom.js';

export interface LegendModel {
  title: string;
  stops: RGBA[];
  ticks: string[];
  /** What a clear zone means (no impact, or no change in a comparison). */
  clear: string;
  note: string;
  groups: { title: string; items: { swatch: LegendItem['swatch']; colour: RGBA; to?: RGBA; label: string }[] }[];
}

export function legendModel(ctx: MapContext, ramp: { title: string; stops: RGBA[]; ticks: string[]; diverging: boolean }): LegendModel {
  const groups = [...LAYERS].reverse().filter((l) => ctx.state.visible[l.id] && l.legend).flatMap((l) => {
    const items = (l.legend?.(ctx) ?? []).map((i) => ({ swatch: i.swatch, colour: i.colour, ...(i.to ? { to: i.to } : {}), label: t(i.label, i.params) }));
    return items.length > 0 ? [{ title: t(l.label), items }] : [];
  });
  return { title: ramp.title, stops: ramp.stops, ticks: ramp.ticks, clear: t(ramp.diverging ? 'legend.noChange' : 'legend.noImpact'), note: t('legend.countyNote'), groups };
}

function swatch(item: LegendModel['groups'][number]['items'][number]): HTMLElement {
  const span = element('span', '', `swatch ${item.swatch}`);
  if (item.swatch === 'arc') span.style.background = `linear-gradient(90deg, ${css(item.colour)}, ${css(item.to ?? item.colour)})`;
  else if (item.swatch === 'ring') span.style.borderColor = css(item.colour);
  else span.style.background = css(item.colour);
  return span;
}

export function showLegend(model: LegendModel): void {
  const bar = element('div', '', 'bar');
  bar.append(...model.stops.map((c) => {
    const span = element('span');
    span.style.background = css(c);
    return span;
  }));
  const ticks = element('div', '', 'ticks');
  ticks.append(...model.ticks.map((x) => element('span', x)));
  const clear = element('div', '', 'row');
  clear.append(element('span', '', 'swatch clear'), element('span', model.clear));
  const groups = model.groups.map((g) => {
    const section = element('div', '', 'group');
    section.append(element('div', g.title, 'group-title'), ...g.items.map((i) => {
      const row = element('div', '', 'row');
      row.append(swatch(i), element('span', i.label));
      return row;
    }));
    return section;
  });
  byId('legend').replaceChildren(element('div', model.title, 'legend-title'), bar, ticks, clear, element('div', model.note, 'note'), ...groups);
}

/** The legend drawn on a 2D canvas at (x, y), for the exported PNG; returns its height. */
export function drawLegend(g: CanvasRenderingContext2D, model: LegendModel, x: number, y: number, width: number, font: string): number {
  const line = 18;
  let at = y + 16;
  g.fillStyle = 'rgba(255,255,255,0.94)';
  const height = 16 + line * (4 + model.groups.reduce((s, gr) => s + 1 + gr.items.length, 0)) + 8;
  g.fillRect(x, y, width, height);
  g.strokeStyle = '#99a';
  g.strokeRect(x + 0.5, y + 0.5, width - 1, height - 1);
  g.fillStyle = '#1d2430';
  g.font = `bold 13px ${font}`;
  g.fillText(model.title, x + 8, at);
  at += 6;
  const barWidth = width - 16;
  model.stops.forEach((c, k) => {
    g.fillStyle = css(c);
    g.fillRect(x + 8 + (barWidth * k) / model.stops.length, at, barWidth / model.stops.length, 10);
  });
  at += 10 + 13;
  g.font = `11px ${font}`;
  g.fillStyle = '#1d2430';
  model.ticks.forEach((tick, k) => {
    g.textAlign = k === 0 ? 'left' : k === model.ticks.length - 1 ? 'right' : 'center';
    g.fillText(tick, x + 8 + (barWidth * k) / (model.ticks.length - 1), at);
  });
  g.textAlign = 'left';
  at += line;
  g.strokeRect(x + 8.5, at - 10.5, 14, 10);
  g.fillText(model.clear, x + 30, at);
  for (const group of model.groups) {
    at += line;
    g.font = `bold 11px ${font}`;
    g.fillText(group.title, x + 8, at);
    g.font = `11px ${font}`;
    for (const item of group.items) {
      at += line;
      g.fillStyle = css(item.colour);
      g.strokeStyle = css(item.colour);
      if (item.swatch === 'dot' || item.swatch === 'ring') {
        g.beginPath();
        g.arc(x + 15, at - 4, 5, 0, 2 * Math.PI);
        if (item.swatch === 'dot') g.fill();
        else g.stroke();
      } else if (item.swatch === 'fill') g.fillRect(x + 8, at - 10, 14, 10);
      else {
        if (item.swatch === 'arc' && item.to) g.fillStyle = css(item.to);
        g.fillRect(x + 8, at - 6, 14, item.swatch === 'thin-line' ? 1.5 : 3.5);
      }
      g.fillStyle = '#1d2430';
      g.fillText(item.label, x + 30, at);
    }
  }
  return height;
}
