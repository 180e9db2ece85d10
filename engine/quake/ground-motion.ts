import type { Rng } from '../parallel/rng.js';
import type { EarthquakeHazard } from '../scenario/schema.js';
import { correlate, correlationCholesky, JAYARAM_BAKER_2009_RANGE_KM } from './correlation.js';
import { yu2013LnMedian, yu2013Sigma, type Yu2013Region } from './gmpe/yu-2013.js';
import { buildRupture, distanceAzimuth, siteDistances, type Rupture } from './rupture.js';
import { SITE_CLASSES, siteFactorFa, type SiteClass } from './site-amplification.js';
import { characteristicPeriod, siteCharacteristicPeriod, spectralAcceleration } from './spectral-shape.js';
import { instrumentalIntensity } from './intensity/gb-t-17742-2020.js';
import { YU_2013_INTENSITY_SIGMA, yu2013IntensityMedian } from './intensity/yu-2013-intensity.js';

/** A scenario earthquake compiled for the zones: medians and what sampling needs, as plain arrays. */
export interface QuakeField {
  rupture: Rupture;
  gmpe: string;
  /** Median ln PGA (g) on a class-II site, per zone. */
  lnPgaMedian: Float64Array;
  /** Median ln PGV (cm/s), per zone. */
  lnPgvMedian: Float64Array;
  intensityModel: IntensityModel;
  /** Median intensity per zone from the attenuation relation (absent: intensity is instrumental, from PGA and PGV). */
  intensityMedian?: Float64Array;
  sigmaPga: number;
  sigmaPgv: number;
  /** Index into SITE_CLASSES per zone. */
  siteClass: Int8Array;
  repiKm: Float64Array;
  /** Cholesky factor of the zones' residual correlation; absent = independent residuals. */
  cholesky?: Float64Array;
  sampled: boolean;
}

export const DEFAULT_GMPE = 'yu-2013-eastern';
export type IntensityModel = NonNullable<EarthquakeHazard['intensityModel']>;
export const DEFAULT_INTENSITY_MODEL: IntensityModel = 'gb-t-17742-2020';

/** Medians per zone from the chosen relation; site classes from the zone, else the hazard's, else II. */
export function compileQuakeField(hazard: EarthquakeHazard, zones: { lon: Float64Array; lat: Float64Array; siteClass: (SiteClass | undefined)[] }): QuakeField {
  const rupture = buildRupture({
    epicenter: hazard.epicenter, magnitude: hazard.magnitude, depthKm: hazard.depthKm,
    ...(hazard.strikeDeg !== undefined ? { strikeDeg: hazard.strikeDeg } : {}),
    ...(hazard.lengthKm !== undefined ? { lengthKm: hazard.lengthKm } : {}),
    ...(hazard.mechanism ? { mechanism: hazard.mechanism } : {}),
  });
  const gmpe = hazard.gmpe ?? DEFAULT_GMPE;
  const region = gmpe.replace('yu-2013-', '') as Yu2013Region;
  const n = zones.lon.length;
  const lnPgaMedian = new Float64Array(n);
  const lnPgvMedian = new Float64Array(n);
  const repiKm = new Float64Array(n);
  const siteClass = new Int8Array(n);
  const intensityModel = hazard.intensityModel ?? DEFAULT_INTENSITY_MODEL;
  const intensityMedian = intensityModel === 'yu-2013-intensity-eastern' ? new Float64Array(n) : undefined;
  for (let z = 0; z < n; z++) {
    const d = siteDistances(rupture, zones.lon[z] as number, zones.lat[z] as number);
    // Yu, Li & Xiao (2013) fit their relations on the distance from the macroseismic epicentre
    // along the axes of elliptical isoseismals: the ellipse's elongation along the strike is how
    // they represent the rupture, so the distance is the epicentral one with the angle from the
    // strike (OpenQuake's yu_2013.py requires `repi` and `azimuth`; Wangshuai022's GB 18306
    // ellipse fields likewise). The scenario's epicentre is taken as the macroseismic epicentre,
    // the centre of the meizoseismal area, where the rupture line is centred. A distance to the
    // rupture line would count the rupture's length twice (research/consequences.md §4).
    lnPgaMedian[z] = yu2013LnMedian(region, 'PGA', rupture.ms, d.repi, d.thetaDeg);
    lnPgvMedian[z] = yu2013LnMedian(region, 'PGV', rupture.ms, d.repi, d.thetaDeg);
    if (intensityMedian) intensityMedian[z] = yu2013IntensityMedian(rupture.ms, d.repi, d.thetaDeg);
    repiKm[z] = d.repi;
    siteClass[z] = SITE_CLASSES.indexOf(zones.siteClass[z] ?? hazard.siteClass ?? 'II');
  }
  const correlation = hazard.correlation ?? 'jayaram-baker-2009';
  const range = correlation === 'jayaram-baker-2009-clustered' ? JAYARAM_BAKER_2009_RANGE_KM.pga.case2 : JAYARAM_BAKER_2009_RANGE_KM.pga.case1;
  const sampled = (hazard.residuals ?? 'sampled') === 'sampled';
  const cholesky = sampled && correlation !== 'none'
    ? correlationCholesky((i, j) => distanceAzimuth(zones.lon[i] as number, zones.lat[i] as number, zones.lon[j] as number, zones.lat[j] as number).km, n, range)
    : undefined;
  return {
    rupture, gmpe, lnPgaMedian, lnPgvMedian, intensityModel, ...(intensityMedian ? { intensityMedian } : {}), sigmaPga: yu2013Sigma(region, 'PGA'), sigmaPgv: yu2013Sigma(region, 'PGV'),
    siteClass, repiKm, ...(cholesky ? { cholesky } : {}), sampled,
  };
}

