/**
 * The depression holding a cell, found by walking down to its lowest cell and filling from there (a priority flood, Barnes et al. 2014):
 * take the lowest cell on the edge of the flooded set until the next one lies below the level
 * reached, which means the water has passed the pour point (the sill) and runs down elsewhere.
 * Cells join through shared faces, as water does in the solver. A depression with no lower
 * outlet (the lowest of a closed domain) has an infinite sill.
 */
export function depressionAt(z: Float64Array, nx: number, ny: number, start: number): { sill: number; cells: number[] } {
  const queued = new Uint8Array(nx * ny);
  const heap: number[] = [];
  const push = (c: number): void => {
    queued[c] = 1;
    heap.push(c);
    for (let i = heap.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if ((z[heap[parent] as number] as number) <= (z[heap[i] as number] as number)) break;
      [heap[parent], heap[i]] = [heap[i] as number, heap[parent] as number];
      i = parent;
    }
  };
  const pop = (): number => {
    const top = heap[0] as number;
    const last = heap.pop() as number;
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && (z[heap[l] as number] as number) < (z[heap[m] as number] as number)) m = l;
        if (r < heap.length && (z[heap[r] as number] as number) < (z[heap[m] as number] as number)) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i] as number, heap[m] as number];
        i = m;
      }
    }
    return top;
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
  while (heap.length > 0) {
    const c = pop();
    const zc = z[c] as number;
    if (zc < level) return { sill: level, cells: cells.filter((k) => (z[k] as number) < level) };
    level = zc;
    cells.push(c);
    for (const k of neighbours(c)) if (!queued[k]) push(k);
  }
  return { sill: Infinity, cells };
}
