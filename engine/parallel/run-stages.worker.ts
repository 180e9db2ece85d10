// Worker entry for the end of a run (engine/run/finish-run.ts): the realizations' metrics come in
// transferred, the stored bytes go back transferred.
import { Piscina } from 'piscina';
import { finishDomainRun, finishRegionRun, transferListOf, type DomainRunEnd, type PreparedResult, type RegionRunEnd } from '../run/finish-run.js';

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
