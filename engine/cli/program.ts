import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { SingleBar } from 'cli-progress';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { RenxingError } from '../core/errors.js';
import { LIMITS } from '../core/limits.js';
import { BUNDLED_REGIONS_DIR } from '../core/paths.js';
import { ENGINE_VERSION } from '../core/version.js';
import { RENXING_NAMING, runGridToFolder } from '../flood/grid/run-grid.js';
import { loadParModel } from '../flood/lisflood/load-par-model.js';
import { runParModel } from '../flood/lisflood/run-par.js';
import { readBundledScenarios } from '../scenario/bundled-scenarios.js';
import { writeRunOutputs } from '../io/write-run-outputs.js';
import { createPool, defaultWorkers } from '../parallel/pool.js';
import { listBundledRegions, loadRegion } from '../region/load-region.js';
import { readPackData } from '../region/pack-data.js';
import { formatProvenance, packFigures, provenanceIssues, sourcesKeys } from '../region/provenance.js';
import { renderRunFiles } from '../run/layers.js';
import { runScenario } from '../run/run-scenario.js';
import { loadAnyScenario, type LoadedScenario, type OptionOverrides } from '../scenario/load-scenario.js';
import { formatGridSummary, formatSummary } from './format-summary.js';
import { runContingency } from '../lifelines/run-contingency.js';
import { RedisCoordinator } from '../distributed/coordinator.js';
import { parseRedisUrl, type RedisTarget } from '../distributed/redis.js';
import { workerCommand, type WorkerFlags } from './worker-command.js';
import { randomUUID } from 'node:crypto';

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
}

export const EXIT = { ok: 0, failure: 1, badInput: 2 } as const;

function positiveInt(name: string, max: number) {
  return (raw: string): number => {
    const value = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < 1 || value > max) {
      throw new InvalidArgumentError(`${name} must be an integer from 1 to ${max}, got '${raw}'`);
    }
    return value;
  };
}

function seedArg(raw: string): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value > 0xffffffff) throw new InvalidArgumentError(`seed must be an integer from 0 to 4294967295, got '${raw}'`);
  return value;
}

/** `validate` takes a scenario file, a LISFLOOD-FP .par file, a pack folder or a pack's region.yaml. */
async function validateOne(path: string, io: CliIo): Promise<string> {
  const absolute = resolve(path);
  if (!existsSync(absolute)) throw new RenxingError('RX_ERR_FILE_NOT_FOUND', `${path}: no such file or folder`, [{ file: path, path: '', message: 'no such file or folder' }]);
  const packDir = statSync(absolute).isDirectory() ? absolute : basename(absolute) === 'region.yaml' ? dirname(absolute) : undefined;
  if (packDir) {
    const region = await loadRegion(packDir);
    return `${path}: valid region pack '${region.id}' (${region.zones.count} zones, ${region.circles.length} circles, ${region.groups.length} groups)`;
  }
  if (extname(absolute).toLowerCase() === '.par') {
    const run = await loadParModel(absolute);
    for (const warning of run.warnings) io.stderr.write(`warning: ${warning}\n`);
    return `${path}: valid LISFLOOD-FP model (${run.model.nx} × ${run.model.ny} cells of ${run.model.dx} m, ${run.model.options.simTime} s)`;
  }
  const loaded = await loadAnyScenario(absolute);
  if (loaded.kind === 'domain') {
    const { model } = loaded.domain;
    return `${path}: valid scenario '${loaded.scenario.file.id}' on a ${model.nx} × ${model.ny} raster domain of ${model.dx} m cells`;
  }
  return `${path}: valid scenario '${loaded.scenario.file.id}' on region '${loaded.region.id}' (${loaded.scenario.file.hazards.length} hazard(s))`;
}

/**
 * `validate --provenance`: prints a pack's figures by marker and class; false when a figure has no
 * marker or a marker is malformed (each problem on stderr as `<pack>: <message>`).
 */
