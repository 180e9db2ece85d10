/**
 * `renxing worker`: a long-running process that takes Renxing jobs from a BullMQ queue and
 * computes them on its own piscina pool — the same kernels, inputs and seeds as a local run.
 */
import { createHash } from 'node:crypto';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { ContingencyTask } from '../lifelines/contingency.js';
import type { ChunkMetrics, RealizationChunk } from '../parallel/ensemble.js';
import { createPool } from '../parallel/pool.js';
import type { Region } from '../region/region.js';
import { compileRealizationInput } from '../run/compile-input.js';
import type { RealizationInput } from '../run/realization.js';
import { DEFAULT_QUEUE, encodeMetrics, parseJob, RESULT_TTL_S, resultKey, type EnsembleJob } from './jobs.js';
import { PackShelf, WORKER_NAME } from './packs.js';
import { connectRedis, watchRedis } from './redis.js';
import type { RedisTarget } from './redis-url.js';

export interface WorkerOptions {
  target: RedisTarget;
  queue?: string;
  /** Jobs in progress at once (default: `workers`). */
  concurrency?: number;
  /** Threads of the worker's pool. */
  workers: number;
  /** Folders holding packs besides the bundled ones. */
  packs?: readonly string[];
  /** BullMQ lock duration (ms): a job whose worker stops renewing it is taken back after it runs out. */
  lockMs?: number;
  /** Redis gone this long (ms) stops the worker with an error, for its supervisor to restart it. */
  lostAfterMs?: number;
  log?: (line: string) => void;
  /** Fault drill: jobs whose id matches throw as a failing computation would (retried, then failing their run). */
  failJobs?: RegExp;
}

export interface RunningWorker {
  /** Settles when the worker has stopped: resolves after `close()`, rejects when Redis was lost. */
  stopped: Promise<void>;
  /** Takes no new jobs, lets those running finish, then stops. */
  close(): Promise<void>;
}

/**
 * Lock and stall settings, and why: a worker computes on its pool's threads, so its event loop is
 * free to renew each job's lock every lockMs / 2; a lock runs out only when the process died, hung
 * or lost Redis. Every worker checks for such jobs each lockMs / 2, so a killed worker's job is
 * back in the queue within 1.5 × lockMs (45 s by default, short against jobs of minutes, long
 * against a GC pause or a Redis hiccup on a busy machine). A job may be taken back twice (two
 * workers killed under it); a third time it fails, so a job that kills workers (out of memory) ends
 * its run instead of cycling.
 */
export function lockSettings(lockMs: number): { lockDuration: number; stalledInterval: number; maxStalledCount: number } {
  return { lockDuration: lockMs, stalledInterval: Math.max(500, Math.round(lockMs / 2)), maxStalledCount: 2 };
}

