/**
 * Cascading failure between interdependent lifeline components, over time. Each component may
 * depend on groups of suppliers: it needs every group, and a group is met while any one of its
 * members still works (a hospital needs the grid *or* its generator; a pumping station needs
 * power *and* its intake). A group may carry backup hours (batteries, diesel, storage): its loss
 * fails the dependent that many hours after the group's last member fails.
 *
 *   fail(c) = min( initial(c),  min over groups g of  max over s ∈ g of fail(s) + backup(g) )
 *
 * With backups ≥ 0 this is a label-setting problem like Dijkstra's: components are settled in
 * order of failure time, and a group's time is known once all its members are settled. Cycles of
 * dependency are fine (they fail together or not at all). Returns Infinity for components that
 * never fail within the events given.
 */
export interface DependencyGroup {
  suppliers: number[];
  backupHours: number;
}

export interface CascadeResult {
  /** Hours from the start at which each component fails; Infinity if it does not. */
  failsAtH: Float64Array;
  /** What failed it: −1 initial failure (or none), else the index of the group (in its component's list). */
  causeGroup: Int32Array;
}

export function cascadeFailures(components: number, dependsOn: readonly (readonly DependencyGroup[])[], initialFailuresH: ReadonlyMap<number, number>): CascadeResult {
  const failsAtH = new Float64Array(components).fill(Infinity);
  const causeGroup = new Int32Array(components).fill(-1);
  const settled = new Uint8Array(components);
  // Which (component, group) pairs each supplier belongs to, and how many members of each group are still working.
  const memberships: { component: number; group: number }[][] = Array.from({ length: components }, () => []);
  const remaining: Int32Array[] = dependsOn.map((groups) => Int32Array.from(groups, (g) => g.suppliers.length));
  const latest: Float64Array[] = dependsOn.map((groups) => new Float64Array(groups.length));
  dependsOn.forEach((groups, c) => groups.forEach((g, k) => {
    if (g.backupHours < 0) throw new RangeError(`component ${c}, group ${k}: backup hours must be ≥ 0`);
    for (const s of g.suppliers) {
      if (s < 0 || s >= components) throw new RangeError(`component ${c}, group ${k}: supplier ${s} outside 0…${components - 1}`);
      (memberships[s] as { component: number; group: number }[]).push({ component: c, group: k });
    }
  }));
  const heap: [number, number][] = [];
  const push = (t: number, c: number): void => {
    heap.push([t, c]);
    let i = heap.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((heap[p] as [number, number])[0] <= t) break;
      [heap[p], heap[i]] = [heap[i] as [number, number], heap[p] as [number, number]];
      i = p;
    }
  };
  const pop = (): [number, number] => {
    const top = heap[0] as [number, number];
    const last = heap.pop() as [number, number];
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && (heap[l] as [number, number])[0] < (heap[m] as [number, number])[0]) m = l;
        if (r < heap.length && (heap[r] as [number, number])[0] < (heap[m] as [number, number])[0]) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i] as [number, number], heap[m] as [number, number]];
        i = m;
      }
    }
    return top;
  };
  for (const [c, t] of initialFailuresH) {
    if (t < (failsAtH[c] as number)) {
      failsAtH[c] = t;
      push(t, c);
    }
  }
  while (heap.length > 0) {
    const [t, c] = pop();
    if (settled[c] || t > (failsAtH[c] as number)) continue;
    settled[c] = 1;
    for (const { component, group } of memberships[c] as { component: number; group: number }[]) {
      if (settled[component]) continue;
      const left = remaining[component] as Int32Array;
      const times = latest[component] as Float64Array;
      left[group] = (left[group] as number) - 1;
      times[group] = Math.max(times[group] as number, t);
      if (left[group] !== 0) continue;
      const candidate = (times[group]) + ((dependsOn[component] as readonly DependencyGroup[])[group] as DependencyGroup).backupHours;
      if (candidate < (failsAtH[component] as number)) {
        failsAtH[component] = candidate;
        causeGroup[component] = group;
        push(candidate, component);
      }
    }
  }
  return { failsAtH, causeGroup };
}
