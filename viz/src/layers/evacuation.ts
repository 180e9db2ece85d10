/** The roads evacuees take to shelters, as wide as the people on them. */
import { PathLayer } from '@deck.gl/layers';
import type { RGBA } from '../colours.js';
import type { MapLayer, MapModel } from './types.js';

const ROAD: RGBA = [31, 120, 180, 170];
type Road = MapModel['roads'][number];

export const evacuationLayer: MapLayer = {
  id: 'evacuation', label: 'layer.evacuation', defaultVisible: true,
  build: ({ model }) => {
    if (model.roads.length === 0) return null;
    const top = Math.max(...model.roads.map((r) => r.people), 1);
    return new PathLayer({ id: 'evacuation', data: model.roads, pickable: true, getPath: (d: Road) => d.path, getColor: ROAD, getWidth: (d: Road) => 1 + 7 * (d.people / top), widthUnits: 'pixels', capRounded: true });
  },
  legend: ({ model }) => (model.roads.length > 0 ? [{ swatch: 'line', colour: ROAD, label: 'key.road' }] : []),
};
