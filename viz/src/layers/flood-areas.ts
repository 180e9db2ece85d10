/**
 * Flooded compartments shaded by their water level at the slider's hour (full colour at 3 m),
 * and detention basins: opened ones strong once they open, unused ones hollow.
 */
import { GeoJsonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { LayerFeature } from '../api.js';
import type { RGBA } from '../colours.js';
import { centroid } from '../geometry.js';
import { stageAt } from '../map-model.js';
import type { MapLayer } from './types.js';

const DRY: RGBA = [70, 130, 200, 30];
const BASIN_OPEN: RGBA = [106, 61, 154, 255];
const BASIN_CLOSED: RGBA = [106, 61, 154, 110];

export function compartmentFill(stageM: number): RGBA {
  if (stageM <= 0) return DRY;
  const w = Math.min(stageM / 3, 1);
  return [Math.round(150 - 130 * w), Math.round(200 - 140 * w), 240, Math.round(120 + 110 * w)];
}

export const floodAreasLayer: MapLayer = {
  id: 'flood-areas', label: 'layer.floodAreas', defaultVisible: true,
  build: ({ data, state }) => {
    const stage = new Map((state.summary?.flood?.floodedAreas ?? []).map((a) => [a.id, a.hourlyStageM]));
    const basins = new Map((state.summary?.flood?.detentionBasins ?? []).map((b) => [b.id, b]));
    const opened = (id: string): boolean => {
      const b = basins.get(id);
      return Boolean(b?.activated) && (b?.activatedAtH ?? 0) <= state.timeH;
    };
    return [
      new GeoJsonLayer({
        id: 'compartments', data: data.rivers.features.filter((f) => f.properties['kind'] === 'compartment'), pickable: true, filled: true, stroked: true,
        getFillColor: (f: LayerFeature) => compartmentFill(stageAt(stage.get(String(f.properties['id'])), state.timeH)),
        getLineColor: [40, 100, 180, 160], lineWidthMinPixels: 1,
        updateTriggers: { getFillColor: [stage, state.timeH] },
      }),
      new ScatterplotLayer({
        id: 'basins', data: data.rivers.features.filter((f) => f.properties['kind'] === 'detention-basin'), pickable: true, stroked: true,
        getPosition: (f: LayerFeature) => centroid(f), radiusUnits: 'pixels', getRadius: 7, lineWidthMinPixels: 2,
        getFillColor: (f: LayerFeature) => (opened(String(f.properties['id'])) ? BASIN_OPEN : [255, 255, 255, 180]),
        getLineColor: (f: LayerFeature) => (opened(String(f.properties['id'])) ? [255, 255, 255, 255] : BASIN_CLOSED),
        updateTriggers: { getFillColor: [basins, state.timeH], getLineColor: [basins, state.timeH] },
      }),
    ];
  },
  legend: ({ state }) => (state.summary?.flood ? [
    { swatch: 'fill', colour: compartmentFill(2), label: 'key.compartmentWet' },
    { swatch: 'fill', colour: DRY, label: 'key.compartmentDry' },
    { swatch: 'dot', colour: BASIN_OPEN, label: 'key.basinOpen' },
    { swatch: 'ring', colour: BASIN_CLOSED, label: 'key.basinClosed' },
  ] : []),
};
