/**
 * Runs the command line made (`renxing run`, and so `npm start`) shown among the API's runs: each
 * folder under an output root holding a `summary.json` is stored as a finished run with its
 * layers. Its id comes from the folder and the summary's content, so a server restarted on the
 * same database imports an unchanged result once, and a re-run shows as a new run.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RunStore } from './run-store.js';

/** A UUID-shaped id from a hash, so imported runs look like any other in URLs and lists. */
const uuidFrom = (hex: string): string => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;

/**
 * Imports the finished CLI outputs under `root` into `store`. `scenarioFile(id)` gives a bundled
 * scenario by id (so what-if works on an imported run of a bundled scenario), or undefined.
 * Returns the ids added.
 */
export async function importCliRuns(store: RunStore, root: string, scenarioFile: (id: string) => Promise<{ id: string; title: string } | undefined>): Promise<string[]> {
  if (!existsSync(root) || !statSync(root).isDirectory()) return [];
  const added: string[] = [];
  for (const name of readdirSync(root).sort()) {
    const dir = join(root, name);
    const summaryPath = join(dir, 'summary.json');
    if (!existsSync(summaryPath)) continue;
    const text = readFileSync(summaryPath, 'utf8');
    let summary: { scenario?: unknown; scenarioTitle?: unknown; realizations?: unknown; seed?: unknown };
    try {
      summary = JSON.parse(text) as typeof summary;
    } catch {
      continue; // not a Renxing result (or one being written): nothing to show
    }
    if (typeof summary.scenario !== 'string') continue;
    const id = uuidFrom(createHash('sha256').update(resolve(dir)).update('\0').update(text).digest('hex'));
    const bundled = await scenarioFile(summary.scenario);
    const scenario = bundled ?? { id: summary.scenario, title: typeof summary.scenarioTitle === 'string' ? summary.scenarioTitle : summary.scenario };
    const options = { ...(typeof summary.realizations === 'number' ? { realizations: summary.realizations } : {}), ...(typeof summary.seed === 'number' ? { seed: summary.seed } : {}) };
    const layers = Object.fromEntries(readdirSync(dir).filter((f) => f !== 'summary.json' && !f.startsWith('.') && statSync(join(dir, f)).isFile()).map((f) => [f, new Uint8Array(readFileSync(join(dir, f)))]));
    if (store.importFinished(id, scenario, options, statSync(summaryPath).mtime.toISOString(), summary, layers)) added.push(id);
  }
  return added;
}
