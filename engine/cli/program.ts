import { extname, resolve } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { RenxingError } from '../core/errors.js';
import { LIMITS } from '../core/limits.js';
import { ENGINE_VERSION } from '../core/version.js';
import { parseRedisUrl, type RedisTarget } from '../distributed/redis-url.js';
import type { ContingencyFlags } from './contingency-command.js';
import type { RunFlags } from './run-command.js';
import type { WorkerFlags } from './worker-command.js';

// Each command's module is imported when the command runs: the region chain, the Redis client
// and the API cost about 0.9 s of module loading that a `.par` run or `--version` never needs.

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
      const { validateOne, reportProvenance } = await import('./validate-command.js');
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
    .action(async (flags: { json?: boolean }) => {
      const { listBundled } = await import('./list-command.js');
      await listBundled(io, flags.json ?? false);
    });

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
    .action(async (path: string, flags: ContingencyFlags) => {
      const { contingencyCommand } = await import('./contingency-command.js');
      await contingencyCommand(path, flags, io);
    });

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
    .action(async (flags: WorkerFlags) => {
      const { workerCommand } = await import('./worker-command.js');
      await workerCommand(flags, io);
    });

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
    .action(async (path: string, flags: RunFlags) => {
      if (extname(path).toLowerCase() === '.par') {
        const { runParCommand } = await import('./run-par-command.js');
        await runParCommand(path, flags, io);
      } else {
        const { runScenarioCommand } = await import('./run-command.js');
        await runScenarioCommand(path, flags, io);
      }
    });
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
