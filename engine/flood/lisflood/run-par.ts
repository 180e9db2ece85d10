import { basename } from 'node:path';
import { LISFLOOD_NAMING, runGridToFolder, type GridRunSummary } from '../grid/run-grid.js';
import { loadParModel } from './load-par-model.js';

/**
 * Runs a LISFLOOD-FP model and writes its outputs under the names LISFLOOD-FP users expect:
 * `<resroot>-NNNN.wd` (depth at the start, 0000, and at each saveint), `.max`, `.inittm` (hours to first
 * arrival), `.Vmax`, `.mass`; plus `max-depth.tif` and `summary.json`, in dirroot or `out`.
 */
export async function runParModel(parPath: string, options: { out?: string; workers: number }): Promise<{ summary: GridRunSummary; outDir: string }> {
  const run = await loadParModel(parPath);
  return runGridToFolder(
    { label: basename(parPath), model: run.model, origin: run.origin, ...(run.epsg !== undefined ? { epsg: run.epsg } : {}), saveTimes: run.saveTimes, massTimes: run.massTimes, naming: LISFLOOD_NAMING(run.resroot), warnings: run.warnings },
    { outDir: options.out ?? run.outDir, workers: options.workers },
  );
}
