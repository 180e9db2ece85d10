/** The map's deck.gl layers, built from the viewer's state. */
import type { Layer as DeckLayer } from '@deck.gl/core';
import { ArcLayer, BitmapLayer, GeoJsonLayer, PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Layer, LayerFeature } from './api.js';
import { centroid } from './geometry.js';
import { FAILED, KNOCK_ON, SYSTEM_COLOURS, type RGBA, type Scale } from './colours.js';

export const LAYER_NAMES = ['land', 'zones', 'depth', 'circles', 'rivers', 'lifelines', 'shelters', 'evacuation', 'aid'] as const;
export type LayerName = (typeof LAYER_NAMES)[number];
export const LAYER_LABELS: Record<LayerName, string> = {
  land: 'Land (Natural Earth)', zones: 'Zones', depth: 'Flood depth raster', circles: 'Circle outlines', rivers: 'Rivers, reservoirs, basins',
  lifelines: 'Lifelines', shelters: 'Shelters', evacuation: 'Evacuation roads', aid: 'Mutual-aid arcs',
};

export interface MapData {
  land: Layer;
  cells: Layer;
  circleEdges: { path: [number, number][]; circle: string }[];
  rivers: Layer;
  lifelines: Layer;
  shelters: Layer;
}

export interface MapResults {
  zoneValue: (id: string) => number;
  scale: Scale;
  /** Component id → hours when it fails (cut or knock-on), and whether it was cut deliberately. */
  /** When each component goes down (and comes back, if it does), and whether it was cut rather than knocked out. */
  failedAtH: Map<string, { atH: number; restoredAtH?: number; cut: boolean }>;
  timeH: number;
  /** Flooded compartments and basins: water level (m) at each hour from 0. */
  floodStage: Map<string, number[]>;
  occupancy: Map<string, number>;
  roads: { path: [number, number][]; people: number; id: string }[];
  arcs: { from: [number, number]; to: [number, number]; amount: number; resource: string; fromCircle: string; toCircle: string; unit: string }[];
  /** A raster-domain run's depth at the slider's time, coloured, and its corners on the map. */
  depth?: { image: ImageData; corners: [number, number][] };
}

/** Water level of a flooded area at hour `t` (0 where it never floods). */
const stageAt = (hourly: number[] | undefined, t: number): number => (hourly ? (hourly[Math.min(Math.floor(t), hourly.length - 1)] ?? 0) : 0);

/** Compartments shade from pale to deep blue with their water level (full at 3 m); dry ones are a faint outline. */
function riverFill(f: LayerFeature, stageM: number): RGBA {
  const kind = f.properties['kind'];
  if (kind === 'compartment') {
    if (stageM <= 0) return [40, 110, 200, 25];
    const w = Math.min(stageM / 3, 1);
    return [Math.round(150 - 130 * w), Math.round(200 - 140 * w), 240, Math.round(110 + 110 * w)];
  }
  if (kind === 'detention-basin') return stageM > 0 ? [90, 40, 200, 255] : [120, 80, 200, 180];
  return kind === 'reservoir' ? [20, 90, 190, 230] : [40, 110, 200, 160];
}

const RESOURCE_COLOURS: Record<string, RGBA> = { shelter: [46, 134, 193, 220], 'hospital-beds': [200, 40, 60, 220], 'drinking-water': [20, 170, 200, 220], food: [150, 110, 40, 220] };

