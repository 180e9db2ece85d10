// Worker entry, the one every pool thread loads when it starts: realizations (the kernel the tests
// call), contingency sweeps, and the stages of an API run that are not realizations, so the
// server's event loop never runs them. One entry means a thread never loads a module in the middle
// of its life, where a run's time budget or a cancel could terminate it mid-import.
import { Piscina } from 'piscina';
import { assessContingencies, type ContingencyTask } from '../lifelines/contingency.js';
import { compileRealizationInput } from '../run/compile-input.js';
import { finishDomainRun, finishRegionRun, transferListOf, type DomainRunEnd, type PreparedResult, type RegionRunEnd } from '../run/finish-run.js';
import { runRealizationChunk, type RealizationInput } from '../run/realization.js';
import type { LoadedScenario } from '../scenario/load-scenario.js';
import type { ChunkMetrics, RealizationChunk } from './ensemble.js';

/** A chunk of realizations. Its result (a few numbers per realization) is small, so it is cloned back rather than transferred. */
export default function runChunk(chunk: RealizationChunk<RealizationInput>): ChunkMetrics {
  return runRealizationChunk(chunk);
}

/** Named handler for contingency sweeps (`pool.run(task, { name: 'contingency' })`). */
export function contingency(task: ContingencyTask): Float64Array {
  return assessContingencies(task);
}

/** A loaded scenario compiled into the realizations' input (`name: 'compile'`). */
export function compile(loaded: LoadedScenario): RealizationInput {
  return compileRealizationInput(loaded);
}

// piscina's transferable protocol: the buffers to transfer under one symbol, the value under the other.
const moved = (result: PreparedResult): PreparedResult => {
  const transferable = { [Piscina.transferableSymbol]: transferListOf(result), [Piscina.valueSymbol]: result };
  return Piscina.move(transferable as unknown as Parameters<typeof Piscina.move>[0]) as unknown as PreparedResult;
};

/** The end of a region run (engine/run/finish-run.ts): metrics come in transferred, stored bytes go back transferred. */
export function region(task: RegionRunEnd): PreparedResult {
  return moved(finishRegionRun(task));
}

/** The end of a raster-domain run, likewise. */
export function domain(task: DomainRunEnd): PreparedResult {
  return moved(finishDomainRun(task));
}
