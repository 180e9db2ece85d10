/** The planning circles' outlines: edges between zone cells of different bands. */
import { PathLayer } from '@deck.gl/layers';
import type { RGBA } from '../colours.js';
import type { MapLayer } from './types.js';

const CIRCLE: RGBA = [40, 90, 60, 200];

export const circlesLayer: MapLayer = {
  id: 'circles', label: 'layer.circles', defaultVisible: false,
  build: ({ data }) => (data.circleEdges.length === 0 ? null : new PathLayer({ id: 'circles', data: data.circleEdges, getPath: (d: { path: [number, number][] }) => d.path, getColor: CIRCLE, widthMinPixels: 2 })),
  legend: () => [{ swatch: 'line', colour: CIRCLE, label: 'key.circle' }],
};