/** Starts a worker; it is serving when the promise resolves (Redis reached, pool ready). */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const queue = options.queue ?? DEFAULT_QUEUE;
  const lockMs = options.lockMs ?? 30_000;
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const client = await connectRedis(options.target);
  const pool = createPool({ workers: options.workers });
  const shelf = new PackShelf(options.packs);
  // Compiled inputs of the last few scenarios (a run's chunks share one).
  const inputs = new Map<string, Promise<RealizationInput>>();
  const compiled = (job: EnsembleJob, region: Region): Promise<RealizationInput> => {
    const key = createHash('sha256').update(JSON.stringify([job.pack, job.scenario])).digest('hex');
    let input = inputs.get(key);
    if (input) inputs.delete(key);
    else {
      const { file, label, options: runOptions } = job.scenario;
      input = Promise.resolve().then(() => compileRealizationInput({ kind: 'region', scenario: { file, path: label, label, options: runOptions }, region }));
      input.catch(() => inputs.delete(key));
    }
    inputs.set(key, input);
    for (const oldest of inputs.keys()) if (inputs.size > 4) inputs.delete(oldest);
    return input;
  };

  const processJob = async (job: Job): Promise<{ bytes: number; worker: string }> => {
    const started = Date.now();
    let spec;
    let region: Region;
    try {
      spec = parseJob(job.data);
      region = await shelf.get(spec.pack);
    } catch (error) {
      // A job this worker cannot read, or whose pack it lacks, fails now and is not retried.
      const message = (error as Error).message.startsWith('worker ') ? (error as Error).message : `worker ${WORKER_NAME}: ${(error as Error).message}`;
      log(`job ${job.id ?? '?'} refused: ${message}`);
      throw new UnrecoverableError(message);
    }
    let bytes: Buffer;
    let what: string;
    // Its result may be there already: an earlier attempt at the run computed it and the job was queued again.
    const key = resultKey(queue, job.id as string);
    if ((await client.exists(key)) === 1) {
      log(`job ${job.id ?? '?'}: result already in Redis`);
      return { bytes: 0, worker: WORKER_NAME };
    }
    log(`job ${job.id ?? '?'}: started (attempt ${job.attemptsMade + 1})`);
    try {
      if (options.failJobs?.test(job.id ?? '')) throw new Error(`job ${job.id ?? '?'} failed on purpose (--fail-jobs drill)`);
      if (spec.kind === 'ensemble') {
        const input = await compiled(spec, region);
        const chunk: RealizationChunk<RealizationInput> = { input, seed: spec.scenario.options.seed, from: spec.from, count: spec.count };
        bytes = encodeMetrics((await pool.run(chunk)) as ChunkMetrics);
        what = `realizations ${spec.from}–${spec.from + spec.count - 1} of ${spec.scenario.file.id}`;
      } else {
        const components = region.lifelines.ids.length;
        if (spec.cases.some((c) => c.some((k) => k >= components))) throw new UnrecoverableError(`worker ${WORKER_NAME}: a case names a component beyond the ${components} of pack '${region.id}'`);
        const task: ContingencyTask = { network: region.lifelines, population: region.zones.population, horizonH: spec.horizonH, cases: spec.cases };
        bytes = encodeMetrics({ lost: (await pool.run(task, { name: 'contingency' })) as Float64Array });
        what = `${spec.cases.length} contingency cases of ${region.id}`;
      }
    } catch (error) {
      if (error instanceof UnrecoverableError) throw error;
      throw new Error(`worker ${WORKER_NAME}: ${(error as Error).message}`, { cause: error });
    }
    await client.set(key, bytes, 'EX', RESULT_TTL_S);
    log(`job ${job.id ?? '?'}: ${what} in ${((Date.now() - started) / 1000).toFixed(2)} s`);
    return { bytes: bytes.length, worker: WORKER_NAME };
  };

  const worker = new Worker(queue, processJob, {
    connection: { ...options.target.options, maxRetriesPerRequest: null },
    concurrency: options.concurrency ?? options.workers,
    ...lockSettings(lockMs),
    autorun: false,
  });
  let lastError = '';
  worker.on('error', (error) => {
    // Connection errors repeat while Redis is away: say each kind once; the watch decides when to give up.
    if (error.message !== lastError) log(`worker error: ${error.message}`);
    lastError = error.message;
  });

  let stopping: Promise<void> | undefined;
  let settle: { resolve: () => void; reject: (e: Error) => void } | undefined;
  const stopped = new Promise<void>((resolve, reject) => { settle = { resolve, reject }; });
  const shutdown = (force: boolean): Promise<void> => (stopping ??= (async () => {
    stopWatch();
    // Closing waits for jobs in progress; with Redis gone it may wait for ever, so not beyond a lock's length.
    const closing = worker.close(force).catch(() => undefined);
    await (force ? Promise.race([closing, new Promise((r) => setTimeout(r, Math.min(lockMs, 5000)).unref())]) : closing);
    await pool.destroy();
    client.disconnect();
  })());
  const stopWatch = watchRedis(client, options.target, options.lostAfterMs ?? 60_000, (error) => {
    log(`${error.message}; stopping (a supervisor restarts the worker once Redis is back)`);
    void shutdown(true).then(() => settle?.reject(error));
  });
  void worker.run().catch((error: unknown) => { void shutdown(true).then(() => settle?.reject(error as Error)); });
  await worker.waitUntilReady();
  log(`renxing worker ${WORKER_NAME} serving queue '${queue}' at ${options.target.url}: ${options.concurrency ?? options.workers} job(s) at once on ${options.workers} thread(s); lock ${lockMs / 1000} s; packs from ${shelf.roots.join(', ')}`);
  return {
    stopped,
    close: () => shutdown(false).then(() => settle?.resolve()),
  };
}