async function reportProvenance(path: string, io: CliIo): Promise<boolean> {
  const absolute = resolve(path);
  const packDir = statSync(absolute).isDirectory() ? absolute : basename(absolute) === 'region.yaml' ? dirname(absolute) : undefined;
  if (!packDir) {
    io.stderr.write(`${path}: --provenance reads region packs, not scenario files\n`);
    return false;
  }
  const data = await readPackData(packDir);
  const sourcesPath = join(packDir, 'SOURCES.md');
  const keys = sourcesKeys(existsSync(sourcesPath) ? readFileSync(sourcesPath, 'utf8') : '');
  io.stdout.write(formatProvenance(path, packFigures(data)));
  const issues = provenanceIssues(data, keys);
  for (const issue of issues) io.stderr.write(`${path}: ${issue}\n`);
  return issues.length === 0;
}

async function listBundled(io: CliIo, json: boolean): Promise<void> {
  const regions = await Promise.all(listBundledRegions().map(async (id) => {
    const region = await loadRegion(join(BUNDLED_REGIONS_DIR, id));
    return { id, name: region.name, zones: region.zones.count, circles: region.circles.length };
  }));
  const scenarios = (await readBundledScenarios()).map(({ file, data }) => ({
    file: `scenarios/${file}`, id: typeof data['id'] === 'string' ? data['id'] : '?', title: typeof data['title'] === 'string' ? data['title'] : '', region: typeof data['region'] === 'string' ? data['region'] : '?',
  }));
  if (json) {
    io.stdout.write(`${JSON.stringify({ regions, scenarios }, null, 2)}\n`);
    return;
  }
  io.stdout.write('Regions\n');
  for (const r of regions) io.stdout.write(`  ${r.id.padEnd(16)} ${r.name} (${r.zones} zones, ${r.circles} circles)\n`);
  io.stdout.write('Scenarios\n');
  for (const s of scenarios) io.stdout.write(`  ${s.file.padEnd(32)} ${s.title} [region ${s.region}]\n`);
}

interface RunFlags { out?: string; workers?: number; realizations?: number; seed?: number; json?: boolean; workerHeapMb?: number; redis?: RedisTarget; queue?: string; chunkSize?: number }

