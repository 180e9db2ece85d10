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
import { MinHeap } from '../core/min-heap.js';

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

/**
 * The dependency groups as flat arrays, built once per network (the cascade runs at every change of
 * a timeline, and most components depend on nothing): group g belongs to component `groupOwner[g]`,
 * has `groupSize[g]` suppliers and `groupBackup[g]` hours; supplier s is a member of the groups
 * `memberOf[memberStart[s] … memberStart[s + 1] − 1]`.
 */
interface CompiledDependencies {
  groupOwner: Int32Array;
  groupIndex: Int32Array;
  groupSize: Int32Array;
  groupBackup: Float64Array;
  memberStart: Int32Array;
  memberOf: Int32Array;
}

const compiledCache = new WeakMap<readonly (readonly DependencyGroup[])[], CompiledDependencies>();

function compileDependencies(components: number, dependsOn: readonly (readonly DependencyGroup[])[]): CompiledDependencies {
  const cached = compiledCache.get(dependsOn);
  if (cached && cached.memberStart.length === components + 1) return cached;
  const owner: number[] = [];
  const index: number[] = [];
  const size: number[] = [];
  const backup: number[] = [];
  const counts = new Int32Array(components + 1);
  dependsOn.forEach((groups, c) => groups.forEach((g, k) => {
    if (g.backupHours < 0) throw new RangeError(`component ${c}, group ${k}: backup hours must be ≥ 0`);
    for (const s of g.suppliers) {
      if (s < 0 || s >= components) throw new RangeError(`component ${c}, group ${k}: supplier ${s} outside 0…${components - 1}`);
      counts[s + 1] = (counts[s + 1] as number) + 1;
    }
    owner.push(c);
    index.push(k);
    size.push(g.suppliers.length);
    backup.push(g.backupHours);
  }));
  for (let s = 0; s < components; s++) counts[s + 1] = (counts[s + 1] as number) + (counts[s] as number);
  const memberOf = new Int32Array(counts[components] as number);
  const fill = counts.slice(0, components);
  let g = 0;
  for (const groups of dependsOn) {
    for (const group of groups) {
      for (const s of group.suppliers) {
        memberOf[fill[s] as number] = g;
        fill[s] = (fill[s] as number) + 1;
      }
      g++;
    }
  }
  const compiled = { groupOwner: Int32Array.from(owner), groupIndex: Int32Array.from(index), groupSize: Int32Array.from(size), groupBackup: Float64Array.from(backup), memberStart: counts, memberOf };
  compiledCache.set(dependsOn, compiled);
  return compiled;
}

export function cascadeFailures(components: number, dependsOn: readonly (readonly DependencyGroup[])[], initialFailuresH: ReadonlyMap<number, number>): CascadeResult {
  const deps = compileDependencies(components, dependsOn);
  const failsAtH = new Float64Array(components).fill(Infinity);
  const causeGroup = new Int32Array(components).fill(-1);
  const settled = new Uint8Array(components);
  // How many members of each group are still working, and when its latest failed member went.
  const remaining = deps.groupSize.slice();
  const latest = new Float64Array(remaining.length);
  const heap = new MinHeap();
  for (const [c, t] of initialFailuresH) {
    if (t < (failsAtH[c] as number)) {
      failsAtH[c] = t;
      heap.push(t, c);
    }
  }
  while (heap.size > 0) {
    const [t, c] = heap.pop();
    if (settled[c] || t > (failsAtH[c] as number)) continue;
    settled[c] = 1;
    for (let m = deps.memberStart[c] as number; m < (deps.memberStart[c + 1] as number); m++) {
      const group = deps.memberOf[m] as number;
      const component = deps.groupOwner[group] as number;
      if (settled[component]) continue;
      remaining[group] = (remaining[group] as number) - 1;
      latest[group] = Math.max(latest[group] as number, t);
      if (remaining[group] !== 0) continue;
      const candidate = (latest[group]) + (deps.groupBackup[group] as number);
      if (candidate < (failsAtH[component] as number)) {
        failsAtH[component] = candidate;
        causeGroup[component] = deps.groupIndex[group] as number;
        heap.push(candidate, component);
      }
    }
  }
  return { failsAtH, causeGroup };
}
