import { existsSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { RenxingError } from '../core/errors.js';
import { BUNDLED_SCENARIOS_DIR } from '../core/paths.js';
import { readDataFile } from '../io/read-data-file.js';

/** The scenario files bundled with the engine (`scenarios/*.yaml|yml|json`), by file name, sorted. */
export function bundledScenarioFiles(): string[] {
  return existsSync(BUNDLED_SCENARIOS_DIR) ? readdirSync(BUNDLED_SCENARIOS_DIR).filter((f) => ['.yaml', '.yml', '.json'].includes(extname(f))).sort() : [];
}

/** Each bundled scenario file's data, in file order. */
export async function readBundledScenarios(): Promise<{ file: string; data: Record<string, unknown> }[]> {
  return Promise.all(bundledScenarioFiles().map(async (file) => ({ file, data: (await readDataFile(join(BUNDLED_SCENARIOS_DIR, file))) as Record<string, unknown> })));
}

/** The bundled scenario whose `id` is `id` (RX_ERR_NOT_FOUND when none is). */
export async function findBundledScenario(id: string): Promise<Record<string, unknown>> {
  for (const file of bundledScenarioFiles()) {
    const data = (await readDataFile(join(BUNDLED_SCENARIOS_DIR, file))) as Record<string, unknown>;
    if (data['id'] === id) return data;
  }
  throw new RenxingError('RX_ERR_NOT_FOUND', `no bundled scenario '${id}'`);
}
