/**
 * An earthquake's epicentre and rupture: the line of the run's rupture length (Wells &
 * Coppersmith 1994, as the engine takes it) centred on the epicentre along the strike.
 */
import { PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Summary } from '../api.js';
import type { RGBA } from '../colours.js';
import type { MapLayer } from './types.js';

const EPICENTRE: RGBA = [200, 0, 0, 255];
const RUPTURE: RGBA = [120, 0, 0, 230];

export type QuakeEvent = NonNullable<NonNullable<Summary['quake']>['events']>[number];

/** The rupture's two ends (flat earth around the epicentre, as the engine's distances take it). */
export function ruptureEnds(e: QuakeEvent): [[number, number], [number, number]] | undefined {
  if (!e.ruptureLengthKm || e.strikeDeg === undefined) return undefined;
  const [lon, lat] = e.epicenter;
  const half = e.ruptureLengthKm / 2;
  const strike = (e.strikeDeg * Math.PI) / 180;
  const dLon = (half * Math.sin(strike)) / (111.32 * Math.cos((lat * Math.PI) / 180));
  const dLat = (half * Math.cos(strike)) / 110.57;
  return [[lon - dLon, lat - dLat], [lon + dLon, lat + dLat]];
}

export const quakeLayer: MapLayer = {
  id: 'quake', label: 'layer.quake', defaultVisible: true,
  build: ({ state }) => {
    const events = state.summary?.quake?.events ?? [];
    if (events.length === 0) return null;
    const ruptures = events.flatMap((e) => {
      const ends = ruptureEnds(e);
      return ends ? [{ path: ends, event: e }] : [];
    });
    return [
      new PathLayer({ id: 'rupture', data: ruptures, pickable: true, getPath: (d: { path: [number, number][] }) => d.path, getColor: RUPTURE, widthMinPixels: 4, capRounded: true }),
      new ScatterplotLayer({ id: 'epicentre', data: events, pickable: true, getPosition: (e: QuakeEvent) => e.epicenter, getRadius: 9, radiusUnits: 'pixels', stroked: true, getFillColor: EPICENTRE, getLineColor: [255, 255, 255, 255], lineWidthMinPixels: 2.5 }),
    ];
  },
  legend: ({ state }) => ((state.summary?.quake?.events?.length ?? 0) > 0 ? [{ swatch: 'dot', colour: EPICENTRE, label: 'key.epicentre' }, { swatch: 'line', colour: RUPTURE, label: 'key.rupture' }] : []),
};
