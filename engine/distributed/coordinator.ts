/**
 * The submitting side of a distributed run: an ensemble split into chunks of realizations and a
 * contingency sweep into batches of cases, each one BullMQ job, their results gathered by job id
 * and handed to the same merge the local pool uses.
 */
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { RenxingError } from '../core/errors.js';
import type { CaseBatchRunner } from '../lifelines/run-contingency.js';
import type { ChunkMetrics, ChunkRunner } from '../parallel/ensemble.js';
import type { Region } from '../region/region.js';
import type { LoadedScenario } from '../scenario/load-scenario.js';
import { decodeMetrics, DEFAULT_QUEUE, PROTOCOL, resultKey, type ContingencyJob, type EnsembleJob, type RenxingJob } from './jobs.js';
import { packRef } from './packs.js';
import { connectRedis, watchRedis } from './redis.js';
import type { RedisTarget } from './redis-url.js';

export interface CoordinatorOptions {
  target: RedisTarget;
  queue?: string;
  /** Redis silent this long (ms) fails every run in progress (default 10 s). */
  lostAfterMs?: number;
}

/** Attempts per job: a job whose processing throws is tried again after 1 s, then 2 s; the third failure fails its run. */
export const JOB_ATTEMPTS = 3;

/** Jobs per run when the caller does not size them: enough to spread over many workers, few enough that the queue costs little. */
export const TARGET_JOBS = 64;

/**
 * Abort reason for a run whose server is stopping: the run stops waiting, but its jobs stay queued
 * (workers go on with them) for the server to collect when it starts again.
 */
export class RunDetached extends Error {
  constructor() {
    super('the server stopped waiting for this run; it resumes when the server starts again');
    this.name = 'RunDetached';
  }
}

interface Waiter { resolve: (bytes: Buffer) => void; reject: (error: Error) => void }

/**
 * Puts jobs on the queue and waits for their results. Completion events come from QueueEvents; a
 * poll of the result keys every 2 s backs them up (and finds results an earlier attempt at the same
 * run left, so a resumed run does not compute them again). A job's result fills its own slot, so
 * a job completed twice (a stalled one whose first worker finished after all) counts once.
 */
export class RedisCoordinator {
  private readonly waiting = new Map<string, Waiter>();
  private readonly runs = new Map<string, Set<string>>();
  private fatal: RenxingError | undefined;
  private readonly stopWatch: () => void;
  private readonly poll: NodeJS.Timeout;

  private constructor(
    readonly target: RedisTarget,
    readonly queueName: string,
    private readonly client: Redis,
    /** The connections Queue and QueueEvents use, ours so that a lost Redis can be dropped at once. */
    private readonly connections: Redis[],
    private readonly queue: Queue,
    private readonly events: QueueEvents,
    lostAfterMs: number,
  ) {
    events.on('completed', ({ jobId }) => { void this.collect(jobId); });
    events.on('failed', ({ jobId, failedReason }) => this.waiting.get(jobId)?.reject(new RenxingError('RX_ERR_WORKER', `job ${jobId} failed: ${failedReason}`)));
    events.on('error', () => undefined);
    queue.on('error', () => undefined);
    // Runs waiting when Redis goes fail; once it answers again, later runs (the API's) may use it.
    this.stopWatch = watchRedis(client, target, lostAfterMs, (error) => this.lose(error), 500, () => { this.fatal = undefined; });
    this.poll = setInterval(() => { void this.sweep(); }, 2000);
    this.poll.unref();
  }

  /** Reaches Redis (RX_ERR_REDIS naming the URL if it cannot) and starts listening for job events. */
  static async open(options: CoordinatorOptions): Promise<RedisCoordinator> {
    const client = await connectRedis(options.target);
    const queueName = options.queue ?? DEFAULT_QUEUE;
    const connections = [new Redis({ ...options.target.options, maxRetriesPerRequest: null }), new Redis({ ...options.target.options, maxRetriesPerRequest: null })];
    for (const c of connections) c.on('error', () => undefined);
    const [forQueue, forEvents] = connections as [Redis, Redis];
    const queue = new Queue(queueName, { connection: forQueue });
    const events = new QueueEvents(queueName, { connection: forEvents });
    try {
      await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    } catch (error) {
      for (const c of [client, ...connections]) c.disconnect();
      throw new RenxingError('RX_ERR_REDIS', `cannot use Redis at ${options.target.url}: ${(error as Error).message}`, [], { cause: error });
    }
    return new RedisCoordinator(options.target, queueName, client, connections, queue, events, options.lostAfterMs ?? 10_000);
  }

  /**
   * Chunks of a scenario's realizations as jobs of run `runKey` (the same key finds the results an
   * earlier attempt at the run left). The job names the pack by id and content hash.
   */
  async ensemble(loaded: LoadedScenario, runKey: string, chunkSize?: number): Promise<{ run: ChunkRunner; chunkSize: number }> {
    const pack = await packRef(loaded.region);
    const { file, label, options } = loaded.scenario;
    const size = chunkSize ?? Math.max(1, Math.ceil(options.realizations / TARGET_JOBS));
    const run: ChunkRunner = async (from, count, signal) => {
      const job: EnsembleJob = { v: PROTOCOL, kind: 'ensemble', pack, scenario: { file, label, options }, from, count };
      return decodeMetrics(await this.runJob(runKey, `${runKey}.r${from}-${count}`, job, signal)) satisfies ChunkMetrics;
    };
    return { run, chunkSize: size };
  }

