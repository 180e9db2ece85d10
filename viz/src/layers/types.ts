/** What every map layer module shares: the context it draws from and the legend entries it gives. */
import type { Layer as DeckLayer } from '@deck.gl/core';
import type { Scale, RGBA } from '../colours.js';
import type { MessageKey } from '../i18n/en.js';
import type { AidArc, Failure, MapData } from '../map-model.js';
import type { AppState } from '../state.js';

/** Everything the layers draw, derived once per redraw. */
export interface MapModel {
  zoneValue: (id: string) => number;
  scale: Scale;
  /** The zone legend's title, in the current language. */
  scaleTitle: string;
  failures: Map<string, Failure>;
  roads: { path: [number, number][]; people: number; id: string }[];
  arcs: AidArc[];
  occupancy: Map<string, number>;
  /** A raster-domain run's depth at the slider's time, coloured, and its corners on the map. */
  depth?: { image: ImageData; corners: [number, number][] };
}

export interface MapContext { data: MapData; state: AppState; model: MapModel }

/** One legend row: a swatch drawn as a fill, a line, a dot or an arc, and its label key. */
export interface LegendItem { swatch: 'fill' | 'line' | 'thin-line' | 'dot' | 'ring' | 'arc'; colour: RGBA; to?: RGBA; label: MessageKey; params?: Record<string, string> }

export interface MapLayer {
  id: string;
  /** The layer's name in the layer list and legend. */
  label: MessageKey;
  defaultVisible: boolean;
  /** The deck.gl layer(s) for the current state, or none when there is nothing to draw. */
  build: (ctx: MapContext) => DeckLayer | DeckLayer[] | null;
  /** Its legend rows, when it draws something. */
  legend?: (ctx: MapContext) => LegendItem[];
}
