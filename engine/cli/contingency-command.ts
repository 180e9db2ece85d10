import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { SingleBar } from 'cli-progress';
import { RenxingError } from '../core/errors.js';
import { RedisCoordinator } from '../distributed/coordinator.js';
import type { RedisTarget } from '../distributed/redis-url.js';
import { writeRunOutputs } from '../io/write-run-outputs.js';
import { runContingency } from '../lifelines/run-contingency.js';
import { defaultWorkers } from '../parallel/default-workers.js';
import { createPool } from '../parallel/pool.js';
import { loadRegion } from '../region/load-region.js';
import { loadAnyScenario } from '../scenario/load-scenario.js';
import type { CliIo } from './program.js';

export interface ContingencyFlags { k: 1 | 2 | 3; workers?: number; out?: string; json?: boolean; among?: string[]; maxCases?: number; redis?: RedisTarget; queue?: string; batchSize?: number }

/** `contingency`: ranks single, paired or tripled failures of a pack's corridors and links by the service lost, on the pool or over Redis. */
export async function contingencyCommand(path: string, flags: ContingencyFlags, io: CliIo): Promise<void> {
  const absolute = resolve(path);
  if (!existsSync(absolute)) throw new RenxingError('RX_ERR_FILE_NOT_FOUND', `${path}: no such file or folder`, [{ file: path, path: '', message: 'no such file or folder' }]);
  const packDir = statSync(absolute).isDirectory() ? absolute : basename(absolute) === 'region.yaml' ? dirname(absolute) : undefined;
  let region;
  let horizonH = 120;
  if (packDir) region = await loadRegion(packDir);
  else {
    const loaded = await loadAnyScenario(absolute);
    if (loaded.kind !== 'region') throw new RenxingError('RX_ERR_INVALID_INPUT', `${path}: a raster-domain scenario has no lifelines`, [{ file: basename(path), path: 'domain', message: 'a raster-domain scenario has no lifelines' }]);
    region = loaded.region;
    horizonH = loaded.scenario.options.horizonH;
  }
  const coordinator = flags.redis ? await RedisCoordinator.open({ target: flags.redis, ...(flags.queue ? { queue: flags.queue } : {}) }) : undefined;
  const pool = coordinator ? undefined : createPool({ workers: flags.workers ?? defaultWorkers() });
  const runKey = randomUUID();
  let barStarted = false;
  const bar = io.stderr.isTTY ? new SingleBar({ format: `cases {bar} {value}/{total}${coordinator ? ' on Redis workers' : ''} | {eta}s left`, stream: io.stderr as NodeJS.WritableStream, hideCursor: true }) : undefined;
  try {
    const remote = coordinator ? await coordinator.contingency(region, runKey, horizonH, flags.batchSize) : undefined;
    const ranking = await runContingency(region, {
      ...(remote ? { remote } : {}), ...(pool ? { pool } : {}), k: flags.k, horizonH,
      ...(flags.among ? { among: flags.among } : {}), ...(flags.maxCases ? { maxCases: flags.maxCases } : {}),
      ...(bar ? { onProgress: (done: number, total: number) => { if (!barStarted) bar.start(total, 0); barStarted = true; bar.update(done); } } : {}),
    });
    bar?.stop();
    const byId = new Map(region.layers.lifelines.features.map((f) => [f.properties.id, f]));
    const layer = {
      type: 'FeatureCollection',
      features: ranking.cases.flatMap((c, rank) => region.lifelines.ids.flatMap((id, k) => {
        const inCase = c.elements.includes(id) || c.elements.includes(region.lifelines.corridor[k] ?? '');
        const feature = byId.get(id);
        return inCase && feature ? [{ type: 'Feature', geometry: feature.geometry, properties: { id, rank: rank + 1, case: c.elements.join(' + '), lost: c.lost } }] : [];
      })),
    };
    const outDir = resolve(flags.out ?? join('out', `contingency-${region.id}`));
    await writeRunOutputs(outDir, { 'contingency.json': `${JSON.stringify(ranking, null, 2)}\n`, 'contingency.geojson': `${JSON.stringify(layer)}\n` });
    if (flags.json) io.stdout.write(`${JSON.stringify(ranking, null, 2)}\n`);
    else {
      io.stdout.write(`N−${ranking.k} contingency of ${region.name}: ${ranking.assessed.toLocaleString('en-US')} of ${ranking.combinations.toLocaleString('en-US')} combinations assessed${ranking.among ? ` (among ${ranking.among.join(', ')})` : ''}; residents without service with nothing cut: ${JSON.stringify(ranking.baseline)}\n`);
      if (ranking.sampled) io.stdout.write(`note: capped at ${ranking.sampled.cap.toLocaleString('en-US')} cases: ${ranking.sampled.rule}; the ranking is of that subset\n`);
      ranking.cases.slice(0, 10).forEach((c, i) => io.stdout.write(`${String(i + 1).padStart(3)}. ${c.elements.join(' + ')} (${c.kinds.join(' + ')}): ${c.lost.toLocaleString('en-US')} residents lose service ${JSON.stringify(c.lostBySystem)}\n`));
      io.stdout.write(`Wrote contingency.json, contingency.geojson to ${outDir}\n`);
    }
  } finally {
    bar?.stop();
    await pool?.destroy();
    await coordinator?.forget(runKey);
    await coordinator?.close();
  }
}
