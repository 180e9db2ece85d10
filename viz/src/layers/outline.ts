/**
 * The region's true outline and its provincial and municipal borders (Natural Earth, the pack's
 * outline.geojson) over the zones, and the prefecture-city borders between the zone cells
 * (approximate, as the cells are).
 */
import { GeoJsonLayer, PathLayer } from '@deck.gl/layers';
import type { RGBA } from '../colours.js';
import type { MapLayer } from './types.js';

const PROVINCE: RGBA = [45, 45, 60, 255];
const CITY: RGBA = [110, 110, 125, 170];

export const outlineLayer: MapLayer = {
  id: 'outline', label: 'layer.outline', defaultVisible: true,
  build: ({ data }) => [
    new PathLayer({ id: 'city-borders', data: data.cityBorders, getPath: (d: { path: [number, number][] }) => d.path, getColor: CITY, widthMinPixels: 0.8, widthMaxPixels: 1.2 }),
    new GeoJsonLayer({ id: 'outline', data: data.outline, filled: false, stroked: true, getLineColor: PROVINCE, lineWidthMinPixels: 2 }),
  ],
  legend: () => [{ swatch: 'line', colour: PROVINCE, label: 'key.provinceBorder' }, { swatch: 'thin-line', colour: CITY, label: 'key.cityBorder' }],
};