async function runCommand(path: string, flags: RunFlags, io: CliIo): Promise<void> {
  if (extname(path).toLowerCase() === '.par') {
    const { summary, outDir } = await runParModel(path, { workers: flags.workers ?? defaultWorkers(), ...(flags.out ? { out: flags.out } : {}) });
    for (const warning of summary.warnings) io.stderr.write(`warning: ${warning}\n`);
    if (flags.json) io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    else io.stdout.write(`${formatGridSummary(summary)}\nWrote ${summary.files.length} files to ${outDir}\n`);
    return;
  }
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

interface ContingencyFlags { k: 1 | 2 | 3; workers?: number; out?: string; json?: boolean; among?: string[]; maxCases?: number; redis?: RedisTarget; queue?: string; batchSize?: number }

async function contingencyCommand(path: string, flags: ContingencyFlags, io: CliIo): Promise<void> {
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

/** `--redis URL`, checked as it is read. */
function redisArg(raw: string): RedisTarget {
  try {
    return parseRedisUrl(raw);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('renxing')
    .description('Disaster-resilience scenarios for a metropolitan region: floods, earthquakes, lifelines, evacuation, mutual aid between circles.')
    .version(ENGINE_VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });

  program.command('validate')
    .description('check scenario files or region packs; every problem as <file>: <path>: <message>')
    .argument('<paths...>', 'scenario files, LISFLOOD-FP .par files, region pack folders or region.yaml files')
    .option('--provenance', 'for a region pack: its figures by marker (sourced / estimate / none) and the share of each class resting on estimates; invalid when a figure has no marker')
    .action(async (paths: string[], flags: { provenance?: boolean }) => {
      let bad = false;
      for (const path of paths) {
        try {
          io.stdout.write(`${await validateOne(path, io)}\n`);
          if (flags.provenance && !(await reportProvenance(path, io))) bad = true;
        } catch (error) {
          if (!(error instanceof RenxingError) || !error.isInputError) throw error;
          io.stderr.write(`${error.describe()}\n`);
          bad = true;
        }
      }
      setExit(bad ? EXIT.badInput : EXIT.ok);
    });

  program.command('list')
    .description('bundled regions and scenarios')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }) => { await listBundled(io, flags.json ?? false); });

  program.command('contingency')
    .description('rank corridors and links by the service lost when they fail; writes contingency.json and contingency.geojson')
    .argument('<path>', 'scenario file (its region and horizon), region pack folder or region.yaml')
    .option('--k <n>', '1 for every single failure (N−1), 2 for every pair (N−2), 3 for every triple of the --among list (N−3)', (raw: string) => {
      if (raw !== '1' && raw !== '2' && raw !== '3') throw new InvalidArgumentError(`k must be 1, 2 or 3, got '${raw}'`);
      return Number(raw) as 1 | 2 | 3;
    }, 1 as 1 | 2 | 3)
    .option('--among <ids>', 'combine only these corridors and links (comma-separated ids); needed with --k 3', (raw: string) => raw.split(',').map((s) => s.trim()).filter((s) => s.length > 0))
    .option('--max-cases <n>', 'assess at most this many combinations (an evenly spaced subset, stated in the output); default all', positiveInt('max-cases', 100_000_000))
    .option('--workers <n>', 'worker threads (default: cores)', positiveInt('workers', 1024))
    .option('--out <dir>', 'output folder (default out/contingency-<region>)')
    .option('--json', 'print the ranking as JSON')
    .option('--redis <url>', 'assess the cases in batches on `renxing worker` processes through this Redis (redis://host:port)', redisArg)
    .option('--queue <name>', 'BullMQ queue the workers serve (default renxing)')
    .option('--batch-size <n>', 'cases per Redis job (default: about 64 jobs)', positiveInt('batch-size', 1_000_000))
    .action(async (path: string, flags: ContingencyFlags) => { await contingencyCommand(path, flags, io); });

  program.command('worker')
    .description('take ensemble chunks and contingency batches from a BullMQ queue on Redis and compute them on this machine')
    .requiredOption('--redis <url>', 'the Redis server runs are queued on (redis://host:port)', redisArg)
    .option('--workers <n>', 'worker threads (default: cores)', positiveInt('workers', 1024))
    .option('--concurrency <n>', 'jobs in progress at once (default: --workers)', positiveInt('concurrency', 1024))
    .option('--packs <dir>', 'a region pack folder, or a folder of packs, besides the bundled ones (repeatable)', (dir: string, dirs: string[]) => [...dirs, resolve(dir)], [] as string[])
    .option('--queue <name>', 'BullMQ queue to serve (default renxing)')
    .option('--lock-s <s>', 'job lock in seconds: a dead worker\'s job is taken back within 1.5 × this (default 30)', positiveInt('lock-s', 3600))
    .option('--redis-grace-s <s>', 'stop with an error after Redis has been unreachable this long (default 60)', positiveInt('redis-grace-s', 86_400))
    .addOption(new Option('--fail-jobs <regex>', 'fault drill: jobs whose id matches fail as a throwing computation would').hideHelp())
    .action(async (flags: WorkerFlags) => { await workerCommand(flags, io); });

  program.command('serve')
    .description('serve the HTTP API (runs stored in an SQLite file)')
    .option('--port <n>', 'port', positiveInt('port', 65535), 8080)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--db <file>', 'SQLite database file', 'renxing.db')
    .option('--workers <n>', 'worker threads (default: cores)', positiveInt('workers', 1024))
    .option('--data-dir <dir>', 'a folder whose DEMs and packs requests may name (repeatable)', (dir: string, dirs: string[]) => [...dirs, resolve(dir)], [] as string[])
    .option('--runs-from <dir>', "the command line's output folder: its finished runs are listed with the server's (repeatable)", (dir: string, dirs: string[]) => [...dirs, resolve(dir)], [] as string[])
    .option('--trust-proxy <proxies>', "behind a reverse proxy: 'true' (believe X-Forwarded-For from any), or the proxies' addresses or CIDR ranges, comma-separated; the rate limit then counts per client")
    .option('--redis <url>', 'queue runs on this Redis for `renxing worker` processes (they survive a restart of the server)', redisArg)
    .option('--queue <name>', 'BullMQ queue the workers serve (default renxing)')
    .action(async (flags: ServeFlags) => {
      const { serve } = await import('../../api/server.js');
      await serve(serveOptions(flags, process.env['RENXING_TOKEN']));
    });

  program.command('run')
    .description('run a scenario; writes summary.json and layers to --out')
    .argument('<scenario>', 'scenario file (YAML or JSON), or a LISFLOOD-FP .par file')
    .option('--out <dir>', 'output folder (default out/<scenario id>)')
    .option('--workers <n>', 'worker threads (default: cores, at most one per realization)', positiveInt('workers', 1024))
    .option('--realizations <n>', 'ensemble size (overrides the scenario)', positiveInt('realizations', LIMITS.realizations.value))
    .option('--seed <n>', 'random seed (overrides the scenario)', seedArg)
    .option('--json', 'print the summary as JSON')
    .option('--worker-heap-mb <n>', 'JavaScript heap of each worker thread (MiB): a realization past it fails the run (RX_ERR_BUDGET) instead of the machine swapping', positiveInt('worker-heap-mb', 1 << 20))
    .option('--redis <url>', 'compute the realizations in chunks on `renxing worker` processes through this Redis (redis://host:port)', redisArg)
    .option('--queue <name>', 'BullMQ queue the workers serve (default renxing)')
    .option('--chunk-size <n>', 'realizations per Redis job (default: about 64 jobs)', positiveInt('chunk-size', 100000))
    .action(async (path: string, flags: RunFlags) => { await runCommand(path, flags, io); });
  return program;
}

