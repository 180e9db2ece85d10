// Worker entry for one row strip of the 2D grid: views the shared arrays and runs the same loop
// as the in-thread solver, meeting the other strips at barriers.
import { parentPort, workerData } from 'node:worker_threads';
import { viewArrays } from './arrays.js';
import { AbortedError, outputBarrier, stepBarrier } from './barrier.js';
import type { StripWorkerData } from './simulate.js';
import { runStripLoop } from './step-loop.js';

const data = workerData as StripWorkerData;
const ctrl = new Int32Array(data.ctrl);
try {
  const steps = runStripLoop(viewArrays(data.layout), data.shape, { ...data.plan, stripMax: new Float64Array(data.stripMax) }, {
    stepBarrier: () => stepBarrier(ctrl, data.strips),
    output: () => {
      outputBarrier(ctrl, data.strips + 1);
      outputBarrier(ctrl, data.strips + 1);
    },
  });
  parentPort?.postMessage({ steps });
} catch (error) {
  if (!(error instanceof AbortedError)) throw error;
}
