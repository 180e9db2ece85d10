import type { Piscina } from 'piscina';
import { mean, quantileSorted } from 'simple-statistics';
import { RenxingError } from '../core/errors.js';
import { describeTaskFailure } from './pool.js';

/** What a worker receives: realizations `from … from + count − 1` of one scenario input. */
export interface RealizationChunk<I> {
  input: I;
  seed: number;
  from: number;
  count: number;
}

/**
 * Per metric, `width` values per realization of the chunk, realization-major: a scalar metric
 * has width 1, a per-zone field one value per zone (`values[k * width + zone]`).
 */
export type ChunkMetrics = Record<string, Float64Array>;

/** A metric over all realizations: `values[realization * width + column]`. */
export interface MetricSeries {
  width: number;
  values: Float64Array;
}

export interface EnsembleOptions {
  realizations: number;
  seed: number;
  /** Realizations per pool task; default spreads the work over about 4 tasks per thread. */
  chunkSize?: number;
  onProgress?: (done: number, total: number) => void;
  /** Aborting it drops the tasks still queued and stops those running (the run then fails, with the abort's reason when that is a RenxingError). */
  signal?: AbortSignal;
  /** The pool's heap per thread (MiB), to name in the error when a realization runs out of it. */
  heapMb?: number;
}

export interface MetricStats {
  mean: number;
  p05: number;
  p50: number;
  p95: number;
}

function chunkSizeFor(realizations: number, threads: number): number {
  return Math.max(1, Math.ceil(realizations / (threads * 4)));
}

/**
 * Computes realizations `from … from + count − 1` somewhere — a thread of this process's pool, or
 * a `renxing worker` over Redis — and gives back their metrics (`ChunkMetrics`).
 */
export type ChunkRunner = (from: number, count: number, signal?: AbortSignal) => Promise<ChunkMetrics>;

/**
 * Maps realizations onto the pool in chunks and gathers each metric into one array indexed by
 * realization. Every realization draws from its own (seed, realization, stream) generator, so the
 * arrays, and anything merged from them in index order, are the same for any worker count.
 */
export async function runEnsemble<I>(pool: Piscina, input: I, options: EnsembleOptions): Promise<Record<string, MetricSeries>> {
  const { seed } = options;
  const size = options.chunkSize ?? chunkSizeFor(options.realizations, pool.options.maxThreads);
  const run: ChunkRunner = (from, count, signal) => pool.run({ input, seed, from, count } satisfies RealizationChunk<I>, signal ? { signal } : {}) as Promise<ChunkMetrics>;
  return mergeChunks(run, { ...options, chunkSize: size });
}

/**
 * Runs every chunk of `chunkSize` realizations through `run` at once and merges the metrics by
 * realization index: chunk `c` fills rows `c × chunkSize …`, and metrics are named in the order
 * chunk 0, 1, … first wrote them. The result is therefore the same whatever ran the chunks, in
 * what order they finished and how large they were (the local pool and Redis workers share it).
 */
export async function mergeChunks(run: ChunkRunner, options: EnsembleOptions & { chunkSize: number }): Promise<Record<string, MetricSeries>> {
  const { realizations, chunkSize: size } = options;
  if (!Number.isInteger(size) || size < 1) throw new TypeError(`chunkSize must be a positive integer, got ${String(size)}`);
  const series = new Map<string, MetricSeries>();
  const namesByChunk: string[][] = [];
  let done = 0;
  // The run fails as soon as one chunk does (a thread killed, a realization that throws): its
  // other chunks are dropped from the queue and those running stopped, so a failed run frees the
  // pool at once instead of computing realizations nobody will read.
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const failures: { from: number; error: RenxingError }[] = [];
  const tasks: Promise<void>[] = [];
  for (let from = 0, chunk = 0; from < realizations; from += size, chunk++) {
    const count = Math.min(size, realizations - from);
    const c = chunk;
    tasks.push(
      run(from, count, signal).then((metrics) => {
        namesByChunk[c] = Object.keys(metrics);
        for (const [name, values] of Object.entries(metrics)) {
          const width = values.length / count;
          let s = series.get(name);
          if (!s) series.set(name, (s = { width, values: new Float64Array(realizations * width) }));
          if (!Number.isInteger(width) || width !== s.width) throw new RenxingError('RX_ERR_WORKER', `worker returned ${values.length} values of '${name}' for ${count} realizations`);
          s.values.set(values, from * width);
        }
        done += count;
        options.onProgress?.(done, realizations);
      }).catch((cause: unknown) => {
        // A chunk dropped because another failed is not a failure of its own.
        if (stop.signal.aborted && !options.signal?.aborted && (cause as Error | undefined)?.name === 'AbortError') return;
        failures.push({ from, error: describeTaskFailure(cause, count === 1 ? `realization ${from}` : `realizations ${from}–${from + count - 1}`, options.heapMb) });
        stop.abort();
      }),
    );
  }
  // Wait for every chunk to settle, so no work is left running when the caller moves on (or
  // closes the pool); then report the first failure in realization order. A run stopped from
  // outside (cancelled, or over its time budget) reports why it was stopped.
  await Promise.all(tasks);
  if (options.signal?.aborted) {
    const reason: unknown = options.signal.reason;
    if (reason instanceof RenxingError) throw reason;
  }
  const first = failures.sort((x, y) => x.from - y.from)[0];
  if (first) throw first.error;
  const out: Record<string, MetricSeries> = {};
  for (const names of namesByChunk) for (const name of names) out[name] ??= series.get(name) as MetricSeries;
  return out;
}

function statsOf(series: number[]): MetricStats {
  const sorted = [...series].sort((a, b) => a - b);
  return { mean: mean(series), p05: quantileSorted(sorted, 0.05), p50: quantileSorted(sorted, 0.5), p95: quantileSorted(sorted, 0.95) };
}

/**
 * Mean and 5th/50th/95th percentiles of every scalar metric (simple-statistics; linear
 * interpolation between order statistics), summed in realization order.
 */
export function summarizeMetrics(metrics: Record<string, MetricSeries>): Record<string, MetricStats> {
  const stats: Record<string, MetricStats> = {};
  for (const name of Object.keys(metrics).sort()) {
    const metric = metrics[name] as MetricSeries;
    if (metric.width === 1) stats[name] = statsOf(Array.from(metric.values));
  }
  return stats;
}

/** The same statistics column by column for a multi-column metric (one per zone, say). */
export function summarizeColumns(metric: MetricSeries): MetricStats[] {
  const rows = metric.values.length / metric.width;
  return Array.from({ length: metric.width }, (_, column) => statsOf(Array.from({ length: rows }, (_, r) => metric.values[r * metric.width + column] as number)));
}

/** The statistics of a scalar metric, NaN throughout when no realization wrote it. */
export const statsOrNaN = (stats: Readonly<Record<string, MetricStats>>, name: string): MetricStats => stats[name] ?? { mean: Number.NaN, p05: Number.NaN, p50: Number.NaN, p95: Number.NaN };

/**
 * An event that happens in some realizations only, read from column `column` of a metric: the
 * share of realizations where `happened` holds, and the mean of the value over those.
 */
export function eventStats(series: MetricSeries | undefined, column: number, happened: (v: number) => boolean): { probability: number; mean: number } {
  if (!series) return { probability: 0, mean: Number.NaN };
  let count = 0;
  let total = 0;
  const realizations = series.values.length / series.width;
  for (let r = 0; r < realizations; r++) {
    const v = series.values[r * series.width + column] as number;
    if (happened(v)) { count++; total += v; }
  }
  return { probability: count / realizations, mean: count > 0 ? total / count : Number.NaN };
}
