/**
 * Land and sea: Natural Earth land (the `world-atlas` package) on the map's sea-blue background,
 * and the region within its true outline a shade lighter than the land around it.
 */
import { GeoJsonLayer } from '@deck.gl/layers';
import type { MapLayer } from './types.js';

export const landLayer: MapLayer = {
  id: 'land', label: 'layer.land', defaultVisible: true,
  build: ({ data }) => [
    new GeoJsonLayer({ id: 'land', data: data.land, filled: true, stroked: true, getFillColor: [228, 224, 214, 255], getLineColor: [160, 170, 180, 255], lineWidthMinPixels: 0.5 }),
    new GeoJsonLayer({ id: 'region', data: data.outline, filled: true, stroked: false, getFillColor: [252, 251, 247, 255] }),
  ],
};
