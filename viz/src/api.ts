/** The Renxing API as the viewer uses it (DESIGN §7); types mirror the engine's summary contract. */
import type { Feature, FeatureCollection, Geometry } from 'geojson';

export interface ZoneResult {
  id: string;
  name: string;
  nameZh?: string;
  population: number;
  band: string | null;
  circles?: string[];
  quake?: { intensity: number; pgaG: number; sa10G?: number };
  displaced?: number;
  /** Of the displaced, those seeking a public shelter place (runs from issue 19 on). */
  seekingShelter?: number;
  evacuation?: { sheltered: number; unsheltered: number };
  serviceLoss?: Record<string, number>;
  flood?: { maxDepthM: number; floodedAreaKm2: number; populationExposed: number; byDepthBand: Record<string, number> };
}

export interface FloodedArea { id: string; name: string; kind: string; probability: number; floodedFromH: number; maxStageM: number; floodedAreaKm2: number; populationExposed: number; hourlyStageM: number[] }
export interface LeveeFailure { id: string; reach: string; kind: 'overtopping' | 'breach'; atH: number; volumeM3: number; probability: number; floods?: string }

export interface AidTransfer { resource: string; unit: string; fromCircle: string; toCircle: string; amount: number; via: string[] }

export interface Evacuation {
  displaced: number; seekers: number; shelterCapacity: number; sheltered: number; unsheltered: number; clearanceTimeH: number;
  shelters: { id: string; zone: string; capacity: number; occupancy: number }[];
  roads: { id: string; from: string; to: string; people: number; capacityPerH: number; corridor?: string }[];
}

export interface FailedComponent { id: string; system: string; cause: string; atH: number; restoredAtH?: number }

export interface Summary {
  scenario: string;
  /** Shown next to the figures (a flood run's limits, for instance). */
  caveats?: string[];
  scenarioTitle: string;
  realizations: number;
  totals: { zones: number; population: number };
  circles: { id: string; name: string; nameZh?: string; ring: number }[];
  zones: ZoneResult[];
  quake?: {
    events?: { ms: number; depthKm: number; epicenter: [number, number]; ruptureLengthKm?: number; strikeDeg?: number }[];
    damage?: { deaths: Stats; displaced: Stats; seriousInjuries: Stats };
  };
  flood?: {
    detentionBasins: { id: string; name: string; activated: boolean; activatedAtH?: number; maxStoredM3?: number; residents: number }[];
    stations: { id: string; name: string; peakDischargeM3s: number; peakTimeH: number; hourlyM3s: number[] }[];
    floodedAreas: FloodedArea[];
    leveeFailures: LeveeFailure[];
    exposure: { populationExposed: Stats; displacedByDepth: Stats; displacementDepthM: number; byDepthBand: Record<string, Stats> };
  };
  lifelines?: {
    failedComponents: FailedComponent[];
    unservedPopulation: Record<string, number>;
    residentsWithoutFor?: Record<string, Record<string, number>>;
    restoration?: { day: number; atH: number; unservedPopulation: Record<string, { mean: number; p05: number; p95: number }> }[];
    quakeDamage?: { id: string; fragility: string; probabilityOutOfService: number; probabilityDownAtHorizon: number }[];
    backupRoutes?: BackupRoute[];
  };
  evacuation?: Evacuation;
  mutualAid?: AidTransfer[];
  aid?: { totals: Record<string, { need: number; given: number; unmet: number; unit: string }> };
  ensemble?: Record<string, Stats>;
}

export interface Stats { mean: number; p05: number; p50: number; p95: number }

/** A raster-domain run's summary (the 2D solver's, plus where the raster lies and its frames). */
export interface GridSummary {
  kind: 'grid';
  scenario: string;
  scenarioTitle: string;
  maxDepthM: number;
  floodedAreaKm2: number;
  simTimeS: number;
  steps: number;
  maxRelativeMassError: number;
  raster: { nx: number; ny: number; cellSize: number; epsg?: number; cornersLonLat?: [number, number][]; frames: { tS: number; layer: string }[]; maxDepthLayer: string };
}

export interface BackupRoute { system: string; unmet: number; rerouted: number; takingLoad: { via: string; extraPeople: number }[]; bottlenecks: { id: string; corridor?: string }[] }

export interface WhatIf {
  failedComponents: FailedComponent[];
  unservedPopulation: Record<string, number>;
  zones: { id: string; serviceLoss: Record<string, number> }[];
  backupRoutes?: BackupRoute[];
  evacuation?: Evacuation;
  mutualAid?: AidTransfer[];
  aid?: Record<string, { need: number; given: number; unmet: number; unit: string }>;
}