/** One realization's shaking per zone: site PGA, PGV, spectral accelerations at 0.3 s and 1.0 s (5 % damping), and intensity. */
export interface ZoneShaking {
  pgaG: Float64Array;
  pgvCmS: Float64Array;
  sa03G: Float64Array;
  sa10G: Float64Array;
  intensity: Float64Array;
}

/**
 * One realization of the field: ln Y = median + σ·z with z a standard normal field (spatially
 * correlated when a Cholesky factor is given). PGA and PGV share the same normalised residual
 * (their residuals are strongly correlated; treating them as one is a documented simplification).
 * The site factor Fa is applied to the class-II PGA it depends on; spectral accelerations follow
 * from the site PGA and the class-II PGV/PGA ratio by the zoning spectrum (./spectral-shape.ts).
 * Intensity is instrumental (GB/T 17742-2020 on the site PGA and PGV) or, with the attenuation
 * relation, its median plus the same normalised residual times the relation's σ, within I–XII.
 */
export function sampleQuakeField(field: QuakeField, rng: Rng, out: ZoneShaking, scratch: { eps: Float64Array; z: Float64Array }): void {
  const n = field.lnPgaMedian.length;
  if (field.sampled) {
    for (let k = 0; k < n; k++) scratch.eps[k] = rng.normal();
    if (field.cholesky) correlate(field.cholesky, scratch.eps, scratch.z);
    else scratch.z.set(scratch.eps);
  } else {
    scratch.z.fill(0);
  }
  for (let k = 0; k < n; k++) {
    const z = scratch.z[k] as number;
    const siteClass = SITE_CLASSES[field.siteClass[k] as number] as SiteClass;
    const pgaII = Math.exp((field.lnPgaMedian[k] as number) + field.sigmaPga * z);
    const pga = pgaII * siteFactorFa(siteClass, pgaII);
    const pgv = Math.exp((field.lnPgvMedian[k] as number) + field.sigmaPgv * z);
    const tg = siteCharacteristicPeriod(siteClass, characteristicPeriod(pgaII, pgv));
    out.pgaG[k] = pga;
    out.pgvCmS[k] = pgv;
    out.sa03G[k] = spectralAcceleration(pga, tg, 0.3);
    out.sa10G[k] = spectralAcceleration(pga, tg, 1);
    out.intensity[k] = field.intensityMedian
      ? Math.min(Math.max((field.intensityMedian[k] as number) + YU_2013_INTENSITY_SIGMA * z, 1), 12)
      : instrumentalIntensity(pga, pgv);
  }
}
