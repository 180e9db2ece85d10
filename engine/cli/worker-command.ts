import { RenxingError } from '../core/errors.js';
import type { RedisTarget } from '../distributed/redis-url.js';
import { startWorker } from '../distributed/worker.js';
import { defaultWorkers } from '../parallel/default-workers.js';
import type { CliIo } from './program.js';

export interface WorkerFlags { redis: RedisTarget; workers?: number; concurrency?: number; packs: string[]; queue?: string; lockS?: number; redisGraceS?: number; failJobs?: string }

/**
 * `renxing worker`: serves the queue until SIGINT or SIGTERM (jobs in progress finish first), or
 * until Redis has been gone for the grace period (exit 1, for systemd or Docker to restart it).
 */
export async function workerCommand(flags: WorkerFlags, io: CliIo): Promise<void> {
  const worker = await startWorker({
    target: flags.redis, workers: flags.workers ?? defaultWorkers(), packs: flags.packs,
    ...(flags.concurrency ? { concurrency: flags.concurrency } : {}), ...(flags.queue ? { queue: flags.queue } : {}),
    ...(flags.lockS ? { lockMs: flags.lockS * 1000 } : {}), ...(flags.redisGraceS ? { lostAfterMs: flags.redisGraceS * 1000 } : {}),
    ...(flags.failJobs ? { failJobs: new RegExp(flags.failJobs) } : {}),
    log: (line) => io.stdout.write(`${new Date().toISOString()} ${line}\n`),
  });
  const stop = (): void => {
    io.stdout.write(`${new Date().toISOString()} stopping: jobs in progress finish first\n`);
    void worker.close();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await worker.stopped;
  } catch (error) {
    throw error instanceof RenxingError ? error : new RenxingError('RX_ERR_REDIS', (error as Error).message, [], { cause: error });
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
