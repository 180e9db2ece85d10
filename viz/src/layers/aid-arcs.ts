/**
 * Mutual aid as arcs from the giving circle's zones to the receiving circle's stricken zones,
 * one colour per resource, faint at the giver and strong at the receiver so the direction reads.
 */
import { ArcLayer } from '@deck.gl/layers';
import { OTHER_RESOURCE, RESOURCE_COLOURS, type RGBA } from '../colours.js';
import type { AidArc } from '../map-model.js';
import type { LegendItem, MapLayer } from './types.js';

const colourOf = (resource: string): RGBA => RESOURCE_COLOURS[resource] ?? OTHER_RESOURCE;
const faint = (c: RGBA): RGBA => [c[0], c[1], c[2], 50];

export const aidArcsLayer: MapLayer = {
  id: 'aid', label: 'layer.aid', defaultVisible: true,
  build: ({ model }) => {
    if (model.arcs.length === 0) return null;
    // Widths compare amounts within a resource: a day's food and a hospital bed are not one scale.
    const top = new Map<string, number>();
    for (const a of model.arcs) top.set(a.resource, Math.max(top.get(a.resource) ?? 0, a.amount));
    // Arcs under 2% of their resource's largest would only clutter the map; the matrix lists every transfer.
    const shown = model.arcs.filter((a) => a.amount >= 0.02 * (top.get(a.resource) ?? 0));
    return new ArcLayer({
      id: 'aid', data: shown, pickable: true,
      getSourcePosition: (d: AidArc) => d.from, getTargetPosition: (d: AidArc) => d.to,
      getSourceColor: (d: AidArc) => faint(colourOf(d.resource)), getTargetColor: (d: AidArc) => colourOf(d.resource),
      getWidth: (d: AidArc) => 1.5 + 7 * Math.sqrt(d.amount / (top.get(d.resource) ?? 1)), widthUnits: 'pixels', getHeight: 0.6,
    });
  },
  legend: ({ model }) => {
    const resources = [...new Set(model.arcs.map((a) => a.resource))];
    return resources.map((r): LegendItem => ({ swatch: 'arc', colour: faint(colourOf(r)), to: colourOf(r), label: (r in RESOURCE_COLOURS ? `resource.${r}` : 'cause.other') as LegendItem['label'], params: { cause: r } }));
  },
};
