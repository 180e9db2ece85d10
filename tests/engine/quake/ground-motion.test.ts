import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLED_SCENARIOS_DIR } from '../../../engine/core/paths.js';
import { createPool } from '../../../engine/parallel/pool.js';
import { createRng } from '../../../engine/parallel/rng.js';
import { correlate, correlationCholesky } from '../../../engine/quake/correlation.js';
import { yu2013LnMedian } from '../../../engine/quake/gmpe/yu-2013.js';
import { instrumentalIntensity } from '../../../engine/quake/intensity/gb-t-17742-2020.js';
import { yu2013IntensityMedian } from '../../../engine/quake/intensity/yu-2013-intensity.js';
import { compileQuakeField, sampleQuakeField, type ZoneShaking } from '../../../engine/quake/ground-motion.js';
import { msToMw } from '../../../engine/quake/magnitude.js';
import { distanceAzimuth, ruptureLengthKm, siteDistances, buildRupture } from '../../../engine/quake/rupture.js';
import { siteFactorFa } from '../../../engine/quake/site-amplification.js';
import { runScenario } from '../../../engine/run/run-scenario.js';
import { loadScenario } from '../../../engine/scenario/load-scenario.js';


const zoneShaking = (n: number): ZoneShaking => ({ pgaG: new Float64Array(n), pgvCmS: new Float64Array(n), sa03G: new Float64Array(n), sa10G: new Float64Array(n), intensity: new Float64Array(n) });

describe('sources and distances', () => {
  it('converts Ms to Mw (Cheng et al. 2017) and scales rupture length (Wells & Coppersmith 1994)', () => {
    expect(msToMw(6)).toBeCloseTo(0.86 * 6 + 0.59, 12);
    expect(msToMw(7.8)).toBeCloseTo(1.28 * 7.8 - 2.42, 12);
    // All slip types: log10 L = −3.22 + 0.69 Mw → 10^1.61 = 40.7 km at Mw 7.
    expect(ruptureLengthKm(7)).toBeCloseTo(40.74, 2);
    expect(ruptureLengthKm(7, 'strike-slip')).toBeCloseTo(10 ** (-3.55 + 0.74 * 7), 9);
  });

  it('measures great-circle distance and azimuth', () => {
    // One degree of a meridian is π·6371.0088/180 = 111.195 km.
    expect(distanceAzimuth(116, 39, 116, 40).km).toBeCloseTo(111.195, 2);
    expect(distanceAzimuth(116, 39, 116, 40).azimuthDeg).toBeCloseTo(0, 6);
    expect(distanceAzimuth(0, 0, 1, 0).azimuthDeg).toBeCloseTo(90, 6);
  });

  it('measures rupture distance to a line along the strike, and the angle from it', () => {
    const r = buildRupture({ epicenter: [116, 39], magnitude: 7.8, depthKm: 10, strikeDeg: 0, lengthKm: 100 });
    const alongStrike = siteDistances(r, 116, 39 + 40 / 111.195); // 40 km north: within the 50-km half-length
    expect(alongStrike.repi).toBeCloseTo(40, 3);
    expect(alongStrike.rrup).toBeCloseTo(10, 3);
    expect(alongStrike.thetaDeg).toBeCloseTo(0, 6);
    const across = siteDistances(r, 116 + 30 / (111.195 * Math.cos((39 * Math.PI) / 180)), 39);
    expect(Math.abs(across.thetaDeg - 90)).toBeLessThan(0.5); // great circle vs the flat offset used to place the site
    expect(across.rrup).toBeCloseTo(Math.hypot(30, 10), 1);
  });
});

