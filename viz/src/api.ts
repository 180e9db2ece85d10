/** The Renxing API as the viewer uses it (DESIGN §7); types mirror the engine's summary contract. */
import type { Feature, FeatureCollection, Geometry } from 'geojson';

export interface ZoneResult {
  id: string;
  name: string;
  nameZh?: string;
  population: number;
  band: string | null;
  quake?: { intensity: number; pgaG: number; sa10G?: number };
  displaced?: number;
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

export interface Summary {
  scenario: string;
  scenarioTitle: string;
  realizations: number;
  totals: { zones: number; population: number };
  circles: { id: string; name: string; nameZh?: string; ring: number }[];
  zones: ZoneResult[];
  quake?: { damage?: { deaths: Stats; displaced: Stats; seriousInjuries: Stats } };
  flood?: {
    detentionBasins: { id: string; name: string; activated: boolean; residents: number }[];
    stations: { id: string; name: string; peakDischargeM3s: number; peakTimeH: number; hourlyM3s: number[] }[];
    floodedAreas: FloodedArea[];
    leveeFailures: LeveeFailure[];
    exposure: { populationExposed: Stats; displacedByDepth: Stats; displacementDepthM: number; byDepthBand: Record<string, Stats> };
  };
  lifelines?: {
    failedComponents: { id: string; system: string; cause: string; atH: number; restoredAtH?: number }[];
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
  failedComponents: { id: string; system: string; atH: number }[];
  unservedPopulation: Record<string, number>;
  zones: { id: string; serviceLoss: Record<string, number> }[];
  backupRoutes?: BackupRoute[];
  evacuation?: Evacuation;
  mutualAid?: AidTransfer[];
  aid?: Record<string, { need: number; given: number; unmet: number; unit: string }>;
}

export interface RunRecord { id: string; scenarioId: string; title: string; status: string; progress: number; createdAt: string; error?: { message: string; details?: { path?: string; message?: string }[] } | null }
export interface ScenarioInfo { id: string; title: string; region: string }

/** A scenario file as the API serves it; the viewer edits the hazards' main parameters. */
export interface ScenarioFile {
  id: string;
  title: string;
  hazards: ({ type: 'earthquake'; magnitude: number; epicenter: [number, number]; depthKm: number } | { type: 'rainfall'; totalsMm?: Record<string, number>; uniformMm?: number } | { type: string })[];
  [key: string]: unknown;
}
export type Layer = FeatureCollection<Geometry, Record<string, unknown>>;
export type LayerFeature = Feature<Geometry, Record<string, unknown>>;

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  const body = (await response.json()) as T & { code?: string; message?: string };
  if (!response.ok) throw new Error(`${body.code ?? response.status}: ${body.message ?? response.statusText}`);
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
  start: (scenario: { scenarioId: string } | { scenario: ScenarioFile }, options: { realizations: number; seed: number }) =>
    json<{ id: string; status: string }>('/runs', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...scenario, options }) }),
  whatIf: (runId: string, cut: string[]) =>
    json<WhatIf>('/whatif', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ runId, cut }) }),
};

/** Resolves when the run ends, reporting progress from the server-sent events. */
export function follow(id: string, onProgress: (record: RunRecord) => void): Promise<RunRecord> {
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
      api.run(id).then((record) => (['queued', 'running'].includes(record.status) ? reject(new Error('lost the progress stream')) : resolve(record)), reject);
    };
  });
}
