/** A raster-domain run's water depth at the slider's time, as an image on its four corners. */
import { BitmapLayer } from '@deck.gl/layers';
import type { MapLayer } from './types.js';

export const depthRasterLayer: MapLayer = {
  id: 'depth', label: 'layer.depth', defaultVisible: true,
  build: ({ model }) => {
    if (!model.depth) return null;
    const [bl, tl, tr, br] = model.depth.corners as [[number, number], [number, number], [number, number], [number, number]];
    return new BitmapLayer({ id: 'depth', image: model.depth.image, bounds: [bl, tl, tr, br], textureParameters: { minFilter: 'nearest', magFilter: 'nearest' } });
  },
};