describe('site factor and correlation', () => {
  it('interpolates GB 18306-2015 Table E.1', () => {
    expect(siteFactorFa('II', 0.3)).toBe(1);
    expect(siteFactorFa('III', 0.125)).toBeCloseTo((1.25 + 1.15) / 2, 12);
    expect(siteFactorFa('IV', 0.01)).toBe(1.25);
    expect(siteFactorFa('I0', 0.9)).toBe(0.9);
  });

  it('factors the Jayaram & Baker correlation so that L·Lᵀ reproduces it', () => {
    const xs = [0, 3, 10, 40];
    const L = correlationCholesky((i, j) => Math.abs((xs[i] as number) - (xs[j] as number)), 4, 8.5);
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        let s = 0;
        for (let k = 0; k < 4; k++) s += (L[i * 4 + k] ?? 0) * (L[j * 4 + k] ?? 0);
        expect(s).toBeCloseTo(Math.exp((-3 * Math.abs((xs[i] as number) - (xs[j] as number))) / 8.5), 12);
      }
    }
    // Sampled fields: sites 3 km apart correlate at exp(−3·3/8.5) ≈ 0.35, sites 40 km apart hardly at all.
    const rng = createRng(1, 0, 't');
    const n = 20000;
    const eps = new Float64Array(4);
    const out = new Float64Array(4);
    let c01 = 0;
    let c03 = 0;
    for (let k = 0; k < n; k++) {
      for (let i = 0; i < 4; i++) eps[i] = rng.normal();
      correlate(L, eps, out);
      c01 += (out[0] as number) * (out[1] as number);
      c03 += (out[0] as number) * (out[3] as number);
    }
    expect(c01 / n).toBeCloseTo(Math.exp(-9 / 8.5), 1);
    expect(Math.abs(c03 / n)).toBeLessThan(0.03);
  });
});

describe('ground-motion field', () => {
  const zones = { lon: Float64Array.from([118.18, 117.2, 116.4]), lat: Float64Array.from([39.63, 39.13, 39.9]), siteClass: [undefined, 'IV' as const, undefined] };
  const hazard = { type: 'earthquake' as const, epicenter: [118.18, 39.63] as [number, number], magnitude: 7.8, depthKm: 12 };

  it('uses the relation’s median without residuals, with the site factor on the class-II PGA', () => {
    const field = compileQuakeField({ ...hazard, residuals: 'median' }, zones);
    const shaking = zoneShaking(3);
    const { pgaG: pga } = shaking;
    sampleQuakeField(field, createRng(1, 0, 'q'), shaking, { eps: new Float64Array(3), z: new Float64Array(3) });
    const repi = field.repiKm[1] as number;
    const classII = Math.exp(yu2013LnMedian('eastern', 'PGA', 7.8, repi, Number.NaN));
    expect(pga[1]).toBeCloseTo(classII * siteFactorFa('IV', classII), 10);
    expect(pga[0]).toBeGreaterThan(pga[2] as number);
  });

  it('gives zones the attenuation relation\'s intensity when asked, instrumental intensity otherwise', () => {
    const shaking = zoneShaking(3);
    const scratch = { eps: new Float64Array(3), z: new Float64Array(3) };
    const attenuation = compileQuakeField({ ...hazard, residuals: 'median', intensityModel: 'yu-2013-intensity-eastern' }, zones);
    sampleQuakeField(attenuation, createRng(1, 0, 'q'), shaking, scratch);
    // A point source (no strike): the mean of the two axes at the epicentral distance.
    for (let z = 0; z < 3; z++) expect(shaking.intensity[z]).toBeCloseTo(yu2013IntensityMedian(7.8, attenuation.repiKm[z] as number, Number.NaN), 10);
    const instrumental = compileQuakeField({ ...hazard, residuals: 'median' }, zones);
    sampleQuakeField(instrumental, createRng(1, 0, 'q'), shaking, scratch);
    expect(shaking.intensity[1]).toBeCloseTo(instrumentalIntensity(shaking.pgaG[1] as number, shaking.pgvCmS[1] as number), 12);
  });

  it('measures the relations\' distance from the macroseismic epicentre on the ellipse, not from the rupture line (research/consequences.md §4)', () => {
    // Ms 7.8 striking north with a 100-km rupture; sites 40 and 80 km north, 20 km east, and (40 km N, 20 km E).
    const km = (north: number, east: number): [number, number] => [116 + east / (111.195 * Math.cos((39 * Math.PI) / 180)), 39 + north / 111.195];
    const sites = [km(40, 0), km(80, 0), km(0, 20), km(40, 20)];
    const at = { lon: Float64Array.from(sites, (p) => p[0]), lat: Float64Array.from(sites, (p) => p[1]), siteClass: sites.map(() => undefined) };
    const field = compileQuakeField({ type: 'earthquake', epicenter: [116, 39], magnitude: 7.8, depthKm: 12, strikeDeg: 0, lengthKm: 100, residuals: 'median', intensityModel: 'yu-2013-intensity-eastern' }, at);
    // Hand-worked from I = A + B·Ms + C·lg(R + R0) on the two axes (the research note's table):
    // epicentral 10.34; 40 km along the strike 8.56 — the rupture-line distance (0 km inside the
    // half-length) gave 10.34, 1.8 degrees more; 80 km along 7.67; 20 km across 8.91; (40, 20) 8.33.
    expect(yu2013IntensityMedian(7.8, 0, 0)).toBeCloseTo(10.343, 3);
    expect(field.intensityMedian?.[0]).toBeCloseTo(8.563, 2);
    expect(field.intensityMedian?.[1]).toBeCloseTo(7.669, 2);
    expect(field.intensityMedian?.[2]).toBeCloseTo(8.911, 2);
    expect(field.intensityMedian?.[3]).toBeCloseTo(8.330, 2);
    // PGA likewise takes the epicentral distance and the angle from the strike.
    const d = siteDistances(field.rupture, at.lon[0] as number, at.lat[0] as number);
    expect(field.lnPgaMedian[0]).toBeCloseTo(yu2013LnMedian('eastern', 'PGA', 7.8, d.repi, d.thetaDeg), 12);
    expect(d.repi).toBeCloseTo(40, 1);
  });

  it('scatters ln PGA around the median with the published σ', () => {
    const field = compileQuakeField({ ...hazard, correlation: 'none' }, zones);
    const shaking = zoneShaking(3);
    const { pgaG: pga } = shaking;
    const scratch = { eps: new Float64Array(3), z: new Float64Array(3) };
    const n = 20000;
    let sum = 0;
    let sumSq = 0;
    for (let r = 0; r < n; r++) {
      sampleQuakeField(field, createRng(5, r, 'quake-0'), shaking, scratch);
      const e = Math.log(pga[2] as number) - (field.lnPgaMedian[2] as number);
      sum += e;
      sumSq += e * e;
    }
    expect(Math.abs(sum / n)).toBeLessThan(5 * (0.5428 / Math.sqrt(n)));
    expect(Math.sqrt(sumSq / n - (sum / n) ** 2)).toBeCloseTo(0.5428, 2);
  });
});

