/**
 * Lifelines by system: working components faint in their system's colour, so what failed stands
 * out — red when cut or damaged by a hazard, pink when knocked out by a supplier's loss, grey
 * once restored — as of the slider's hour.
 */
import { GeoJsonLayer } from '@deck.gl/layers';
import type { LayerFeature } from '../api.js';
import { STATUS_COLOURS, SYSTEM_COLOURS, WORKING_ALPHA, type RGBA } from '../colours.js';
import { statusAt } from '../map-model.js';
import type { LegendItem, MapLayer } from './types.js';

export const lifelinesLayer: MapLayer = {
  id: 'lifelines', label: 'layer.lifelines', defaultVisible: true,
  build: ({ data, model, state }) => {
    const status = new Map([...model.failures].map(([id, f]) => [id, statusAt(f, state.timeH)]));
    // Colours change only when the slider crosses a failure or repair: trigger on the statuses, not the hour.
    const statuses = [...status].map(([id, s]) => `${id}:${s ?? ''}`).join();
    const colourOf = (f: LayerFeature): RGBA => {
      const s = status.get(String(f.properties['id']));
      if (s) return STATUS_COLOURS[s];
      const c = SYSTEM_COLOURS[String(f.properties['system'])] ?? [0, 0, 0, 200];
      return [c[0], c[1], c[2], WORKING_ALPHA];
    };
    const widthOf = (f: LayerFeature): number => (status.get(String(f.properties['id'])) ? 3.5 : 0.8);
    return new GeoJsonLayer({
      id: 'lifelines', data: data.lifelines, pickable: true, stroked: true, filled: true, pointType: 'circle',
      getLineColor: colourOf, getFillColor: colourOf, getLineWidth: widthOf, lineWidthUnits: 'pixels',
      getPointRadius: (f: LayerFeature) => (status.get(String(f.properties['id'])) ? 5 : 1.5), pointRadiusUnits: 'pixels',
      updateTriggers: { getLineColor: statuses, getFillColor: statuses, getLineWidth: statuses, getPointRadius: statuses },
    });
  },
  legend: ({ state }): LegendItem[] => (state.summary === undefined ? [] : [
    { swatch: 'line', colour: STATUS_COLOURS.direct, label: 'key.lifelineDirect' },
    { swatch: 'line', colour: STATUS_COLOURS['knock-on'], label: 'key.lifelineKnockOn' },
    { swatch: 'line', colour: STATUS_COLOURS.restored, label: 'key.lifelineRestored' },
    ...(['power', 'water', 'gas', 'telecom'] as const).map((system): LegendItem => ({ swatch: 'thin-line', colour: SYSTEM_COLOURS[system] as RGBA, label: `system.${system}` })),
  ]),
};
