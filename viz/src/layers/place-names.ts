/**
 * Place names at zoom levels where they fit: provinces and municipalities from afar, prefecture
 * cities, then county seats, reservoirs and detention basins, river reaches and stations closer
 * in — in the page's language, with a halo so they read over any colour.
 */
import { TextLayer } from '@deck.gl/layers';
import type { LayerFeature } from '../api.js';
import { centroid } from '../geometry.js';
import type { MapData, ZoneInfo } from '../map-model.js';
import type { MapLayer } from './types.js';

/** Fonts with Chinese glyphs first (Debian's fonts-noto-cjk and fonts-wqy-microhei, Windows' and macOS's). */
export const MAP_FONT = '"Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", "Source Han Sans SC", system-ui, sans-serif';

export interface PlaceName { text: string; at: [number, number]; size: number; weight: number; colour: [number, number, number, number] }

const ZONE_FOR_UNIT: Record<string, string> = { beijing: '110101', tianjin: '120101', hebei: '130102' };

/** The names to show at `zoom`, in `lang`. */
export function placeNames(data: MapData, zoom: number, lang: 'zh' | 'en'): PlaceName[] {
  const name = (p: Record<string, unknown>): string => {
    const text = lang === 'zh' ? (p['nameZh'] ?? p['name']) : p['name'];
    return typeof text === 'string' ? text : '';
  };
  const names: PlaceName[] = [];
  const zones = [...data.zones.values()];
  if (zoom < 7.2) {
    // Provinces and municipalities at their capital's seat.
    for (const f of data.outline.features) {
      const seat = data.zones.get(ZONE_FOR_UNIT[String(f.properties['id'])] ?? '')?.at;
      if (seat) names.push({ text: name(f.properties), at: [seat[0], seat[1] + 0.12], size: 17, weight: 700, colour: [30, 30, 40, 255] });
    }
  }
  if (zoom >= 6 && zoom < 8.2) {
    // Prefecture cities of Hebei at their first urban district's seat (Beijing and Tianjin are named above).
    const cities = new Map<string, ZoneInfo>();
    for (const z of zones) if (z.province === 'hebei' && z.prefecture && !cities.has(z.prefecture)) cities.set(z.prefecture, z);
    for (const z of cities.values()) names.push({ text: lang === 'zh' ? (z.prefectureZh ?? '') : (z.prefecture ?? ''), at: z.at, size: 14, weight: 600, colour: [40, 40, 50, 255] });
  }
  if (zoom >= 7.6) for (const z of zones) names.push({ text: name({ name: z.name, nameZh: z.nameZh }), at: z.at, size: 11, weight: 400, colour: [60, 60, 70, 255] });
  for (const f of data.rivers.features as LayerFeature[]) {
    const kind = f.properties['kind'];
    const shown = kind === 'reservoir' || kind === 'detention-basin' ? zoom >= 7 : kind === 'reach' ? zoom >= 7.8 : kind === 'station' ? zoom >= 8.2 : false;
    if (shown) names.push({ text: name(f.properties), at: centroid(f), size: 11, weight: 400, colour: [20, 70, 150, 255] });
  }
  return names.filter((n) => n.text !== '');
}

export const placeNamesLayer: MapLayer = {
  id: 'names', label: 'layer.names', defaultVisible: true,
  build: ({ data, state }) => {
    // Names change with the language and the zoom band only: rounding keeps the layer's data stable while panning.
    const zoom = Math.round(state.zoom * 5) / 5;
    return new TextLayer({
      id: 'names', data: placeNames(data, zoom, state.lang),
      getText: (d: PlaceName) => d.text, getPosition: (d: PlaceName) => d.at, getSize: (d: PlaceName) => d.size, getColor: (d: PlaceName) => d.colour,
      fontFamily: MAP_FONT, fontWeight: 600, characterSet: 'auto', getPixelOffset: [0, -10],
      fontSettings: { sdf: true, fontSize: 48, buffer: 6 }, outlineWidth: 3, outlineColor: [255, 255, 255, 230],
      updateTriggers: { getText: [state.lang, zoom] },
    });
  },
};
