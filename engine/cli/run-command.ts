import { randomUUID } from 'node:crypto';
import { basename, join, resolve } from 'node:path';
import { SingleBar } from 'cli-progress';
import { RenxingError } from '../core/errors.js';
import { RedisCoordinator } from '../distributed/coordinator.js';
import type { RedisTarget } from '../distributed/redis-url.js';
import { RENXING_NAMING, runGridToFolder } from '../flood/grid/run-grid.js';
import { writeRunOutputs } from '../io/write-run-outputs.js';
import { defaultWorkers } from '../parallel/default-workers.js';
import { createPool } from '../parallel/pool.js';
import { renderRunFiles } from '../run/layers.js';
import { runScenario } from '../run/run-scenario.js';
import { loadAnyScenario, type LoadedScenario, type OptionOverrides } from '../scenario/load-scenario.js';
import { formatGridSummary, formatSummary } from './format-summary.js';
import type { CliIo } from './program.js';

export interface RunFlags { out?: string; workers?: number; realizations?: number; seed?: number; json?: boolean; workerHeapMb?: number; redis?: RedisTarget; queue?: string; chunkSize?: number }

/** `run` on a scenario file: a raster domain on the grid solver, a region scenario on the pool or over Redis. */
export async function runScenarioCommand(path: string, flags: RunFlags, io: CliIo): Promise<void> {
  const overrides: OptionOverrides = {
    ...(flags.realizations !== undefined ? { realizations: flags.realizations } : {}),
    ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
  };
  const loaded = await loadAnyScenario(path, overrides);
  if (loaded.kind === 'domain') {
    if (flags.redis) throw new RenxingError('RX_ERR_INVALID_INPUT', `${path}: --redis spreads the realizations of a region scenario; a raster domain runs on this machine's solver threads (drop --redis)`, [{ file: basename(path), path: 'domain', message: '--redis takes region scenarios; a raster domain runs on this machine' }]);
    const { domain, scenario } = loaded;
    const { summary, outDir } = await runGridToFolder(
      { label: scenario.label, model: domain.model, origin: domain.origin, ...(domain.epsg ? { epsg: domain.epsg } : {}), saveTimes: domain.saveTimes, massTimes: [], naming: RENXING_NAMING, warnings: [] },
      { outDir: flags.out ?? join('out', scenario.file.id), workers: flags.workers ?? defaultWorkers() },
    );
    if (flags.json) io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    else io.stdout.write(`${formatGridSummary(summary)}\nWrote ${summary.files.length} files to ${outDir}\n`);
    return;
  }
  const { realizations } = loaded.scenario.options;
  if (flags.redis) {
    await runOverRedis(loaded, flags, flags.redis, io);
    return;
  }
  const pool = createPool({ workers: flags.workers ?? defaultWorkers(realizations), ...(flags.workerHeapMb !== undefined ? { heapMb: flags.workerHeapMb } : {}) });
  const bar = io.stderr.isTTY ? new SingleBar({ format: 'realizations {bar} {value}/{total} | {eta}s left', stream: io.stderr as NodeJS.WritableStream, hideCursor: true }) : undefined;
  try {
    bar?.start(realizations, 0);
    const summary = await runScenario(loaded, { pool, ...(bar ? { onProgress: (done: number) => bar.update(done) } : {}), ...(flags.workerHeapMb !== undefined ? { heapMb: flags.workerHeapMb } : {}) });
    bar?.stop();
    await writeRun(summary, loaded, flags, io);
  } finally {
    bar?.stop();
    await pool.destroy();
  }
}

async function writeRun(summary: Awaited<ReturnType<typeof runScenario>>, loaded: LoadedScenario, flags: RunFlags, io: CliIo): Promise<void> {
  const outDir = resolve(flags.out ?? join('out', summary.scenario));
  const files = renderRunFiles(summary, loaded.region);
  await writeRunOutputs(outDir, files);
  if (flags.json) io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else io.stdout.write(`${formatSummary(summary)}\nWrote ${Object.keys(files).join(', ')} to ${outDir}\n`);
}

/** `run --redis`: the realizations as chunk jobs for `renxing worker` processes; the summary is computed here. */
async function runOverRedis(loaded: LoadedScenario, flags: RunFlags, target: RedisTarget, io: CliIo): Promise<void> {
  const { realizations } = loaded.scenario.options;
  const coordinator = await RedisCoordinator.open({ target, ...(flags.queue ? { queue: flags.queue } : {}) });
  const runKey = randomUUID();
  const bar = io.stderr.isTTY ? new SingleBar({ format: 'realizations {bar} {value}/{total} on Redis workers | {eta}s left', stream: io.stderr as NodeJS.WritableStream, hideCursor: true }) : undefined;
  try {
    const remote = await coordinator.ensemble(loaded, runKey, flags.chunkSize);
    bar?.start(realizations, 0);
    const summary = await runScenario(loaded, { remote, ...(bar ? { onProgress: (done: number) => bar.update(done) } : {}) });
    bar?.stop();
    await writeRun(summary, loaded, flags, io);
  } finally {
    bar?.stop();
    await coordinator.forget(runKey);
    await coordinator.close();
  }
}
