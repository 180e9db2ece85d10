import { runParModel } from '../flood/lisflood/run-par.js';
import { defaultWorkers } from '../parallel/default-workers.js';
import { formatGridSummary } from './format-summary.js';
import type { CliIo } from './program.js';
import type { RunFlags } from './run-command.js';

/** `run model.par`: a LISFLOOD-FP model on the grid solver, loading nothing of the region chain. */
export async function runParCommand(path: string, flags: Pick<RunFlags, 'out' | 'workers' | 'json'>, io: CliIo): Promise<void> {
  const { summary, outDir } = await runParModel(path, { workers: flags.workers ?? defaultWorkers(), ...(flags.out ? { out: flags.out } : {}) });
  for (const warning of summary.warnings) io.stderr.write(`warning: ${warning}\n`);
  if (flags.json) io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else io.stdout.write(`${formatGridSummary(summary)}\nWrote ${summary.files.length} files to ${outDir}\n`);
}
