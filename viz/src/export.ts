/**
 * Report-ready exports: the map as a PNG carrying its title, scenario, time, legend and scale; the
 * run's figures as CSV (totals, zones, aid); and a one-page print view (map and key figures) for
 * a briefing, laid out by the print style sheet.
 */
import type { AidTransfer, Summary } from './api.js';
import { t } from './i18n/i18n.js';
import { MAP_FONT } from './layers/place-names.js';
import { drawLegend, type LegendModel } from './panels/legend.js';
import { planningAmount } from './planning-units.js';

export interface PngLabels { title: string; subtitle: string; time: string; scale: { px: number; label: string } }

/** The map canvas with a title band, the legend at its lower left and a scale bar at its lower right. */
export function composePng(map: HTMLCanvasElement, legend: LegendModel, labels: PngLabels): HTMLCanvasElement {
  const out = document.createElement('canvas');
  const band = 56;
  out.width = map.width;
  out.height = map.height + band;
  const g = out.getContext('2d') as CanvasRenderingContext2D;
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, out.width, band);
  g.drawImage(map, 0, band);
  g.fillStyle = '#1d2430';
  g.font = `bold 20px ${MAP_FONT}`;
  g.fillText(labels.title, 12, 24);
  g.font = `13px ${MAP_FONT}`;
  g.fillText(`${labels.subtitle} · ${labels.time}`, 12, 46);
  const legendWidth = 290;
  const height = legendHeight(legend);
  drawLegend(g, legend, 12, Math.max(band, out.height - height - 12), legendWidth, MAP_FONT);
  // Scale bar, lower right.
  const x = out.width - labels.scale.px - 24;
  const y = out.height - 24;
  g.fillStyle = 'rgba(255,255,255,0.9)';
  g.fillRect(x - 8, y - 22, labels.scale.px + 16, 30);
  g.fillStyle = '#1d2430';
  g.fillRect(x, y, labels.scale.px, 3);
  g.fillRect(x, y - 6, 2, 9);
  g.fillRect(x + labels.scale.px - 2, y - 6, 2, 9);
  g.font = `12px ${MAP_FONT}`;
  g.textAlign = 'center';
  g.fillText(labels.scale.label, x + labels.scale.px / 2, y - 8);
  return out;
}

/** The drawn legend's height (as drawLegend lays it out). */
export const legendHeight = (legend: LegendModel): number => 96 + 18 * legend.groups.reduce((s, g) => s + 1 + g.items.length, 0);

const cell = (v: string | number): string => {
  const text = String(v);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/**
 * The run's figures as CSV: the totals panel's rows, every zone's results, and the aid transfers
 * with their amounts in the engine's units and in planning units. A UTF-8 byte-order mark lets
 * spreadsheet programs read the Chinese names.
 */
export function figuresCsv(totals: [string, string][], summary: Summary, transfers: readonly AidTransfer[], zoneName: (id: string) => string, circleName: (id: string) => string): string {
  const rows: (string | number)[][] = [[t('csv.section'), 'name', 'value']];
  for (const [label, value] of totals) rows.push([t('csv.totals'), label.trim(), value]);
  rows.push([]);
  rows.push([t('csv.zones'), 'id', 'name', 'population', 'displaced', 'seekingShelter', 'sheltered', 'unsheltered', 'pgaG', 'intensity', 'floodMaxDepthM', 'floodedAreaKm2', 'floodExposed', 'withoutPowerShare', 'withoutWaterShare']);
  for (const z of summary.zones) {
    rows.push([t('csv.zones'), z.id, zoneName(z.id), z.population, z.displaced ?? '', z.seekingShelter ?? '', z.evacuation?.sheltered ?? '', z.evacuation?.unsheltered ?? '', z.quake?.pgaG ?? '', z.quake?.intensity ?? '', z.flood?.maxDepthM ?? '', z.flood?.floodedAreaKm2 ?? '', z.flood?.populationExposed ?? '', z.serviceLoss?.['power'] ?? '', z.serviceLoss?.['water'] ?? '']);
  }
  rows.push([]);
  rows.push([t('csv.aid'), 'fromCircle', 'toCircle', 'resource', 'amount', 'unit', 'planningAmount', 'planningUnit', 'via']);
  for (const x of transfers) {
    const planned = planningAmount(x.amount, x.unit);
    rows.push([t('csv.aid'), circleName(x.fromCircle), circleName(x.toCircle), x.resource, Math.round(x.amount), x.unit, Math.round(planned.amount), planned.unit ? t(planned.unit) : x.unit, x.via.join(' | ')]);
  }
  return `\uFEFF${rows.map((r) => r.map(cell).join(',')).join('\n')}\n`;
}
