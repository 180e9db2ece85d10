import { sameGrid, type Raster } from '../../io/raster.js';
import { BOUNDARY_CODES, closedFaces, DEFAULT_SOLVER_OPTIONS, type BoundaryKind, type BoundarySource, type GridModel, type PointSource, type SolverOptions, type TimeSeries } from './model.js';

/** A condition on part of a domain edge: cells whose centres lie in [from, to] along the edge (CRS units; whole edge if omitted). */
export interface EdgeCondition {
  side: 'N' | 'S' | 'E' | 'W';
  from?: number;
  to?: number;
  kind: BoundaryKind;
  /** Stage (m) for hfix, unit-width flow (m²/s) into the domain for qfix, slope for free. */
  value?: number;
  series?: TimeSeries;
}

/** A flow (m³/s) or stage (m) in the cell holding (x, y). */
export interface PointCondition {
  x: number;
  y: number;
  kind: Exclude<BoundaryKind, 'closed' | 'free'>;
  value?: number;
  series?: TimeSeries;
}

export interface GridModelInput {
  dem: Raster;
  manning: number | Raster;
  initialDepth?: Raster;
  edges?: EdgeCondition[];
  points?: PointCondition[];
  /** Rain rate (m/s) in time, uniform over the grid. */
  rain?: TimeSeries;
  options: Partial<SolverOptions> & Pick<SolverOptions, 'simTime'>;
}

/** Problems in a model's inputs, as sentences naming the item; empty when the model is sound. */
export class GridModelError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

function seriesOf(kind: BoundaryKind, value: number | undefined, series: TimeSeries | undefined, what: string, problems: string[]): TimeSeries {
  if (kind.endsWith('var')) {
    if (!series || series.t.length === 0 || series.t.length !== series.v.length) problems.push(`${what}: ${kind.toUpperCase()} needs a time series`);
    else if (series.t.some((t, k) => k > 0 && t <= (series.t[k - 1] as number))) problems.push(`${what}: time series times must increase`);
    return series ?? { t: [0], v: [0] };
  }
  if (kind === 'hfix' || kind === 'qfix') {
    if (value === undefined || !Number.isFinite(value)) problems.push(`${what}: ${kind.toUpperCase()} needs a value`);
    return { t: [0], v: [value ?? 0] };
  }
  return { t: [0], v: [0] };
}

/** Compiles DEM, friction and conditions into the solver's model, checking what the solver relies on. */
export function buildGridModel(input: GridModelInput): GridModel {
  const { dem } = input;
  const { nx, ny, cellSize: dx } = dem;
  const problems: string[] = [];
  const options: SolverOptions = { ...DEFAULT_SOLVER_OPTIONS, outputTimes: [], ...input.options };
  if (!(options.simTime > 0)) problems.push(`sim_time must be > 0, got ${options.simTime}`);
  if (!(options.alpha > 0 && options.alpha <= 1)) problems.push(`CFL coefficient must be in (0, 1], got ${options.alpha}`);
  if (!(options.theta >= 0 && options.theta <= 1)) problems.push(`theta must be in [0, 1], got ${options.theta}`);
  if (!(options.maxDt > 0)) problems.push(`maximum time step must be > 0, got ${options.maxDt}`);

  const manning = new Float64Array(nx * ny);
  let missing = 0;
  if (typeof input.manning === 'number') {
    if (!(input.manning >= 0)) problems.push(`Manning's n must be ≥ 0, got ${input.manning}`);
    manning.fill(input.manning);
  } else if (!sameGrid(input.manning, dem)) {
    problems.push("Manning's n raster must have the DEM's grid");
  } else {
    input.manning.data.forEach((n, c) => {
      // Off the DEM's data nothing flows, so n does not matter there; on it, a missing n would mean no friction.
      if (Number.isNaN(n) && !Number.isNaN(dem.data[c])) missing++;
      manning[c] = Number.isNaN(n) ? 0 : n;
    });
    if (missing > 0) problems.push(`Manning's n raster has no value on ${missing} cell(s) where the DEM has ground`);
    if (manning.some((n) => n < 0)) problems.push("Manning's n raster has negative values");
  }
  const h0 = new Float64Array(nx * ny);
  if (input.initialDepth) {
    if (!sameGrid(input.initialDepth, dem)) problems.push("the start (initial depth) raster must have the DEM's grid");
    else input.initialDepth.data.forEach((h, c) => { h0[c] = Number.isNaN(h) ? 0 : Math.max(h, 0); });
  }

  const sources: BoundarySource[] = [];
  const faces = closedFaces(nx, ny);
  (input.edges ?? []).forEach((edge, k) => {
    const what = `boundary ${k + 1} (${edge.side} ${edge.kind.toUpperCase()})`;
    const source = sources.length;
    const slope = edge.kind === 'free' ? edge.value : undefined;
    sources.push({ kind: edge.kind, series: seriesOf(edge.kind, edge.value, edge.series, what, problems), ...(slope !== undefined ? { slope } : {}) });
    const horizontal = edge.side === 'N' || edge.side === 'S';
    const count = horizontal ? nx : ny;
    const code = faces.faceCode[{ N: 'north', S: 'south', E: 'east', W: 'west' }[edge.side] as 'north'];
    const index = faces.faceSource[{ N: 'north', S: 'south', E: 'east', W: 'west' }[edge.side] as 'north'];
    let hits = 0;
    for (let k2 = 0; k2 < count; k2++) {
      const along = horizontal ? dem.xll + (k2 + 0.5) * dx : dem.yll + (ny - k2 - 0.5) * dx;
      if ((edge.from === undefined || along >= Math.min(edge.from, edge.to ?? edge.from)) && (edge.to === undefined || along <= Math.max(edge.from ?? edge.to, edge.to))) {
        code[k2] = BOUNDARY_CODES[edge.kind];
        index[k2] = source;
        hits++;
      }
    }
    if (hits === 0) problems.push(`${what}: the range ${edge.from ?? ''}–${edge.to ?? ''} covers no cell of the ${edge.side} edge`);
    if (edge.kind === 'free' && missing === 0 && manning.some((n) => n <= 0)) problems.push(`${what}: FREE needs Manning's n > 0`);
  });

  const points: PointSource[] = [];
  (input.points ?? []).forEach((p, k) => {
    const what = `point ${k + 1} (${p.x}, ${p.y})`;
    const col = Math.floor((p.x - dem.xll) / dx);
    const row = Math.floor((dem.yll + ny * dx - p.y) / dx);
    if (col < 0 || col >= nx || row < 0 || row >= ny) {
      problems.push(`${what}: outside the DEM`);
      return;
    }
    if (Number.isNaN(dem.data[row * nx + col])) problems.push(`${what}: falls on a no-data cell`);
    points.push({ cell: row * nx + col, source: sources.length });
    sources.push({ kind: p.kind, series: seriesOf(p.kind, p.value, p.series, what, problems) });
  });

  if (problems.length > 0) throw new GridModelError(problems);
  return {
    nx, ny, dx, z: Float64Array.from(dem.data), manning, h0, ...faces, sources, points,
    ...(input.rain ? { rain: input.rain } : {}), options,
  };
}
