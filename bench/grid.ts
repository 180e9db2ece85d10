/**
 * 2D solver throughput: cell updates per second (cells × steps / time-loop seconds) on a fully wet grid,
 * with 1 … N workers measured in one run so the ratios compare like with like.
 * Usage: npm run build && node dist/bench/grid.js [size=2000] [simSeconds=60] [maxWorkers]
 */
import { availableParallelism, cpus } from 'node:os';
import { buildGridModel } from '../engine/flood/grid/build-model.js';
import { eaTest4Model } from '../engine/flood/grid/ea-test4.js';
import type { GridModel } from '../engine/flood/grid/model.js';
import { simulateGrid } from '../engine/flood/grid/simulate.js';

const size = Number(process.argv[2] ?? 2000);
const simTime = Number(process.argv[3] ?? 60);
const maxWorkers = Number(process.argv[4] ?? availableParallelism());
const workerCounts = [...new Set([1, 2, 4, 8, 16].filter((w) => w <= maxWorkers).concat(maxWorkers))].sort((a, b) => a - b);

// A tilted, gently undulating plain under 1–2 m of water, draining through a free east edge.
const data = new Float64Array(size * size);
const h0 = new Float64Array(size * size);
for (let j = 0; j < size; j++) {
  for (let i = 0; i < size; i++) {
    const z = -0.0005 * i * 10 + 0.3 * Math.sin(i / 17) * Math.cos(j / 23);
    data[j * size + i] = z;
    h0[j * size + i] = 1.5 - 0.3 * Math.sin(i / 17) * Math.cos(j / 23);
  }
}
const grid = { nx: size, ny: size, xll: 0, yll: 0, cellSize: 10 };
const model = buildGridModel({
  dem: { ...grid, data },
  manning: 0.03,
  initialDepth: { ...grid, data: h0 },
  edges: [{ side: 'E', kind: 'free' }],
  options: { simTime, outputTimes: [], maxDt: 10 },
});

async function measure(label: string, model: GridModel): Promise<void> {
  console.log(label);
  let base = 0;
  for (const workers of workerCounts) {
    const t0 = performance.now();
    const result = await simulateGrid(model, { workers, keepDepths: false });
    const seconds = (performance.now() - t0) / 1000;
    const cells = model.nx * model.ny;
    const rate = (cells * result.steps) / result.loopSeconds;
    if (workers === 1) base = rate;
    console.log(
      `  workers=${workers}: ${result.steps} steps; time loop ${result.loopSeconds.toFixed(2)} s (whole run ${seconds.toFixed(2)} s): ` +
        `${(rate / 1e6).toFixed(1)} M cell updates/s, ${(rate / workers / 1e6).toFixed(1)} M per worker, ratio vs workers=1: ${(rate / base).toFixed(2)}`,
    );
  }
}

console.log(`machine: ${cpus()[0]?.model ?? '?'} × ${availableParallelism()} threads, node ${process.version}`);
await measure(`fully wet grid ${size} × ${size} (${((size * size) / 1e6).toFixed(1)} M cells), ${simTime} s simulated`, model);
// EA test 4's first hour: a flood spreading over a mostly dry plain, where dry rows are skipped
// (cell updates count every cell, wet or dry, so this rate shows what skipping buys).
await measure('EA test 4 set-up (200 × 400 cells), first hour', eaTest4Model({ simTime: 3600, outputTimes: [] }));
