import type { Piscina } from 'piscina';
import { invalidInput, RenxingError } from '../core/errors.js';
import type { Region } from '../region/region.js';
import { contingencyElements, type ContingencyElement, type ContingencyTask } from './contingency.js';

export interface ContingencyRanking {
  schemaVersion: 1;
  region: string;
  k: 1 | 2 | 3;
  horizonH: number;
  /** The elements combined, when the sweep was limited to a list of them (`--among`); else every corridor and link. */
  among?: string[];
  /** Combinations of k elements there are, and how many were assessed (all of them unless `sampled`). */
  combinations: number;
  assessed: number;
  /** Present only when a cap (`maxCases`) left combinations out: how the assessed ones were chosen. */
  sampled?: { cap: number; rule: string };
  /** Residents without each system with nothing cut (the baseline the losses are measured from). */
  baseline: Record<string, number>;
  cases: { elements: string[]; kinds: string[]; lostBySystem: Record<string, number>; lost: number }[];
}

/** Assesses a batch of cases (each a list of components cut together) somewhere: a pool thread or a Redis worker. */
export type CaseBatchRunner = (cases: number[][], batch: number) => Promise<Float64Array>;

export interface ContingencyOptions {
  k: 1 | 2 | 3;
  horizonH: number;
  /** Combine only these corridors and links (ids); k = 3 needs it. */
  among?: readonly string[];
  /** Most combinations to assess; beyond it an evenly spaced subset is assessed and the ranking says so. Default: all. */
  maxCases?: number;
  /** This process's pool, or `remote` (batches on Redis workers). */
  pool?: Piscina;
  /** Batches on Redis workers, `batchSize` cases each (default: about 64 batches). */
  remote?: { run: CaseBatchRunner; batchSize?: number };
  /** Cases assessed so far, of all (baseline included). */
  onProgress?: (done: number, total: number) => void;
}

/** The k-element combinations of `n` items in lexicographic order, as index lists. */
export function combinationCount(n: number, k: number): number {
  let c = 1;
  for (let i = 0; i < k; i++) c = (c * (n - i)) / (i + 1);
  return Math.round(c);
}

function* combinations(n: number, k: number): Generator<number[]> {
  const at = Array.from({ length: k }, (_, i) => i);
  if (k > n) return;
  for (;;) {
    yield [...at];
    let i = k - 1;
    while (i >= 0 && at[i] === n - k + i) i--;
    if (i < 0) return;
    at[i] = (at[i] as number) + 1;
    for (let j = i + 1; j < k; j++) at[j] = (at[j - 1] as number) + 1;
  }
}

/**
 * Ranks corridors and links by the service they take down when they fail (N−1), or pairs or
 * triples of them (N−2, N−3): every combination, unless `maxCases` caps them, when an evenly
 * spaced subset is assessed and the ranking's `sampled` says so. Each case is a cascade then a
 * max–min fair service assessment, run in batches on the pool or on Redis workers; results are
 * placed by case index, so the ranking is identical on 1 or many workers, local or remote.
 */
export async function runContingency(region: Region, options: ContingencyOptions): Promise<ContingencyRanking> {
  const network = region.lifelines;
  if (network.ids.length === 0) throw new RenxingError('RX_ERR_INVALID_INPUT', `region '${region.id}' has no lifeline components`, [{ file: `${region.id}/lifelines.geojson`, path: 'features', message: 'no lifeline components to cut' }]);
  const linkIds = new Set(region.layers.lifelines.features.filter((f) => f.properties.kind === 'link').map((f) => f.properties.id));
  let elements = contingencyElements(network, linkIds);
  if (options.among) {
    const byId = new Map(elements.map((e) => [e.id, e]));
    const unknown = options.among.filter((id) => !byId.has(id));
    if (unknown.length > 0) throw invalidInput(unknown.map((id) => ({ file: `${region.id}/lifelines.geojson`, path: 'among', message: `'${id}' is neither a corridor nor a link outside corridors of region '${region.id}'` })));
    elements = [...new Set(options.among)].map((id) => byId.get(id) as ContingencyElement);
  } else if (options.k === 3) {
    throw invalidInput([{ file: 'command line', path: 'among', message: `k = 3 needs the corridors and links to combine (--among a,b,c): all ${elements.length} of region '${region.id}' make ${combinationCount(elements.length, 3).toLocaleString('en-US')} triples` }]);
  }
  const total = combinationCount(elements.length, options.k);
  const cap = options.maxCases ?? Infinity;
  // With a cap, every (total / cap)-th combination in lexicographic order: the same subset every time.
  const keep = total <= cap ? undefined : new Set(Array.from({ length: cap }, (_, n) => Math.floor((n * total) / cap)));
  const combos: ContingencyElement[][] = [];
  let index = 0;
  for (const at of combinations(elements.length, options.k)) {
    if (!keep || keep.has(index)) combos.push(at.map((i) => elements[i] as ContingencyElement));
    index++;
  }
  const cases = [[], ...combos.map((combo) => [...new Set(combo.flatMap((e) => e.components))])];
  const systems = network.bySystem.map((s) => s.system);
  let size: number;
  let run: CaseBatchRunner;
  if (options.remote) {
    size = options.remote.batchSize ?? Math.max(1, Math.ceil(cases.length / 64));
    run = options.remote.run;
  } else if (options.pool) {
    const pool = options.pool;
    size = Math.max(1, Math.ceil(cases.length / (pool.options.maxThreads * 4)));
    run = (batch) => pool.run({ network, population: region.zones.population, horizonH: options.horizonH, cases: batch } satisfies ContingencyTask, { name: 'contingency' }) as Promise<Float64Array>;
  } else throw new TypeError('runContingency needs a pool or a remote batch runner');
  let done = 0;
  const results = await Promise.all(Array.from({ length: Math.ceil(cases.length / size) }, async (_, c) => {
    const batch = cases.slice(c * size, (c + 1) * size);
    const lost = await run(batch, c);
    if (lost.length !== batch.length * systems.length) throw new RenxingError('RX_ERR_WORKER', `batch ${c} came back with ${lost.length} values for ${batch.length} cases × ${systems.length} systems`);
    done += batch.length;
    options.onProgress?.(done, cases.length);
    return lost;
  }));
  const lost = new Float64Array(cases.length * systems.length);
  results.forEach((r, c) => lost.set(r, c * size * systems.length));
  const at = (c: number, s: number): number => lost[c * systems.length + s] as number;
  const baseline = Object.fromEntries(systems.map((s, i) => [s, Math.round(at(0, i))]));
  const ranked = combos.map((combo, n) => {
    const lostBySystem = Object.fromEntries(systems.map((s, i) => [s, Math.round(at(n + 1, i) - at(0, i))]));
    return { elements: combo.map((e) => e.id), kinds: combo.map((e) => e.kind), lostBySystem, lost: Object.values(lostBySystem).reduce((a, b) => a + b, 0) };
  });
  ranked.sort((a, b) => b.lost - a.lost || a.elements.join().localeCompare(b.elements.join()));
  return {
    schemaVersion: 1, region: region.id, k: options.k, horizonH: options.horizonH,
    ...(options.among ? { among: elements.map((e) => e.id) } : {}),
    combinations: total, assessed: combos.length,
    ...(keep ? { sampled: { cap, rule: `every ${(total / cap).toFixed(3)}-th of the ${total.toLocaleString('en-US')} combinations in lexicographic order (a cap, --max-cases ${cap})` } } : {}),
    baseline, cases: ranked,
  };
}
