/**
 * Barriers over a SharedArrayBuffer for the grid's strip workers (and the main thread at output
 * times). Generation counting: the last party to arrive bumps the generation and wakes the rest.
 * An abort flag releases everyone when a strip fails, so no thread waits forever.
 */
export const CTRL_SLOTS = 6;
const STEP_COUNT = 0;
const STEP_GEN = 1;
const ABORT = 2;
const OUT_COUNT = 3;
const OUT_GEN = 4;

export class AbortedError extends Error {
  constructor() {
    super('grid run aborted by another strip');
  }
}

function arrive(ctrl: Int32Array, count: number, gen: number, parties: number): number | undefined {
  const generation = Atomics.load(ctrl, gen);
  if (Atomics.add(ctrl, count, 1) === parties - 1) {
    Atomics.store(ctrl, count, 0);
    Atomics.add(ctrl, gen, 1);
    Atomics.notify(ctrl, gen);
    return undefined;
  }
  return generation;
}

function waitSync(ctrl: Int32Array, gen: number, generation: number): void {
  // Spin briefly (phases are short on small grids), then sleep on the generation word.
  for (let spin = 0; spin < 2000; spin++) {
    if (Atomics.load(ctrl, gen) !== generation) return;
  }
  while (Atomics.load(ctrl, gen) === generation) {
    if (Atomics.load(ctrl, ABORT) !== 0) throw new AbortedError();
    Atomics.wait(ctrl, gen, generation, 50);
  }
}

/** Strip workers between phases of a step. */
export function stepBarrier(ctrl: Int32Array, parties: number): void {
  if (Atomics.load(ctrl, ABORT) !== 0) throw new AbortedError();
  const generation = arrive(ctrl, STEP_COUNT, STEP_GEN, parties);
  if (generation !== undefined) waitSync(ctrl, STEP_GEN, generation);
}

/** Strip workers meeting the main thread at an output time. */
export function outputBarrier(ctrl: Int32Array, parties: number): void {
  if (Atomics.load(ctrl, ABORT) !== 0) throw new AbortedError();
  const generation = arrive(ctrl, OUT_COUNT, OUT_GEN, parties);
  if (generation !== undefined) waitSync(ctrl, OUT_GEN, generation);
}

/** The main thread's side of `outputBarrier`, without blocking its event loop. False if aborted. */
export async function barrierAsync(ctrl: Int32Array, parties: number): Promise<boolean> {
  if (Atomics.load(ctrl, ABORT) !== 0) return false;
  const generation = arrive(ctrl, OUT_COUNT, OUT_GEN, parties);
  if (generation === undefined) return true;
  while (Atomics.load(ctrl, OUT_GEN) === generation) {
    if (Atomics.load(ctrl, ABORT) !== 0) return false;
    const { async, value } = Atomics.waitAsync(ctrl, OUT_GEN, generation, 50);
    if (async) await value;
  }
  return Atomics.load(ctrl, ABORT) === 0;
}

export function abortAll(ctrl: Int32Array): void {
  Atomics.store(ctrl, ABORT, 1);
  Atomics.add(ctrl, STEP_GEN, 1);
  Atomics.add(ctrl, OUT_GEN, 1);
  Atomics.notify(ctrl, STEP_GEN);
  Atomics.notify(ctrl, OUT_GEN);
}
