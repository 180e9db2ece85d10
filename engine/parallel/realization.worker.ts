// Worker entry: runs the same kernel the tests call. The result (a few numbers per realization)
// is small, so it is cloned back rather than transferred.
import { assessContingencies, type ContingencyTask } from '../lifelines/contingency.js';
import { runRealizationChunk, type RealizationInput } from '../run/realization.js';
import type { ChunkMetrics, RealizationChunk } from './ensemble.js';

export default function runChunk(chunk: RealizationChunk<RealizationInput>): ChunkMetrics {
  return runRealizationChunk(chunk);
}

/** Named handler for contingency sweeps (`pool.run(task, { name: 'contingency' })`). */
export function contingency(task: ContingencyTask): Float64Array {
  return assessContingencies(task);
}