  /** Batches of contingency cases as jobs of run `runKey`, `batchSize` cases each (default: about 64 jobs). */
  async contingency(region: Region, runKey: string, horizonH: number, batchSize?: number): Promise<{ run: CaseBatchRunner; batchSize?: number }> {
    const pack = await packRef(region);
    const run: CaseBatchRunner = async (cases, batch) => {
      const job: ContingencyJob = { v: PROTOCOL, kind: 'contingency', pack, horizonH, cases };
      const lost = decodeMetrics(await this.runJob(runKey, `${runKey}.c${batch}`, job))['lost'];
      if (!lost) throw new RenxingError('RX_ERR_WORKER', `contingency batch ${batch} came back without its losses`);
      return lost;
    };
    return { run, ...(batchSize ? { batchSize } : {}) };
  }

  /** Drops what run `runKey` left in Redis: results, and jobs not yet started. */
  async forget(runKey: string): Promise<void> {
    const ids = [...(this.runs.get(runKey) ?? [])];
    this.runs.delete(runKey);
    if (this.fatal || ids.length === 0) return;
    await this.client.del(...ids.map((id) => resultKey(this.queueName, id))).catch(() => undefined);
    await Promise.all(ids.map((id) => this.queue.remove(id).catch(() => 0)));
  }

  /** Stops listening; with Redis lost, drops the connections rather than wait for them. */
  async close(): Promise<void> {
    clearInterval(this.poll);
    this.stopWatch();
    if (this.fatal) {
      // Nothing can be said to a Redis that is gone: drop the connections (they stop reconnecting).
      for (const c of [this.client, ...this.connections]) c.disconnect();
      void Promise.all([this.queue.close(), this.events.close()]).catch(() => undefined);
      return;
    }
    await Promise.all([this.queue.close(), this.events.close()]).catch(() => undefined);
    await Promise.all([this.client, ...this.connections].map((c) => c.quit().catch(() => c.disconnect())));
  }

  /** Adds one job (or finds its result already there) and resolves with the result's bytes. */
  private async runJob(runKey: string, jobId: string, data: RenxingJob, signal?: AbortSignal): Promise<Buffer> {
    if (this.fatal) throw this.fatal;
    signal?.throwIfAborted();
    let ids = this.runs.get(runKey);
    if (!ids) this.runs.set(runKey, (ids = new Set()));
    ids.add(jobId);
    const result = new Promise<Buffer>((resolve, reject) => {
      const done = (): void => { this.waiting.delete(jobId); signal?.removeEventListener('abort', abort); };
      const abort = (): void => {
        done();
        if (!(signal?.reason instanceof RunDetached)) void this.queue.remove(jobId).catch(() => 0);
        reject(new RenxingError('RX_ERR_WORKER', `job ${jobId} cancelled`));
      };
      signal?.addEventListener('abort', abort, { once: true });
      this.waiting.set(jobId, { resolve: (b) => { done(); resolve(b); }, reject: (e) => { done(); reject(e); } });
    });
    // Submitted on the side: a Redis that stops answering must fail the run through the watch, not hang it here.
    void this.submit(jobId, data);
    return result;
  }

  private async submit(jobId: string, data: RenxingJob): Promise<void> {
    try {
      const existing = await this.client.getBuffer(resultKey(this.queueName, jobId));
      if (existing) {
        this.waiting.get(jobId)?.resolve(existing);
        return;
      }
      // Ordinary failures are retried with backoff; a finished job leaves the queue (its result is under its own key);
      // a failed one stays a week for the office's operators to read.
      await this.queue.add(data.kind, data, { jobId, attempts: JOB_ATTEMPTS, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 } });
      // A job of this id that an earlier attempt at the run left failed is not added again: its failure stands.
      if ((await this.queue.getJobState(jobId)) === 'failed') {
        const job = await this.queue.getJob(jobId);
        this.waiting.get(jobId)?.reject(new RenxingError('RX_ERR_WORKER', `job ${jobId} failed: ${job?.failedReason ?? 'unknown reason'}`));
      }
    } catch (error) {
      this.waiting.get(jobId)?.reject(this.fatal ?? new RenxingError('RX_ERR_REDIS', `Redis at ${this.target.url} refused job ${jobId}: ${(error as Error).message}`, [], { cause: error }));
    }
  }

  private async collect(jobId: string): Promise<void> {
    const waiter = this.waiting.get(jobId);
    if (!waiter) return;
    try {
      const bytes = await this.client.getBuffer(resultKey(this.queueName, jobId));
      if (bytes) waiter.resolve(bytes);
      else waiter.reject(new RenxingError('RX_ERR_WORKER', `job ${jobId} completed but its result is not in Redis (expired or deleted)`));
    } catch {
      // Redis went away between the job's completion and this read. Like a failed sweep, the job
      // stays waiting: the sweep reads its result once Redis answers again, and the watch fails
      // the whole run if it does not (a run failed here at once raced the watch, with a message
      // that depended on which came first).
      if (this.fatal) waiter.reject(this.fatal);
    }
  }

  /** Results that arrived without an event we heard (a reconnection, a resumed run). */
  private async sweep(): Promise<void> {
    const ids = [...this.waiting.keys()];
    if (ids.length === 0 || this.fatal || this.client.status !== 'ready') return;
    try {
      const pipeline = this.client.pipeline();
      for (const id of ids) pipeline.exists(resultKey(this.queueName, id));
      const found = (await pipeline.exec()) ?? [];
      ids.forEach((id, i) => { if (found[i]?.[1] === 1) void this.collect(id); });
    } catch {
      // The watch reports a lost Redis; a failed sweep is retried in 2 s.
    }
  }

  private lose(error: RenxingError): void {
    this.fatal = error;
    for (const waiter of [...this.waiting.values()]) waiter.reject(error);
  }
}
