/** The earthquake's part of `summary.json` (DESIGN §5 `quake`): the events, the residents exposed by intensity and PGA, and building damage. */
import { statsOrNaN, type MetricStats } from '../parallel/ensemble.js';
import type { QuakeSummary } from '../run/summary.js';
import type { DamageModel } from './damage.js';
import { DAMAGE_STATE_NAMES, INTENSITY_BANDS, PGA_BANDS_G, type QuakeStageInput } from './quake-stage.js';

function damageMethod(model: DamageModel): string {
  if (!model.matrix) return 'Hazus equivalent-PGA fragility (β = 0.64)';
  return `damage probability matrix '${model.vulnerability}' on the zone's intensity (Chinese grades 基本完好…毁坏 as Hazus none…complete${model.matrix.codeYear !== undefined ? `, split at the ${model.matrix.codeYear} code` : ''})`;
}

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
    casualtyCheck: {
      basis: 'deaths by Chinese casualty models beside the Hazus estimate (damage.deaths), for the same realizations; a check, not used by other stages; no Chinese injury model with coefficients was found',
      ...(input.damage ? { yinZhiqian: { deaths: statsOrNaN(stats, 'quake.casualtyCheck.yinZhiqian.deaths'), method: '尹之潜: death rate 10^(12.479·A^0.1 − 13.3) of the residents indoors, A = the zone\'s share of residents in severely damaged or destroyed dwellings (Hazus extensive + complete); coefficients from semicloud/cas, base 10 (research/consequences.md §5.1)' } } : {}),
      pagerChina: { deaths: statsOrNaN(stats, 'quake.casualtyCheck.pagerChina.deaths'), method: 'USGS PAGER empirical model for China (Jaiswal & Wald 2010; θ = 10.3288, β = 0.1001, usgs/pager fatality.xml): death rate Φ(ln(I/θ)/β) of the residents, I the zone\'s intensity read as MMI' },
    },
    ...(input.damage ? {
      damage: {
        method: `${damageMethod(input.damage)} on the pack's structure shares; Hazus indoor casualty rates by state; displaced by Hazus weights (single-family complete 1.0; multi-family extensive 0.9, complete 1.0)${input.damage.singleFamilyShare ? ', single-family = census single-storey (平房) households' : ', every dwelling multi-family (the pack gives no storey counts)'}; expected values per realization`,
        vulnerability: input.damage.matrix ? { model: input.damage.vulnerability, reference: input.damage.matrix.reference } : { model: 'hazus', reference: 'FEMA Hazus Earthquake Model Technical Manual: equivalent-PGA fragility curves of each class\'s Hazus model building type (the Chinese structure classes mapped onto them, an assumption stated in the pack)' },
        deaths: statsOrNaN(stats, 'quake.deaths'),
        injuries: statsOrNaN(stats, 'quake.injuries'),
        seriousInjuries: statsOrNaN(stats, 'quake.seriousInjuries'),
        displaced: statsOrNaN(stats, 'quake.displaced'),
        residentsInDamageState: Object.fromEntries(DAMAGE_STATE_NAMES.map((s) => [s, statsOrNaN(stats, `quake.residentsInDamageState.${s}`)])),
      },
    } : {}),
  };
}