export function buildLayers(data: MapData, results: MapResults, visible: Record<LayerName, boolean>, onPickComponent: (id: string) => void, onPickStation: (id: string) => void): DeckLayer[] {
  const layers: DeckLayer[] = [];
  if (visible.land) layers.push(new GeoJsonLayer({ id: 'land', data: data.land, filled: true, stroked: true, getFillColor: [238, 234, 224, 255], getLineColor: [170, 170, 170, 255], lineWidthMinPixels: 0.5 }));
  if (visible.zones) {
    layers.push(new GeoJsonLayer({
      id: 'zones', data: data.cells, pickable: true, filled: true, stroked: true,
      getFillColor: (f: LayerFeature) => results.scale.colour(results.zoneValue(String(f.properties['id']))),
      getLineColor: [255, 255, 255, 160], lineWidthMinPixels: 0.5,
      updateTriggers: { getFillColor: [results.zoneValue, results.scale] },
    }));
  }
  if (visible.depth && results.depth) {
    const [bl, tl, tr, br] = results.depth.corners as [[number, number], [number, number], [number, number], [number, number]];
    layers.push(new BitmapLayer({ id: 'depth', image: results.depth.image, bounds: [bl, tl, tr, br], textureParameters: { minFilter: 'nearest', magFilter: 'nearest' } }));
  }
  if (visible.circles) layers.push(new PathLayer({ id: 'circles', data: data.circleEdges, getPath: (d: { path: [number, number][] }) => d.path, getColor: [30, 40, 60, 230], widthMinPixels: 1.5 }));
  if (visible.rivers) {
    layers.push(new GeoJsonLayer({
      id: 'rivers', data: data.rivers, pickable: true, stroked: true, filled: true, pointType: 'circle',
      getLineColor: [40, 110, 200, 220], lineWidthMinPixels: 1.5,
      getFillColor: (f: LayerFeature) => riverFill(f, stageAt(results.floodStage.get(String(f.properties['id'])), results.timeH)),
      getPointRadius: (f: LayerFeature) => (f.properties['kind'] === 'subbasin' ? 0 : 4), pointRadiusUnits: 'pixels',
      updateTriggers: { getFillColor: [results.floodStage, results.timeH] },
      onClick: (info) => {
        const id = (info.object as LayerFeature | undefined)?.properties['id'];
        if (typeof id === 'string') onPickStation(id);
      },
    }));
  }
  if (visible.lifelines) {
    const down = new Set([...results.failedAtH].filter(([, f]) => f.atH <= results.timeH && results.timeH < (f.restoredAtH ?? Infinity)).map(([id]) => id));
    // Colours change only when the slider crosses a failure or restore time: trigger on which are down, not on the hour itself.
    const downNow = [...down].join();
    const colourOf = (f: LayerFeature): RGBA => {
      const id = String(f.properties['id']);
      if (down.has(id)) return results.failedAtH.get(id)?.cut ? FAILED : KNOCK_ON;
      return SYSTEM_COLOURS[String(f.properties['system'])] ?? [0, 0, 0, 200];
    };
    layers.push(new GeoJsonLayer({
      id: 'lifelines', data: data.lifelines, pickable: true, stroked: true, filled: true, pointType: 'circle',
      getLineColor: colourOf, getFillColor: colourOf, lineWidthMinPixels: 2, getPointRadius: 3, pointRadiusUnits: 'pixels',
      updateTriggers: { getLineColor: [results.failedAtH, downNow], getFillColor: [results.failedAtH, downNow] },
      onClick: (info) => {
        const id = (info.object as LayerFeature | undefined)?.properties['id'];
        if (typeof id === 'string') onPickComponent(id);
      },
    }));
  }
  if (visible.evacuation && results.roads.length > 0) {
    const top = Math.max(...results.roads.map((r) => r.people), 1);
    layers.push(new PathLayer({ id: 'evacuation', data: results.roads, pickable: true, getPath: (d: MapResults['roads'][number]) => d.path, getColor: [46, 134, 193, 230], getWidth: (d: MapResults['roads'][number]) => 1 + 9 * (d.people / top), widthUnits: 'pixels' }));
  }
  if (visible.shelters) {
    layers.push(new ScatterplotLayer({
      id: 'shelters', data: data.shelters.features, pickable: true, stroked: true,
      getPosition: (f: LayerFeature) => centroid(f),
      getRadius: (f: LayerFeature) => 2 + Math.sqrt(Number(f.properties['capacity'] ?? 0) + Number(f.properties['beds'] ?? 0)) / 25, radiusUnits: 'pixels',
      getFillColor: (f: LayerFeature) => {
        const capacity = Number(f.properties['capacity'] ?? 0);
        const used = results.occupancy.get(String(f.properties['id'])) ?? 0;
        const fill = capacity > 0 ? used / capacity : 0;
        return [Math.round(40 + 200 * fill), Math.round(160 - 120 * fill), 80, 220];
      },
      getLineColor: [20, 20, 20, 200], lineWidthMinPixels: 1,
      updateTriggers: { getFillColor: [results.occupancy] },
    }));
  }
  if (visible.aid && results.arcs.length > 0) {
    const top = Math.max(...results.arcs.map((a) => a.amount), 1);
    layers.push(new ArcLayer({
      id: 'aid', data: results.arcs, pickable: true,
      getSourcePosition: (d: MapResults['arcs'][number]) => d.from, getTargetPosition: (d: MapResults['arcs'][number]) => d.to,
      getSourceColor: (d: MapResults['arcs'][number]) => RESOURCE_COLOURS[d.resource] ?? [80, 80, 80, 220],
      getTargetColor: (d: MapResults['arcs'][number]) => RESOURCE_COLOURS[d.resource] ?? [80, 80, 80, 220],
      getWidth: (d: MapResults['arcs'][number]) => 2 + 10 * (d.amount / top), widthUnits: 'pixels',
    }));
  }
  return layers;
}

