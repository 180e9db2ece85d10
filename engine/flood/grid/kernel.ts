import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RenxingError } from '../../core/errors.js';
import { DIST_DIR } from '../../core/paths.js';

/** Built from ./wasm/inertial-kernel.ts by `npm run build` (AssemblyScript, SIMD). */
export const KERNEL_WASM = join(DIST_DIR, 'engine/flood/grid/wasm/inertial-kernel.wasm');

/** The module's exports; pointers are byte offsets into the shared memory. See ./wasm/inertial-kernel.ts. */
export interface KernelExports {
  cubeRoot(x: number): number;
  faces(z: number, h: number, n2: number, q: number, qNew: number, vNew: number, firstCell: number, stride: number, firstFace: number, count: number, gdt: number, theta: number, threshold: number, invDx: number): void;
  limitRow(h: number, qxNew: number, qyNew: number, limit: number, nx: number, j: number, scale: number): void;
  depthRow(
    z: number, h: number, qx: number, qy: number, qxNew: number, qyNew: number, vxNew: number, vyNew: number, limit: number, maxH: number, maxSpeed2: number, arrival: number, rowMass: number, rowDry: number,
    nx: number, ny: number, j: number, scale: number, area: number, rainDepth: number, tNew: number, arrivalDepth: number, threshold: number,
  ): number;
}

const EXPORTS = ['cubeRoot', 'faces', 'limitRow', 'depthRow'] as const;

function isKernel(exports: WebAssembly.Exports): exports is WebAssembly.Exports & KernelExports {
  return EXPORTS.every((name) => typeof exports[name] === 'function');
}

let compiled: WebAssembly.Module | undefined;

/** Compiles the kernel once per thread (synchronously: it is 4 KB) and binds it to `memory`. */
export function instantiateKernel(memory: WebAssembly.Memory): KernelExports {
  if (!compiled) {
    if (!existsSync(KERNEL_WASM)) throw new RenxingError('RX_ERR_WORKER', `solver kernel ${KERNEL_WASM} is missing: run \`npm run build\``);
    compiled = new WebAssembly.Module(readFileSync(KERNEL_WASM));
  }
  const { exports } = new WebAssembly.Instance(compiled, { env: { memory } });
  if (!isKernel(exports)) throw new RenxingError('RX_ERR_WORKER', `solver kernel ${KERNEL_WASM} lacks one of ${EXPORTS.join(', ')}: rebuild it`);
  return exports;
}
