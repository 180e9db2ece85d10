/**
 * The 2D model end to end, as a LISFLOOD-FP user runs it: `renxing run model.par` in a fresh
 * process — start-up, reading the ASCII DEM and start depths, the time loop, writing every output —
 * timed from outside, on a wet dam break: a flat 1,000 × 1,000 grid of 10 m cells, 2 m of water
 * west of the middle column and 1 m east of it, 300 s, depth saved every 100 s, volumes every 10 s.
 * The same `.par` runs, in the same loop of repeats:
 *  - LISFLOOD-FP, when a binary is named by LISFLOOD_FP (or `lisflood` is on the PATH), with
 *    OMP_NUM_THREADS = the worker count. It is not packaged by Debian, so without it the column
 *    is skipped with a message;
 *  - another checkout's build (`--baseline DIR`, a folder holding dist/ and node_modules), for a
 *    before/after ratio measured in one run.
 * Runs alternate between the programs so a busy moment of the machine falls on both.
 * Usage: npm run build && node dist/bench/par-end-to-end.js [size=1000] [workers=2] [repeats=3] [--baseline DIR]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../engine/core/paths.js';
import { formatAsciiGrid } from '../engine/io/ascii-grid.js';

const args = process.argv.slice(2);
const baselineAt = args.indexOf('--baseline');
const baseline = baselineAt >= 0 ? resolve(args[baselineAt + 1] ?? '') : undefined;
const positional = args.filter((_, k) => baselineAt < 0 || (k !== baselineAt && k !== baselineAt + 1));
const size = Number(positional[0] ?? 1000);
const workers = Number(positional[1] ?? 2);
const repeats = Number(positional[2] ?? 3);

if (baseline && !existsSync(join(baseline, 'dist', 'engine', 'cli', 'main.js'))) throw new Error(`--baseline ${baseline}: no dist/engine/cli/main.js there (build it first)`);
const work = mkdtempSync(join(tmpdir(), 'renxing-par-bench-'));
const grid = { nx: size, ny: size, xll: 0, yll: 0, cellSize: 10 };
writeFileSync(join(work, 'dem.asc'), formatAsciiGrid({ ...grid, data: new Float64Array(size * size) }, 3));
const start = new Float64Array(size * size);
for (let c = 0; c < start.length; c++) start[c] = c % size < size / 2 ? 2 : 1;
writeFileSync(join(work, 'start.asc'), formatAsciiGrid({ ...grid, data: start }, 3));
const par = (dirroot: string): string => ['DEMfile dem.asc', 'startfile start.asc', 'resroot res', `dirroot ${dirroot}`, 'sim_time 300', 'initial_tstep 10', 'saveint 100', 'massint 10', 'fpfric 0.01', 'acceleration', ''].join('\n');

interface Program { name: string; run: () => void }
const programs: Program[] = [];
const renxing = (root: string, name: string): Program => {
  const parFile = join(work, `${name}.par`);
  writeFileSync(parFile, par(`out-${name}`));
  return { name, run: () => execFileSync(process.execPath, [join(root, 'dist', 'engine', 'cli', 'main.js'), 'run', parFile, '--workers', String(workers)], { stdio: 'ignore' }) };
};
programs.push(renxing(PACKAGE_ROOT, 'renxing'));
if (baseline) programs.push(renxing(baseline, 'baseline'));
const lisflood = process.env['LISFLOOD_FP'] ?? whichLisflood();
if (lisflood) {
  writeFileSync(join(work, 'lisflood.par'), par('out-lisflood'));
  mkdirSync(join(work, 'out-lisflood'), { recursive: true });
  programs.push({
    name: 'LISFLOOD-FP',
    run: () => {
      const result = spawnSync(lisflood, ['lisflood.par'], { cwd: work, stdio: 'ignore', env: { ...process.env, OMP_NUM_THREADS: String(workers) } });
      if (result.status !== 0) throw new Error(`${lisflood} exited with ${String(result.status ?? result.signal)}`);
    },
  });
} else {
  console.log('LISFLOOD-FP: not found (Debian does not package it; set LISFLOOD_FP=/path/to/lisflood to compare): column skipped');
}

function whichLisflood(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v lisflood'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

console.log(`machine: ${cpus()[0]?.model ?? '?'} × ${availableParallelism()} threads, node ${process.version}`);
console.log(`wet dam break ${size} × ${size} cells of 10 m, 300 s, ${workers} thread(s), wall seconds of the whole process, ${repeats} alternating repeats`);
const times = new Map<string, number[]>(programs.map((p) => [p.name, []]));
try {
  for (let r = 0; r < repeats; r++) {
    for (const program of programs) {
      const t0 = performance.now();
      program.run();
      times.get(program.name)?.push((performance.now() - t0) / 1000);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const ours = median(times.get('renxing') ?? []);
for (const [name, seconds] of times) {
  const m = median(seconds);
  console.log(`  ${name.padEnd(12)} median ${m.toFixed(2)} s (runs: ${seconds.map((s) => s.toFixed(2)).join(', ')})${name === 'renxing' ? '' : `; ${name} / renxing = ${(m / ours).toFixed(2)}`}`);
}