describe('earthquake scenarios', () => {
  const pools = [createPool({ workers: 1 }), createPool({ workers: 2 })];
  afterAll(async () => { await Promise.all(pools.map((p) => p.destroy())); });

  it('give the same ground motion with 1 or 2 workers', async () => {
    const loaded = await loadScenario(join(BUNDLED_SCENARIOS_DIR, 'tangshan-1976.yaml'), { realizations: 24 });
    const [one, two] = await Promise.all(pools.map((pool) => runScenario(loaded, { pool, now: () => 0 })));
    expect(two?.zones).toEqual(one?.zones);
    expect(two?.quake).toEqual(one?.quake);
  });

  it('shake Tangshan hardest in the Tangshan replay and Beijing hardest in the Sanhe–Pinggu replay', async () => {
    const [pool] = pools as [(typeof pools)[0]];
    const pgaOf = async (file: string, id: string): Promise<number> => {
      const summary = await runScenario(await loadScenario(join(BUNDLED_SCENARIOS_DIR, file), { realizations: 10 }), { pool });
      return summary.zones.find((z) => z.id === id)?.quake?.pgaG ?? Number.NaN;
    };
    expect(await pgaOf('tangshan-1976.yaml', '130203')).toBeGreaterThan(await pgaOf('tangshan-1976.yaml', '110101'));
    expect(await pgaOf('sanhe-pinggu-1679.yaml', '110101')).toBeGreaterThan(await pgaOf('sanhe-pinggu-1679.yaml', '130203'));
  });
});
