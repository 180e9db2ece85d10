/** The impact by county: each zone's cell coloured by the chosen metric at the slider's hour; zones without impact stay clear. */
import { GeoJsonLayer } from '@deck.gl/layers';
import type { LayerFeature } from '../api.js';
import type { MapLayer } from './types.js';

export const zonesLayer: MapLayer = {
  id: 'zones', label: 'layer.zones', defaultVisible: true,
  build: ({ data, model, state }) => (state.grid ? null : new GeoJsonLayer({
    id: 'zones', data: data.cells, pickable: true, filled: true, stroked: true,
    getFillColor: (f: LayerFeature) => model.scale.colour(model.zoneValue(String(f.properties['id']))),
    getLineColor: [150, 150, 150, 110], lineWidthMinPixels: 0.4,
    updateTriggers: { getFillColor: [model.zoneValue, model.scale] },
  })),
};
