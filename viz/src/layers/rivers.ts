/** River reaches, gauging stations (click one for its hydrograph) and reservoirs. */
import { GeoJsonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { LayerFeature } from '../api.js';
import type { RGBA } from '../colours.js';
import { centroid } from '../geometry.js';
import type { MapLayer } from './types.js';

const RIVER: RGBA = [50, 120, 200, 230];
const STATION: RGBA = [255, 255, 255, 255];
const RESERVOIR: RGBA = [20, 80, 170, 240];

export const riversLayer: MapLayer = {
  id: 'rivers', label: 'layer.rivers', defaultVisible: true,
  build: ({ data }) => [
    new GeoJsonLayer({ id: 'reaches', data: data.rivers.features.filter((f) => f.properties['kind'] === 'reach'), pickable: true, stroked: true, getLineColor: RIVER, lineWidthMinPixels: 1.6 }),
    new ScatterplotLayer({
      id: 'stations', data: data.rivers.features.filter((f) => f.properties['kind'] === 'station' || f.properties['kind'] === 'reservoir'), pickable: true, stroked: true,
      getPosition: (f: LayerFeature) => centroid(f), radiusUnits: 'pixels', getRadius: (f: LayerFeature) => (f.properties['kind'] === 'reservoir' ? 6 : 5),
      getFillColor: (f: LayerFeature) => (f.properties['kind'] === 'reservoir' ? RESERVOIR : STATION), getLineColor: RESERVOIR, lineWidthMinPixels: 1.5,
    }),
  ],
  legend: () => [{ swatch: 'line', colour: RIVER, label: 'key.river' }, { swatch: 'ring', colour: RESERVOIR, label: 'key.station' }, { swatch: 'dot', colour: RESERVOIR, label: 'key.reservoir' }],
};