export interface RunRecord { id: string; scenarioId: string; title: string; status: string; progress: number; createdAt: string; error?: { code?: string; message: string; details?: unknown[] } | null }
export interface ScenarioInfo { id: string; title: string; titleZh?: string; region: string }

/** An API error: its code, message and the details that name each cause (`path: message`). */
export class ApiError extends Error {
  constructor(readonly code: string, message: string, readonly details: { path?: string; message?: string }[]) {
    super(message);
  }
}

/**
 * An error body as one readable line: the message, then each detail (`path: message`). The
 * details are what name the cause (a DEM outside the data folders, a missing file, an unknown
 * reach), so they are never dropped.
 */
export function describeError(body: { code?: string; message?: string; details?: unknown[] }, fallback: string): string {
  const details = (body.details ?? []).flatMap((d) => {
    if (typeof d !== 'object' || d === null) return [String(d)];
    const { path, message } = d as { path?: string; message?: string };
    return message ? [path ? `${path}: ${message}` : message] : [];
  });
  return [body.message ?? fallback, ...details].join(' — ');
}

/** A scenario file as the API serves it; the viewer edits the hazards' main parameters. */
export interface ScenarioFile {
  id: string;
  title: string;
  hazards: ({ type: 'earthquake'; magnitude: number; epicenter: [number, number]; depthKm: number } | { type: 'rainfall'; totalsMm?: Record<string, number>; uniformMm?: number } | { type: string })[];
  /** Calendar time of hour 0, for replays (ISO 8601 with offset). */
  startsAt?: string;
  options?: { realizations?: number; seed?: number; horizonH?: number };
  [key: string]: unknown;
}
export type Layer = FeatureCollection<Geometry, Record<string, unknown>>;
export type LayerFeature = Feature<Geometry, Record<string, unknown>>;

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  const body = (await response.json()) as T & { code?: string; message?: string; details?: unknown[] };
  if (!response.ok) throw new ApiError(body.code ?? String(response.status), describeError(body, response.statusText), (body.details ?? []) as { path?: string; message?: string }[]);
  return body;
}

export const api = {
  scenarios: () => json<ScenarioInfo[]>('/scenarios'),
  runs: () => json<RunRecord[]>('/runs'),
  run: (id: string) => json<RunRecord>(`/runs/${id}`),
  regionLayer: (region: string, name: string) => json<Layer>(`/regions/${region}/layers/${name}`),
  summary: (id: string) => json<Summary | GridSummary>(`/runs/${id}/summary`),
  /** A raw Float32 raster layer (little-endian, row 0 north). */
  float32Layer: async (id: string, name: string): Promise<Float32Array> => {
    const response = await fetch(`/runs/${id}/layers/${name}`);
    if (!response.ok) throw new Error(`layer ${name}: ${response.status} ${response.statusText}`);
    return new Float32Array(await response.arrayBuffer());
  },
  runLayer: (id: string, name: string) => json<Layer>(`/runs/${id}/layers/${name}`),
  scenario: (id: string) => json<ScenarioFile>(`/scenarios/${id}`),
  /** The scenario file a run ran (its hazards, its calendar start). */
  runScenario: (id: string) => json<ScenarioFile>(`/runs/${id}/scenario`),
  start: (scenario: { scenarioId: string } | { scenario: ScenarioFile }, options: { realizations?: number; seed?: number }) =>
    json<{ id: string; status: string }>('/runs', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...scenario, options }) }),
  whatIf: (runId: string, cut: string[]) =>
    json<WhatIf>('/whatif', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ runId, cut }) }),
};

/** Resolves when the run ends, reporting progress from the server-sent events. */
export function follow(id: string, onProgress: (record: RunRecord) => void, lostMessage: string): Promise<RunRecord> {
  return new Promise((resolve, reject) => {
    const events = new EventSource(`/runs/${id}/events`);
    events.addEventListener('status', (event) => {
      const record = JSON.parse((event as MessageEvent<string>).data) as RunRecord;
      onProgress(record);
      if (!['queued', 'running'].includes(record.status)) {
        events.close();
        resolve(record);
      }
    });
    events.onerror = () => {
      events.close();
      // The stream closes after the final status; ask once more to be sure how the run ended.
      api.run(id).then((record) => (['queued', 'running'].includes(record.status) ? reject(new Error(lostMessage)) : resolve(record)), reject);
    };
  });
}
