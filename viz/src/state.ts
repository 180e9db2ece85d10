/**
 * The viewer's state and its transitions. Transitions are plain functions from a state to the
 * next, so the rules (what opening a run resets, what the time slider spans, what a cut toggles)
 * are tested in Node; main.ts calls them and redraws.
 */
import type { ScenarioFile, Summary, WhatIf } from './api.js';
import type { Lang } from './i18n/i18n.js';
import { LAYERS, type LayerId } from './layers/index.js';

export const METRICS = ['population', 'displaced', 'unsheltered', 'power', 'water', 'pga', 'flood-exposed', 'flood-depth'] as const;
export type Metric = (typeof METRICS)[number];

/** A raster run's depth frames and where they lie (or the benchmark's synthetic frames). */
export interface DepthFrames {
  nx: number;
  ny: number;
  corners?: [number, number][] | undefined;
  timesS: number[];
  depths: Float32Array[];
  fullDepthM: number;
  pixels: Uint8ClampedArray<ArrayBuffer>;
}

export interface AppState {
  lang: Lang;
  runId?: string | undefined;
  summary?: Summary | undefined;
  /** The opened run's scenario file: its hazards (epicentre, rupture) and calendar start. */
  scenario?: ScenarioFile | undefined;
  compare?: Summary | undefined;
  whatIf?: WhatIf | undefined;
  /** Targets cut in the what-if: component ids or `corridor:<id>`. */
  cuts: string[];
  /** Clicking a lifeline cuts it only in cut mode; otherwise clicks inspect (a station shows its hydrograph). */
  cutMode: boolean;
  metric: Metric;
  timeH: number;
  maxH: number;
  stepH: number;
  grid?: DepthFrames | undefined;
  visible: Record<LayerId, boolean>;
  zoom: number;
}

/** The whole region in view, a little east of centre so the legend column on the right covers sea, not land. */
export const REGION_VIEW = { longitude: 117.3, latitude: 39.3, zoom: 5.95 };

export function initialState(lang: Lang): AppState {
  return {
    lang, cuts: [], cutMode: false, metric: 'population', timeH: 120, maxH: 120, stepH: 1, zoom: REGION_VIEW.zoom,
    visible: Object.fromEntries(LAYERS.map((l) => [l.id, l.defaultVisible])),
  };
}

/** The last hour worth showing: the flood's hydrographs, the lifelines' failures and repairs, at least a day. */
export function runHours(summary: Summary): number {
  const floodHours = (summary.flood?.stations[0]?.hourlyM3s.length ?? 1) - 1;
  const events = (summary.lifelines?.failedComponents ?? []).flatMap((f) => [f.atH, f.restoredAtH ?? 0]);
  return Math.max(24, Math.ceil(Math.max(0, floodHours, ...events)));
}

/** A region run opened: what-if, cuts and raster frames go; the slider spans the run, at its end; impact shows. */
export function openedRun(state: AppState, runId: string, summary: Summary, scenario: ScenarioFile | undefined): AppState {
  const maxH = runHours(summary);
  // A metric the run has nothing for (PGA for a flood, flood depth for an earthquake) gives way to its main impact.
  const empty = (state.metric === 'pga' && !summary.quake) || (state.metric.startsWith('flood') && !summary.flood);
  const metric: Metric = (state.metric === 'population' || empty) && summary.evacuation ? (summary.flood ? 'flood-depth' : 'displaced') : state.metric;
  return { ...state, runId, summary, scenario, whatIf: undefined, cuts: [], grid: undefined, maxH, stepH: 1, timeH: maxH, metric };
}

/** A raster run (or frames) opened: no zones; the slider steps through the frames. */
export function openedFrames(state: AppState, runId: string | undefined, grid: DepthFrames): AppState {
  const lastH = (grid.timesS.at(-1) ?? 0) / 3600;
  const stepH = grid.timesS.length > 1 ? ((grid.timesS[1] ?? 0) - (grid.timesS[0] ?? 0)) / 3600 : lastH;
  return { ...state, runId, summary: undefined, scenario: undefined, whatIf: undefined, cuts: [], grid, maxH: lastH, stepH, timeH: lastH };
}

/** Cuts `target`, or restores it when already cut. */
export function toggledCut(state: AppState, target: string): AppState {
  const cuts = state.cuts.includes(target) ? state.cuts.filter((c) => c !== target) : [...state.cuts, target];
  return { ...state, cuts, ...(cuts.length === 0 ? { whatIf: undefined } : {}) };
}

export const atTime = (state: AppState, timeH: number): AppState => ({ ...state, timeH: Math.min(Math.max(timeH, 0), state.maxH) });
