/** A gauging station's hourly hydrograph as an SVG line, with its peak. */
import { count, decimal } from '../format.js';
import { t } from '../i18n/i18n.js';
import { byId } from './dom.js';

export function showHydrograph(station: { name: string; peakDischargeM3s: number; peakTimeH: number; hourlyM3s: number[] } | undefined): void {
  const svg = byId('hydrograph');
  const hint = byId('hydrograph-hint');
  if (!station) {
    svg.replaceChildren();
    hint.textContent = t('side.hydrographHint');
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
    const el = document.createElementNS(ns, 'text');
    el.setAttribute('x', String(x));
    el.setAttribute('y', String(y));
    el.setAttribute('font-size', '10');
    el.setAttribute('text-anchor', anchor);
    el.textContent = text;
    return el;
  };
  svg.replaceChildren(axis, line, label(pad + 2, pad - 6, `${count(top)} ${t('unit.m3s')}`), label(width - pad, height - 6, t('map.hours', { h: n }), 'end'), label(pad, height - 6, '0'));
  hint.textContent = t('side.hydrographPeak', { name: station.name, q: count(station.peakDischargeM3s), h: decimal(station.peakTimeH, 1) });
}
