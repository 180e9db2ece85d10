import { MinHeap } from '../../../../../../engine/core/min-heap.js';

/**
 * The depression holding a cell, found by walking down to its lowest cell and filling from there
 * (a priority flood, Barnes et al. 2014): take the lowest cell on the edge of the flooded set
 * until the next one lies below the level reached, which means the water has passed the pour point (the sill) and runs down elsewhere.
 * Cells join through shared faces, as water does in the solver. A depression with no lower
 * outlet (the lowest of a closed domain) has an infinite sill.
 */
export function depressionAt(z: Float64Array, nx: number, ny: number, start: number): { sill: number; cells: number[] } {
  const queued = new Uint8Array(nx * ny);
  const heap = new MinHeap();
  const push = (c: number): void => {
    queued[c] = 1;
    heap.push(z[c] as number, c);
  };
  const neighbours = (c: number): number[] => {
    const i = c % nx;
    const j = (c - i) / nx;
    return [i > 0 ? c - 1 : -1, i < nx - 1 ? c + 1 : -1, j > 0 ? c - nx : -1, j < ny - 1 ? c + nx : -1].filter((k) => k >= 0);
  };
  let bottom = start;
  for (;;) {
    const lower = neighbours(bottom).reduce((b, k) => ((z[k] as number) < (z[b] as number) ? k : b), bottom);
    if (lower === bottom) break;
    bottom = lower;
  }
  const cells: number[] = [];
  let level = z[bottom] as number;
  push(bottom);
  while (heap.size > 0) {
    const [zc, c] = heap.pop();
    if (zc < level) return { sill: level, cells: cells.filter((k) => (z[k] as number) < level) };
    level = zc;
    cells.push(c);
    for (const k of neighbours(c)) if (!queued[k]) push(k);
  }
  return { sill: Infinity, cells };
}
