/**
 * Ensemble runner throughput and worker scaling, measured in one run so the ratios compare like
 * with like. Two workloads:
 *  - the baseline chain on the capital pack (light: it measures pool and hand-off overhead);
 *  - a CPU-bound stand-in realization (the test worker drawing 200,000 normals), which shows how
 *    realizations scale over threads when each one does real work.
 * Usage: npm run build && node dist/bench/ensemble.js [maxWorkers]
 */
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { DIST_DIR, BUNDLED_SCENARIOS_DIR } from '../engine/core/paths.js';
import { runEnsemble } from '../engine/parallel/ensemble.js';
import { createPool } from '../engine/parallel/pool.js';
import { createRng } from '../engine/parallel/rng.js';
import { allocateDamageOutput, assessBuildingDamage } from '../engine/quake/damage.js';
import { compileRealizationInput } from '../engine/run/compile-input.js';
import { loadScenario } from '../engine/scenario/load-scenario.js';

const maxWorkers = Number(process.argv[2] ?? availableParallelism());
const workerCounts = [...new Set([1, 2, 4, 8, 16].filter((w) => w <= maxWorkers).concat(maxWorkers))].sort((a, b) => a - b);

async function timeEnsemble(filename: string | undefined, input: unknown, realizations: number, workers: number): Promise<number> {
  const pool = createPool({ workers, ...(filename ? { filename } : {}) });
  try {
    await runEnsemble(pool, input, { realizations: 50 * workers, seed: 1 }); // warm the threads (and their JIT)
    const t0 = performance.now();
    await runEnsemble(pool, input, { realizations, seed: 1 });
    return (performance.now() - t0) / 1000;
  } finally {
    await pool.destroy();
  }
}

function rngThroughput(): number {
  const rng = createRng(1, 0, 'bench');
  const n = 5_000_000;
  let s = 0;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) s += rng.normal();
  const seconds = (performance.now() - t0) / 1000;
  if (Number.isNaN(s)) throw new Error('unreachable');
  return n / seconds;
}

const loaded = await loadScenario(join(BUNDLED_SCENARIOS_DIR, 'baseline.yaml'));
const baselineInput = compileRealizationInput(loaded);
const tangshan = compileRealizationInput(await loadScenario(join(BUNDLED_SCENARIOS_DIR, 'tangshan-1976.yaml')));
const assets = tangshan.zoneIds.length * (tangshan.quake?.damage?.classes ?? 0);

// The damage kernel alone, in this thread: zone × structure-class assets per second.
{
  const pga = Float64Array.from(tangshan.zoneIds, (_, z) => 0.05 + (z % 17) * 0.03);
  const out = allocateDamageOutput(pga.length);
  const model = tangshan.quake?.damage;
  if (!model) throw new Error('the capital pack has no exposure');
  const reps = 2000;
  const t0 = performance.now();
  for (let r = 0; r < reps; r++) assessBuildingDamage(model, pga, tangshan.zonePopulation, out);
  const seconds = (performance.now() - t0) / 1000;
  console.log(`damage kernel: ${assets} assets (zones × structure classes), ${((assets * reps) / seconds / 1e6).toFixed(2)} M asset-realizations/s on one thread`);
}
const noiseWorker = join(DIST_DIR, 'tests/fixtures/noise.worker.js');

console.log(`machine: ${cpus()[0]?.model ?? '?'} × ${availableParallelism()} threads, node ${process.version}`);
console.log(`rng: ${(rngThroughput() / 1e6).toFixed(1)} M normal draws/s (one thread)`);
for (const [label, filename, input, realizations] of [
  ['baseline chain (capital, 199 zones)', undefined, baselineInput, 20_000],
  [`Tangshan chain: correlated ground motion, damage of ${assets} assets, lifelines, people`, undefined, tangshan, 400],
  ['CPU-bound realization (200k normal draws)', noiseWorker, { draws: 200_000 }, 64 * maxWorkers],
] as const) {
  let base = 0;
  for (const w of workerCounts) {
    const seconds = await timeEnsemble(filename, input, realizations, w);
    const rate = realizations / seconds;
    if (w === 1) base = rate;
    console.log(`${label}: workers=${w} ${rate.toFixed(0)} realizations/s, ratio vs workers=1: ${(rate / base).toFixed(2)}`);
  }
}
