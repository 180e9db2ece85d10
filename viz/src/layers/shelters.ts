/** Shelters sized by capacity and coloured from green (room) to red (full) by their occupancy. */
import { ScatterplotLayer } from '@deck.gl/layers';
import type { LayerFeature } from '../api.js';
import type { RGBA } from '../colours.js';
import { centroid } from '../geometry.js';
import type { MapLayer } from './types.js';

export const shelterColour = (fill: number): RGBA => [Math.round(40 + 200 * fill), Math.round(160 - 120 * fill), 80, 230];

export const sheltersLayer: MapLayer = {
  id: 'shelters', label: 'layer.shelters', defaultVisible: true,
  build: ({ data, model }) => new ScatterplotLayer({
    id: 'shelters', data: data.shelters.features, pickable: true, stroked: true,
    getPosition: (f: LayerFeature) => centroid(f),
    getRadius: (f: LayerFeature) => 2.5 + Math.sqrt(Number(f.properties['capacity'] ?? 0) + Number(f.properties['beds'] ?? 0)) / 30, radiusUnits: 'pixels',
    getFillColor: (f: LayerFeature) => {
      const capacity = Number(f.properties['capacity'] ?? 0);
      const used = model.occupancy.get(String(f.properties['id'])) ?? 0;
      return shelterColour(capacity > 0 ? Math.min(used / capacity, 1) : 0);
    },
    getLineColor: [30, 30, 30, 200], lineWidthMinPixels: 1,
    updateTriggers: { getFillColor: [model.occupancy] },
  }),
  legend: () => [{ swatch: 'dot', colour: shelterColour(0), label: 'key.shelterEmpty' }, { swatch: 'dot', colour: shelterColour(1), label: 'key.shelterFull' }],
};
