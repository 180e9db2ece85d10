// Worker entry for the stages of an API run that are not realizations, so the server's event loop
// never runs them: compiling a loaded scenario into the realizations' input, and the end of a run
// (engine/run/finish-run.ts), whose metrics come in transferred and stored bytes go back transferred.
import { Piscina } from 'piscina';
import { compileRealizationInput } from '../run/compile-input.js';
import { finishDomainRun, finishRegionRun, transferListOf, type DomainRunEnd, type PreparedResult, type RegionRunEnd } from '../run/finish-run.js';
import type { RealizationInput } from '../run/realization.js';
import type { LoadedScenario } from '../scenario/load-scenario.js';

// piscina's transferable protocol: the buffers to transfer under one symbol, the value under the other.
const moved = (result: PreparedResult): PreparedResult => {
  const transferable = { [Piscina.transferableSymbol]: transferListOf(result), [Piscina.valueSymbol]: result };
  return Piscina.move(transferable as unknown as Parameters<typeof Piscina.move>[0]) as unknown as PreparedResult;
};

export function region(task: RegionRunEnd): PreparedResult {
  return moved(finishRegionRun(task));
}

export function domain(task: DomainRunEnd): PreparedResult {
  return moved(finishDomainRun(task));
}

export function compile(loaded: LoadedScenario): RealizationInput {
  return compileRealizationInput(loaded);
}
