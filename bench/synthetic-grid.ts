/**
 * The max-flow benchmark grid shared by bench/lifelines.ts and bench/reference.ts: `size` × `size`
 * nodes, each joined to its four neighbours both ways with random capacities 1–100, the whole west
 * column fed from a source and the east column drained to a sink (the case where augmenting-path
 * methods can be pathological). Seeded: every run builds the same.
 */
import type { FlowEdge } from '../engine/lifelines/flow-graph.js';
import { createRng } from '../engine/parallel/rng.js';

export function flowGrid(size: number): { nodes: number; edges: FlowEdge[]; source: number; sink: number } {
  const source = size * size;
  const sink = source + 1;
  const rng = createRng(1, 0, 'grid');
  const capacity = (): number => 1 + Math.floor(rng.uniform() * 100);
  const edges: FlowEdge[] = [];
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      const v = j * size + i;
      if (i + 1 < size) edges.push({ from: v, to: v + 1, capacity: capacity() }, { from: v + 1, to: v, capacity: capacity() });
      if (j + 1 < size) edges.push({ from: v, to: v + size, capacity: capacity() }, { from: v + size, to: v, capacity: capacity() });
    }
    edges.push({ from: source, to: j * size, capacity: 1e9 }, { from: j * size + size - 1, to: sink, capacity: 1e9 });
  }
  return { nodes: size * size + 2, edges, source, sink };
}
