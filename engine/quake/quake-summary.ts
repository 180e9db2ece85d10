/** The earthquake's part of `summary.json` (DESIGN §5 `quake`): the events, the residents exposed by intensity and PGA, and building damage. */
import { statsOrNaN, type MetricStats } from '../parallel/ensemble.js';
import type { QuakeSummary } from '../run/summary.js';
import { DAMAGE_STATE_NAMES, INTENSITY_BANDS, PGA_BANDS_G, type QuakeStageInput } from './quake-stage.js';

export function quakeSummary(input: QuakeStageInput, stats: Record<string, MetricStats>): QuakeSummary {
  return {
    events: input.quakes.map((q) => ({
      gmpe: q.gmpe, intensityModel: q.intensityModel, ms: q.rupture.ms, mw: Number(q.rupture.mw.toFixed(2)), depthKm: q.rupture.depthKm,
      epicenter: [q.rupture.lon, q.rupture.lat] as [number, number], ruptureLengthKm: Number(q.rupture.lengthKm.toFixed(1)),
      ...(q.rupture.strikeDeg !== undefined ? { strikeDeg: q.rupture.strikeDeg } : {}),
      residuals: q.sampled ? (q.cholesky ? 'sampled, spatially correlated' : 'sampled, independent') : 'median',
    })),
    populationAtIntensity: INTENSITY_BANDS.map((degree) => ({ intensity: degree, ...statsOrNaN(stats, `quake.populationAtIntensity.${degree}`) })),
    populationAtPga: PGA_BANDS_G.map((band) => ({ pgaG: band, ...statsOrNaN(stats, `quake.populationAtPga.${band.toFixed(2)}g`) })),
    ...(input.damage ? {
      damage: {
        method: `Hazus equivalent-PGA fragility (β = 0.64) on 2010-census structure shares; displaced by Hazus weights (single-family complete 1.0; multi-family extensive 0.9, complete 1.0)${input.damage.singleFamilyShare ? ', single-family = census single-storey (平房) households' : ', every dwelling multi-family (the pack gives no storey counts)'}; expected values per realization`,
        deaths: statsOrNaN(stats, 'quake.deaths'),
        injuries: statsOrNaN(stats, 'quake.injuries'),
        seriousInjuries: statsOrNaN(stats, 'quake.seriousInjuries'),
        displaced: statsOrNaN(stats, 'quake.displaced'),
        residentsInDamageState: Object.fromEntries(DAMAGE_STATE_NAMES.map((s) => [s, statsOrNaN(stats, `quake.residentsInDamageState.${s}`)])),
      },
    } : {}),
  };
}
