/**
 * River-system flood: one deterministic run of the whole capital network, and ensembles of
 * realizations (storm totals with a 20 % coefficient of variation, levee strengths sampled) over
 * 1 and 2 workers, measured in one run so the ratios compare like with like.
 *  - single run: the 2023 replay's storm, 120 h at a 5-minute step (1,440 steps), median of 21;
 *  - ensemble: 1,000 realizations of the same storm at the scenario step (15 minutes, 240 h),
 *    the flood stage alone;
 *  - the replay's chain, 1,000 realizations: flood and people as before the flood reached the
 *    lifelines, and with the flood's damage to lifelines, their service and evacuation over the
 *    roads working then — what the coupling costs.
 * Usage: npm run build && node dist/bench/river.js [maxWorkers]
 */
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { BUNDLED_SCENARIOS_DIR } from '../engine/core/paths.js';
import { compileFloodInput, runFloodRealization } from '../engine/flood/river/flood-stage.js';
import { runEnsemble } from '../engine/parallel/ensemble.js';
import { createPool } from '../engine/parallel/pool.js';
import { createRng } from '../engine/parallel/rng.js';
import type { MetricSink } from '../engine/parallel/metric-sink.js';
import type { RealizationInput } from '../engine/run/realization.js';
import { compileRealizationInput } from '../engine/run/compile-input.js';
import { floodZones } from '../engine/flood/river/scenario-flood.js';
import { loadScenario } from '../engine/scenario/load-scenario.js';

const maxWorkers = Number(process.argv[2] ?? Math.min(2, availableParallelism()));
const loaded = await loadScenario(join(BUNDLED_SCENARIOS_DIR, 'haihe-2023-replay.yaml'));
const storms = loaded.scenario.file.hazards.flatMap((h) => (h.type === 'rainfall' ? [{ ...h, totalsCv: 0.2 }] : []));
const { region } = loaded;
console.log(`machine: ${cpus()[0]?.model ?? '?'} × ${availableParallelism()} threads, node ${process.version}`);
console.log(`network: ${region.river.nodeIds.length} nodes, ${region.river.reaches.length} reaches, ${region.river.subbasins.length} sub-basins, ${region.river.compartments.length} compartments`);

// One deterministic run, 120 h at 5 minutes.
{
  const input = compileFloodInput(storms.map((s) => ({ ...s, totalsCv: 0 })), region.river, 120, floodZones(region), { stepS: 300 });
  const fields = new Map<string, Float64Array>();
  const sink: MetricSink = { scalar: () => undefined, field: (name, width) => fields.get(name)?.fill(0) ?? fields.set(name, new Float64Array(width)).get(name) as Float64Array };
  const times: number[] = [];
  for (let r = 0; r < 21; r++) {
    const t0 = performance.now();
    runFloodRealization(input, createRng(1, r, 'flood'), sink);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(`single run, 120 h at 5 min (${input.steps} steps): median ${(times[10] ?? 0).toFixed(1)} ms (fastest ${(times[0] ?? 0).toFixed(1)} ms)`);
}

// The ensemble, through the same pool and chunking as a scenario run (flood stage only).
const chain = compileRealizationInput(loaded);
const varied = compileFloodInput(storms, region.river, loaded.scenario.options.horizonH, floodZones(region));
const coupled: RealizationInput = { ...chain, flood: varied };
const withoutCoupling: RealizationInput = { ...coupled };
delete withoutCoupling.damage;
delete withoutCoupling.lifelines;
const floodOnly: RealizationInput = { ...withoutCoupling };
delete floodOnly.people;
const realizations = 1000;
const rates = new Map<string, number>();
const configs = [['flood stage alone', floodOnly], ['replay chain without flood damage to lifelines', withoutCoupling], ['replay chain with flood damage to lifelines', coupled]] as const;
for (const workers of [...new Set([1, 2, maxWorkers])].filter((w) => w <= maxWorkers)) {
  const pool = createPool({ workers });
  try {
    await runEnsemble(pool, coupled, { realizations: 20 * workers, seed: 1 }); // warm the threads
    // Alternated rounds, best of each: this VM's speed drifts by more than the coupling costs.
    for (let round = 0; round < 2; round++) {
      for (const [label, input] of configs) {
        const t0 = performance.now();
        await runEnsemble(pool, input, { realizations, seed: 1 });
        const rate = realizations / ((performance.now() - t0) / 1000);
        rates.set(`${label}/${workers}`, Math.max(rates.get(`${label}/${workers}`) ?? 0, rate));
      }
    }
  } finally {
    await pool.destroy();
  }
  for (const [label] of configs) {
    const rate = rates.get(`${label}/${workers}`) ?? 0;
    console.log(`${label}, ${realizations} realizations: workers=${workers} ${rate.toFixed(1)} realizations/s (best of 2 alternated rounds), ratio vs workers=1: ${(rate / (rates.get(`${label}/1`) ?? rate)).toFixed(2)}`);
  }
}
const cost = (rates.get('replay chain without flood damage to lifelines/1') ?? 0) / (rates.get('replay chain with flood damage to lifelines/1') ?? 1) - 1;
console.log(`flood coupling costs ${(100 * cost).toFixed(0)} % of the chain's time without it (1 worker)`);