export interface ServeFlags { port: number; host: string; db: string; workers?: number; dataDir: string[]; runsFrom: string[]; trustProxy?: string; redis?: RedisTarget; queue?: string }

/** `renxing serve`'s flags as the API's build options. */
export function serveOptions(flags: ServeFlags, token: string | undefined): { port: number; host: string; dbPath: string; dataRoots: string[]; importRunsFrom: string[]; token?: string; workers?: number; trustProxy?: boolean | string[]; redis?: { target: RedisTarget; queue?: string } } {
  // Without --runs-from, `renxing run`'s default output folder: `npm start`'s run is then among the viewer's past runs.
  const importRunsFrom = flags.runsFrom.length > 0 ? flags.runsFrom : [resolve('out')];
  const trustProxy = flags.trustProxy === undefined ? undefined : flags.trustProxy === 'true' ? true : flags.trustProxy.split(',').map((a) => a.trim()).filter((a) => a !== '');
  return {
    port: flags.port, host: flags.host, dbPath: flags.db, dataRoots: flags.dataDir, importRunsFrom, ...(token ? { token } : {}), ...(flags.workers ? { workers: flags.workers } : {}), ...(trustProxy !== undefined ? { trustProxy } : {}),
    ...(flags.redis ? { redis: { target: flags.redis, ...(flags.queue ? { queue: flags.queue } : {}) } } : {}),
  };
}

/** Runs the CLI in-process and returns its exit code: 0 ok, 2 bad input, 1 failure. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => { code = c; });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    }
    if (error instanceof RenxingError) {
      io.stderr.write(`${error.describe()}\n`);
      return error.isInputError ? EXIT.badInput : EXIT.failure;
    }
    if (error instanceof TypeError && /^workers must be/.test(error.message)) {
      io.stderr.write(`renxing: ${error.message}\n`);
      return EXIT.badInput;
    }
    // A bug or an environment failure (a full disk): its message, and the stack only when asked for.
    const debug = process.env['RENXING_DEBUG'] !== undefined && process.env['RENXING_DEBUG'] !== '';
    io.stderr.write(`renxing: internal error: ${error instanceof Error ? ((debug ? error.stack : undefined) ?? error.message) : String(error)}${debug ? '' : ' (RENXING_DEBUG=1 prints the stack)'}\n`);
    return EXIT.failure;
  }
}
