import { msToMw } from './magnitude.js';

/**
 * Wells & Coppersmith (1994), BSSA 84(4), Table 2A: surface rupture length,
 * log10 L(km) = a + b·Mw, by slip type (a, b, σ as tabulated; coefficients as in OpenQuake's
 * `wc1994.py`).
 */
export const WC1994_SURFACE_RUPTURE_LENGTH = {
  'strike-slip': { a: -3.55, b: 0.74, sigma: 0.23 },
  reverse: { a: -2.86, b: 0.63, sigma: 0.2 },
  normal: { a: -2.01, b: 0.5, sigma: 0.21 },
  all: { a: -3.22, b: 0.69, sigma: 0.22 },
} as const;
export type Mechanism = keyof typeof WC1994_SURFACE_RUPTURE_LENGTH;

export interface Rupture {
  lon: number;
  lat: number;
  depthKm: number;
  ms: number;
  mw: number;
  /** Azimuth of the long axis, degrees clockwise from north; undefined for a point source without a strike. */
  strikeDeg?: number;
  /** Length of the rupture line centred on the epicentre (km). */
  lengthKm: number;
}

export function ruptureLengthKm(mw: number, mechanism: Mechanism = 'all'): number {
  const { a, b } = WC1994_SURFACE_RUPTURE_LENGTH[mechanism];
  return 10 ** (a + b * mw);
}

export function buildRupture(source: { epicenter: [number, number]; magnitude: number; depthKm: number; strikeDeg?: number; lengthKm?: number; mechanism?: Mechanism }): Rupture {
  const mw = msToMw(source.magnitude);
  return {
    lon: source.epicenter[0], lat: source.epicenter[1], depthKm: source.depthKm, ms: source.magnitude, mw,
    ...(source.strikeDeg !== undefined ? { strikeDeg: source.strikeDeg } : {}),
    lengthKm: source.lengthKm ?? (source.strikeDeg !== undefined ? ruptureLengthKm(mw, source.mechanism) : 0),
  };
}

const EARTH_RADIUS_KM = 6371.0088;
const rad = (deg: number): number => (deg * Math.PI) / 180;

/** Great-circle distance (km) and the azimuth (degrees clockwise from north) from a to b. */
export function distanceAzimuth(lonA: number, latA: number, lonB: number, latB: number): { km: number; azimuthDeg: number } {
  const p1 = rad(latA);
  const p2 = rad(latB);
  const dl = rad(lonB - lonA);
  const h = Math.sin((p2 - p1) / 2) ** 2 + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) ** 2;
  const km = 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
  const y = Math.sin(dl) * Math.cos(p2);
  const x = Math.cos(p1) * Math.sin(p2) - Math.sin(p1) * Math.cos(p2) * Math.cos(dl);
  return { km, azimuthDeg: ((Math.atan2(y, x) * 180) / Math.PI + 360) % 360 };
}

export interface SiteDistances {
  /** Epicentral distance (km). */
  repi: number;
  /** Hypocentral distance (km). */
  rhypo: number;
  /** Distance to the rupture line at the hypocentral depth (km); equals rhypo for a point source. */
  rrup: number;
  /** Angle between the strike and the direction epicentre → site, folded to 0–90° (0 = along the long axis); NaN without a strike. */
  thetaDeg: number;
}

/**
 * Distances from a rupture to a site. The rupture is a line of `lengthKm` centred on the
 * epicentre along the strike at the hypocentral depth (flat-earth projection around the
 * epicentre, adequate within a few hundred km).
 */
export function siteDistances(r: Rupture, lon: number, lat: number): SiteDistances {
  const { km: repi, azimuthDeg } = distanceAzimuth(r.lon, r.lat, lon, lat);
  const rhypo = Math.hypot(repi, r.depthKm);
  if (r.strikeDeg === undefined) return { repi, rhypo, rrup: rhypo, thetaDeg: Number.NaN };
  const rel = rad(azimuthDeg - r.strikeDeg);
  const along = repi * Math.cos(rel);
  const across = repi * Math.sin(rel);
  const half = r.lengthKm / 2;
  const beyond = Math.max(Math.abs(along) - half, 0);
  const rrup = Math.sqrt(beyond * beyond + across * across + r.depthKm * r.depthKm);
  const theta = Math.abs((Math.atan2(Math.abs(across), Math.abs(along)) * 180) / Math.PI);
  return { repi, rhypo, rrup, thetaDeg: theta };
}
