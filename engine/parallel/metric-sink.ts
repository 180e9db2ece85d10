/**
 * Where a realization writes: scalar metrics by name, and fields (per zone, per node, …) filled in
 * place. The ensemble gathers both over realizations; every stage writes through it.
 */
export interface MetricSink {
  scalar(name: string, value: number): void;
  /** A zero-filled array of `width` slots (zones, nodes, …), to fill for this realization. */
  field(name: string, width: number): Float64Array;
}
