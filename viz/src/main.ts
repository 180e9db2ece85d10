/**
 * Renxing's viewer: run a scenario, see its impact map, cut lifelines and watch the consequences,
 * compare runs. Everything comes from the API at the same origin; the basemap is Natural Earth
 * land bundled from the `world-atlas` package, so it works without internet.
 */
import { Deck, MapView, WebMercatorViewport, type PickingInfo } from '@deck.gl/core';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import landTopology from 'world-atlas/land-50m.json';
import { api, follow, type GridSummary, type Layer, type LayerFeature, type ScenarioFile, type Summary, type WhatIf } from './api.js';
import { int, makeScale, share } from './colours.js';
import { bandEdges, centroid } from './geometry.js';
import { rasterScenario } from './raster-form.js';
import { buildLayers, LAYER_LABELS, LAYER_NAMES, type LayerName, type MapData, type MapResults } from './layers.js';
import { lifelineRows, setStatus, showAid, showBackupRoutes, showCuts, showDifference, showGridTotals, showHydrograph, showLegend, showTotals } from './panels.js';
import { depthLegend, depthToRgba, frameAt } from './raster.js';

const REGION = 'capital';
const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

interface State {
  runId?: string;
  summary?: Summary | undefined;
  compare?: Summary | undefined;
  whatIf?: WhatIf | undefined;
  cuts: string[];
  metric: string;
  timeH: number;
  /** A raster-domain run: its frames (times and depths) and where it lies. */
  grid?: DepthFrames | undefined;
  visible: Record<LayerName, boolean>;
}

interface DepthFrames {
  nx: number;
  ny: number;
  corners?: [number, number][] | undefined;
  timesS: number[];
  depths: Float32Array[];
  fullDepthM: number;
  pixels: Uint8ClampedArray<ArrayBuffer>;
}

const state: State = { cuts: [], metric: 'population', timeH: 120, visible: Object.fromEntries(LAYER_NAMES.map((n) => [n, true])) as Record<LayerName, boolean> };

const land = feature(landTopology as unknown as Topology, (landTopology as unknown as Topology).objects['land'] as GeometryCollection) as unknown as Layer;
const [cells, seats, lifelines, shelters, rivers, scenarios] = await Promise.all([
  api.regionLayer(REGION, 'zone-cells'), api.regionLayer(REGION, 'zones'), api.regionLayer(REGION, 'lifelines'),
  api.regionLayer(REGION, 'shelters'), api.regionLayer(REGION, 'rivers'), api.scenarios(),
]);
const seatOf = new Map(seats.features.map((f) => [String(f.properties['id']), centroid(f)]));
const nodeAt = new Map<string, [number, number]>([...seatOf]);
for (const f of lifelines.features) if (f.geometry.type === 'Point') nodeAt.set(String(f.properties['id']), f.geometry.coordinates as [number, number]);
const residents = new Map(seats.features.map((f) => [String(f.properties['id']), Number(f.properties['population'] ?? 0)]));
const data: MapData = { land, cells, circleEdges: [], rivers, lifelines, shelters };

const REGION_VIEW = { longitude: 116.6, latitude: 39.3, zoom: 5.9 };
const deck = new Deck({
  parent: $<HTMLDivElement>('map'),
  views: new MapView({ repeat: false }),
  initialViewState: REGION_VIEW,
  controller: true,
  deviceProps: { webgl: { preserveDrawingBuffer: true } },
  getTooltip: (info: PickingInfo) => tooltip(info),
  layers: [],
});

function zoneValue(summary: Summary | undefined, metric: string): (id: string) => number {
  if (!summary) return (id) => (metric === 'population' ? (residents.get(id) ?? Number.NaN) : Number.NaN);
  const zones = new Map(summary.zones.map((z) => [z.id, z]));
  const whatIfLoss = new Map((state.whatIf?.zones ?? []).map((z) => [z.id, z.serviceLoss]));
  return (id) => {
    const z = zones.get(id);
    if (!z) return Number.NaN;
    switch (metric) {
      case 'population': return z.population;
      case 'displaced': return z.displaced ?? 0;
      case 'unsheltered': return z.evacuation?.unsheltered ?? 0;
      case 'power':
      case 'water': return (state.whatIf ? whatIfLoss.get(id)?.[metric] : z.serviceLoss?.[metric]) ?? 0;
      case 'pga': return z.quake?.pgaG ?? Number.NaN;
      case 'flood-exposed': return z.flood?.populationExposed ?? 0;
      case 'flood-depth': return z.flood?.maxDepthM ?? 0;
      default: return Number.NaN;
    }
  };
}

function circleCentres(summary: Summary): Map<string, [number, number]> {
  const acc = new Map<string, { x: number; y: number; w: number }>();
  for (const z of summary.zones) {
    const at = seatOf.get(z.id);
    if (!at || !z.band) continue;
    const a = acc.get(z.band) ?? { x: 0, y: 0, w: 0 };
    const w = Math.max(z.population, 1);
    a.x += at[0] * w;
    a.y += at[1] * w;
    a.w += w;
    acc.set(z.band, a);
  }
  return new Map([...acc].map(([id, a]) => [id, [a.x / a.w, a.y / a.w] as [number, number]]));
}

function redraw(): void {
  const { summary, compare, metric } = state;
  const value = zoneValue(summary, metric);
  const other = compare ? zoneValue(compare, metric) : undefined;
  const shown = other ? (id: string): number => value(id) - other(id) : value;
  const ids = cells.features.map((f) => String(f.properties['id']));
  const fraction = metric === 'power' || metric === 'water';
  const format = fraction ? share : metric === 'pga' ? (x: number): string => `${x.toFixed(2)} g` : metric === 'flood-depth' ? (x: number): string => `${x.toFixed(2)} m` : int;
  const scale = makeScale(ids.map(shown), format, Boolean(other));
  const label = ($<HTMLSelectElement>('metric').selectedOptions[0]?.textContent ?? metric) + (other ? ' — difference from the compared run' : '');
  if (state.grid) showLegend(`Water depth at ${Number(state.timeH.toFixed(2))} h`, depthLegend(state.grid.fullDepthM));
  else showLegend(label, scale);
  const evacuation = state.whatIf?.evacuation ?? summary?.evacuation;
  const failedAtH: MapResults['failedAtH'] = new Map();
  for (const f of state.whatIf?.failedComponents ?? summary?.lifelines?.failedComponents ?? []) {
    const { restoredAtH } = f as { restoredAtH?: number };
    failedAtH.set(f.id, { atH: f.atH, ...(restoredAtH !== undefined ? { restoredAtH } : {}), cut: 'cause' in f ? f.cause === 'outage' : state.cuts.includes(f.id) });
  }
  // Components the earthquake leaves out in at least half of the realizations count as cut at its hour.
  for (const d of summary?.lifelines?.quakeDamage ?? []) if (d.probabilityOutOfService >= 0.5 && !failedAtH.has(d.id)) failedAtH.set(d.id, { atH: 0, cut: true });
  const centres = summary ? circleCentres(summary) : new Map<string, [number, number]>();
  const transfers = state.whatIf?.mutualAid ?? summary?.mutualAid ?? [];
  const results: MapResults = {
    zoneValue: shown, scale, failedAtH, timeH: state.timeH,
    floodStage: new Map((summary?.flood?.floodedAreas ?? []).map((a) => [a.id, a.hourlyStageM])),
    occupancy: new Map((evacuation?.shelters ?? []).map((s) => [s.id, s.occupancy])),
    roads: (evacuation?.roads ?? []).flatMap((r) => {
      const a = nodeAt.get(r.from);
      const b = nodeAt.get(r.to);
      return a && b ? [{ path: [a, b], people: r.people, id: r.id }] : [];
    }),
    arcs: transfers.flatMap((t) => {
      const from = centres.get(t.fromCircle);
      const to = centres.get(t.toCircle);
      return from && to ? [{ ...t, from, to }] : [];
    }),
    ...(state.grid?.corners ? { depth: { image: depthImage(state.grid, state.timeH * 3600), corners: state.grid.corners } } : {}),
  };
  deck.setProps({ layers: buildLayers(data, results, state.visible, toggleCut, showStation) });
}

function tooltip(info: PickingInfo): string | null {
  const object = info.object as (LayerFeature & Record<string, unknown>) | undefined;
  if (!object) return null;
  if (info.layer?.id === 'zones') {
    const id = String(object.properties['id']);
    const z = state.summary?.zones.find((x) => x.id === id);
    const lines = [`${String(object.properties['name'])}${z?.nameZh ? ` ${z.nameZh}` : ''}`, `residents ${int(z?.population ?? residents.get(id) ?? 0)}`];
    if (z?.band) lines.push(`circle ${circleName(z.band)}`);
    if (z?.displaced !== undefined) lines.push(`displaced ${int(z.displaced)}`);
    if (z?.evacuation) lines.push(`sheltered ${int(z.evacuation.sheltered)}, unsheltered ${int(z.evacuation.unsheltered)}`);
    if (z?.quake) lines.push(`PGA ${z.quake.pgaG.toFixed(2)} g${z.quake.sa10G !== undefined ? `, Sa(1.0 s) ${z.quake.sa10G.toFixed(2)} g` : ''}, intensity ${z.quake.intensity.toFixed(1)}`);
    if (z?.flood) lines.push(`flooded ${z.flood.floodedAreaKm2.toFixed(1)} km², up to ${z.flood.maxDepthM.toFixed(2)} m deep, ${int(z.flood.populationExposed)} residents on it`);
    return lines.join('\n');
  }
  const flooded = state.summary?.flood?.floodedAreas.find((a) => a.id === object.properties?.['id']);
  if (info.layer?.id === 'rivers' && flooded) {
    const now = flooded.hourlyStageM[Math.min(Math.floor(state.timeH), flooded.hourlyStageM.length - 1)] ?? 0;
    return `${flooded.name}\nwater ${now.toFixed(2)} m at ${state.timeH} h (deepest ${flooded.maxStageM.toFixed(2)} m)\nflooded ${flooded.floodedAreaKm2.toFixed(1)} km² from ${flooded.floodedFromH.toFixed(1)} h\n${int(flooded.populationExposed)} residents on the flooded land`;
  }
  if (info.layer?.id === 'aid') {
    const t = object as unknown as { fromCircle: string; toCircle: string; amount: number; unit: string; resource: string; via: string[] };
    return `${circleName(t.fromCircle)} → ${circleName(t.toCircle)}\n${int(t.amount)} ${t.unit} of ${t.resource}\nvia ${t.via.join(', ')}`;
  }
  if (info.layer?.id === 'evacuation') {
    const r = object as unknown as { id: string; people: number };
    return `${r.id}: ${int(r.people)} evacuees`;
  }
  const p = object.properties;
  if (!p) return null;
  const fields = ['name', 'nameZh', 'kind', 'system', 'corridor', 'capacity', 'beds'].filter((k) => p[k] !== undefined).map((k) => `${k} ${typeof p[k] === 'number' ? int(p[k]) : String(p[k])}`);
  if (info.layer?.id === 'lifelines') fields.push(...(state.summary ? lifelineRows(state.summary, state.whatIf, String(p['id'])) : []), 'click to cut or restore');
  return fields.join('\n');
}

function showStation(id: string): void {
  const station = state.summary?.flood?.stations.find((s) => s.id === id);
  if (station) showHydrograph(station);
  else setStatus(state.summary?.flood ? `${id} is not a gauged station` : 'Run a flood scenario to see hydrographs');
}

const circleName = (id: string): string => state.summary?.circles.find((c) => c.id === id)?.name ?? id;

/** The frame at time `tS`, coloured into the frames' reused pixel buffer. */
function depthImage(grid: DepthFrames, tS: number): ImageData {
  const depth = grid.depths[frameAt(grid.timesS, tS)] ?? new Float32Array(grid.nx * grid.ny);
  return new ImageData(depthToRgba(depth, grid.pixels, grid.fullDepthM), grid.nx, grid.ny);
}

/** Shows depth frames on the map with the slider over their times (a raster run, or the benchmark's frames). */
function showDepthFrames(frames: Omit<DepthFrames, 'pixels'>): void {
  state.grid = { ...frames, pixels: new Uint8ClampedArray(frames.nx * frames.ny * 4) };
  const slider = $<HTMLInputElement>('time');
  const lastH = (frames.timesS.at(-1) ?? 0) / 3600;
  const stepH = frames.timesS.length > 1 ? ((frames.timesS[1] ?? 0) - (frames.timesS[0] ?? 0)) / 3600 : lastH;
  slider.step = String(stepH);
  slider.max = String(lastH);
  slider.value = slider.max;
  state.timeH = lastH;
  $('time-out').textContent = `${Number(state.timeH.toFixed(2))} h`;
  redraw();
}

async function openGrid(id: string, grid: GridSummary): Promise<void> {
  state.summary = undefined;
  state.whatIf = undefined;
  state.cuts = [];
  data.circleEdges = [];
  showGridTotals(grid);
  showAid([], circleName);
  showBackupRoutes([]);
  showHydrograph(undefined);
  const depths = await Promise.all(grid.raster.frames.map((f) => api.float32Layer(id, f.layer)));
  showDepthFrames({ nx: grid.raster.nx, ny: grid.raster.ny, corners: grid.raster.cornersLonLat, timesS: grid.raster.frames.map((f) => f.tS), depths, fullDepthM: Math.max(grid.maxDepthM, 0.1) });
  const corners = grid.raster.cornersLonLat;
  if (corners) {
    // Fly to the raster: a flood domain is usually a few kilometres across, invisible at region scale.
    const lons = corners.map((c) => c[0]);
    const lats = corners.map((c) => c[1]);
    const map = $<HTMLDivElement>('map');
    const fit = new WebMercatorViewport({ width: map.clientWidth || 800, height: map.clientHeight || 600 })
      .fitBounds([[Math.min(...lons), Math.min(...lats)], [Math.max(...lons), Math.max(...lats)]], { padding: 60 });
    deck.setProps({ initialViewState: { longitude: fit.longitude, latitude: fit.latitude, zoom: fit.zoom } });
  } else setStatus('Run opened; its raster has no known CRS, so it is not drawn on the map');
  await refreshRuns();
}

async function openRun(id: string): Promise<void> {
  state.runId = id;
  const result = await api.summary(id);
  if ('kind' in result && result.kind === 'grid') {
    await openGrid(id, result);
    return;
  }
  // Back from a raster run (zoomed onto its few kilometres): show the region again.
  if (state.grid) deck.setProps({ initialViewState: REGION_VIEW });
  state.grid = undefined;
  $<HTMLInputElement>('time').step = '1';
  state.summary = result as Summary;
  state.whatIf = undefined;
  state.cuts = [];
  const bands = new Map(state.summary.zones.map((z) => [z.id, z.band]));
  data.circleEdges = bandEdges(cells, (zone) => bands.get(zone) ?? null);
  const floodHours = (state.summary.flood?.stations[0]?.hourlyM3s.length ?? 1) - 1;
  const last = Math.max(0, floodHours, ...(state.summary.lifelines?.failedComponents ?? []).map((f) => f.atH));
  const slider = $<HTMLInputElement>('time');
  slider.max = String(Math.max(24, Math.ceil(last)));
  slider.value = slider.max;
  state.timeH = Number(slider.max);
  $('time-out').textContent = `${state.timeH} h`;
  showTotals(state.summary);
  showAid(state.summary.mutualAid ?? [], circleName);
  showBackupRoutes(state.summary.lifelines?.backupRoutes ?? []);
  showHydrograph(undefined);
  showCuts(state.cuts, toggleCut);
  showDifference(state.summary, state.compare);
  if (state.summary.evacuation && state.metric === 'population') {
    state.metric = 'displaced';
    $<HTMLSelectElement>('metric').value = 'displaced';
  }
  redraw();
  await refreshRuns();
}

async function applyWhatIf(): Promise<void> {
  if (!state.runId || !state.summary) return;
  showCuts(state.cuts, toggleCut);
  if (state.cuts.length === 0) {
    state.whatIf = undefined;
    showTotals(state.summary);
    showAid(state.summary.mutualAid ?? [], circleName);
    showBackupRoutes(state.summary.lifelines?.backupRoutes ?? []);
    setStatus('What-if cleared');
    redraw();
    return;
  }
  setStatus('What-if…');
  const started = performance.now();
  state.whatIf = await api.whatIf(state.runId, state.cuts);
  showTotals(state.summary, state.whatIf);
  showAid(state.whatIf.mutualAid ?? state.summary.mutualAid ?? [], circleName);
  showBackupRoutes(state.whatIf.backupRoutes ?? []);
  setStatus(`What-if: ${state.cuts.length} cut(s), answered in ${Math.round(performance.now() - started)} ms`);
  redraw();
}

function toggleCut(target: string): void {
  state.cuts = state.cuts.includes(target) ? state.cuts.filter((t) => t !== target) : [...state.cuts, target];
  void applyWhatIf().catch(report);
}

async function refreshRuns(): Promise<void> {
  const runs = (await api.runs()).filter((r) => r.status === 'succeeded');
  for (const id of ['runs', 'compare']) {
    const select = $<HTMLSelectElement>(id);
    const keep = select.value;
    const first = id === 'compare' ? [new Option('(none)', '')] : [new Option('(choose)', '')];
    select.replaceChildren(...first, ...runs.map((r) => new Option(`${r.title} — ${r.createdAt.slice(0, 16).replace('T', ' ')} [${r.id.slice(0, 8)}]`, r.id)));
    select.value = runs.some((r) => r.id === keep) ? keep : '';
  }
  if (state.runId) $<HTMLSelectElement>('runs').value = state.runId;
}

function report(error: unknown): void {
  setStatus(`Error: ${error instanceof Error ? error.message : String(error)}`);
}

function download(name: string, url: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
}

// Controls.
const scenarioSelect = $<HTMLSelectElement>('scenario');
scenarioSelect.replaceChildren(...scenarios.filter((s) => s.region === REGION).map((s) => new Option(s.title, s.id)));
scenarioSelect.value = scenarios.some((s) => s.id === 'tangshan-1976') ? 'tangshan-1976' : (scenarios[0]?.id ?? '');
const corridors = [...new Set(lifelines.features.map((f) => f.properties['corridor']).filter((c): c is string => typeof c === 'string'))].sort();
$<HTMLSelectElement>('corridor').replaceChildren(...corridors.map((c) => new Option(c, `corridor:${c}`)));
$<HTMLFieldSetElement>('toggles').append(...LAYER_NAMES.map((name) => {
  const label = document.createElement('label');
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.id = `toggle-${name}`;
  box.checked = true;
  box.addEventListener('change', () => { state.visible[name] = box.checked; redraw(); });
  label.append(box, ` ${LAYER_LABELS[name]}`);
  return label;
}));

// Hazard editing: the chosen scenario's first earthquake and its storm totals, sent inline when changed.
let scenarioFile: ScenarioFile | undefined;
const quakeOf = (file: ScenarioFile | undefined) => file?.hazards.find((h): h is { type: 'earthquake'; magnitude: number; epicenter: [number, number]; depthKm: number } => h.type === 'earthquake');
async function loadScenarioForEditing(): Promise<void> {
  scenarioFile = await api.scenario(scenarioSelect.value);
  const quake = quakeOf(scenarioFile);
  $<HTMLFieldSetElement>('quake-edit').disabled = !quake;
  $<HTMLFieldSetElement>('rain-edit').disabled = !scenarioFile.hazards.some((h) => h.type === 'rainfall');
  $<HTMLInputElement>('magnitude').value = quake ? String(quake.magnitude) : '';
  $<HTMLInputElement>('epi-lon').value = quake ? String(quake.epicenter[0]) : '';
  $<HTMLInputElement>('epi-lat').value = quake ? String(quake.epicenter[1]) : '';
  $<HTMLInputElement>('depth').value = quake ? String(quake.depthKm) : '';
  $<HTMLInputElement>('rain-scale').value = '1';
}

/** The scenario with the edited parameters, or undefined when nothing was changed. */
function editedScenario(): { scenario: ScenarioFile } | undefined {
  if (scenarioFile?.id !== scenarioSelect.value) return undefined;
  const edited = structuredClone(scenarioFile);
  let changed = false;
  const quake = quakeOf(edited);
  if (quake) {
    const value = (id: string, current: number): number => {
      const v = Number($<HTMLInputElement>(id).value);
      if (Number.isFinite(v) && v !== current) changed = true;
      return Number.isFinite(v) ? v : current;
    };
    quake.magnitude = value('magnitude', quake.magnitude);
    quake.epicenter = [value('epi-lon', quake.epicenter[0]), value('epi-lat', quake.epicenter[1])];
    quake.depthKm = value('depth', quake.depthKm);
  }
  const scale = Number($<HTMLInputElement>('rain-scale').value);
  if (Number.isFinite(scale) && scale !== 1) {
    for (const h of edited.hazards) {
      if (h.type !== 'rainfall') continue;
      const rain = h as { totalsMm?: Record<string, number>; uniformMm?: number };
      if (rain.totalsMm) rain.totalsMm = Object.fromEntries(Object.entries(rain.totalsMm).map(([k, mm]) => [k, mm * scale]));
      if (rain.uniformMm !== undefined) rain.uniformMm *= scale;
      changed = true;
    }
  }
  if (!changed) return undefined;
  return { scenario: { ...edited, id: `${edited.id}-edited`, title: `${edited.title} (edited)` } };
}
// A run started while the newly chosen scenario is still loading waits for it, so it never sends the previous scenario's edits.
let scenarioLoading: Promise<void> = Promise.resolve();
scenarioSelect.addEventListener('change', () => {
  scenarioLoading = loadScenarioForEditing().catch(report);
});

$<HTMLFormElement>('run-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const button = $<HTMLButtonElement>('run');
  button.disabled = true;
  const options = { realizations: Number($<HTMLInputElement>('realizations').value), seed: Number($<HTMLInputElement>('seed').value) };
  void (async () => {
    await scenarioLoading;
    await runAndOpen(editedScenario() ?? { scenarioId: scenarioSelect.value }, options);
  })().catch(report).finally(() => { button.disabled = false; });
});

/** Starts a run, shows its progress, and opens it on the map when it succeeds. */
async function runAndOpen(scenario: Parameters<typeof api.start>[0], options: { realizations: number; seed: number }): Promise<void> {
  const { id } = await api.start(scenario, options);
  setStatus('Queued');
  const record = await follow(id, (r) => {
    $<HTMLProgressElement>('progress').value = r.progress;
    setStatus(r.status === 'succeeded' ? 'Loading the results…' : `${r.status} ${Math.round(r.progress * 100)}%`);
  });
  if (record.status !== 'succeeded') throw new Error(`run ${record.status}${record.error ? `: ${[record.error.message, ...(record.error.details ?? []).map((d) => `${d.path ?? ''}: ${d.message ?? ''}`)].join('; ')}` : ''}`);
  await openRun(id);
  setStatus(`Run ${id.slice(0, 8)} succeeded`);
}
$<HTMLFormElement>('raster-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const number = (id: string): number | undefined => {
    const text = $<HTMLInputElement>(id).value.trim();
    return text === '' ? undefined : Number(text);
  };
  const text = (id: string): string | undefined => $<HTMLInputElement>(id).value.trim() || undefined;
  const free = $<HTMLSelectElement>('raster-free').value;
  const { scenario, problems } = rasterScenario({
    dem: text('raster-dem'), manning: number('raster-n'), durationH: number('raster-hours'), outputEveryH: number('raster-every'), epsg: number('raster-epsg'),
    freeEdge: free === 'N' || free === 'S' || free === 'E' || free === 'W' ? free : undefined,
    inflowX: number('raster-x'), inflowY: number('raster-y'), inflowM3s: number('raster-q'),
    riverScenario: text('raster-river'), riverReach: text('raster-reach'), riverStartH: number('raster-start'), rainMmPerH: number('raster-rain'),
  });
  if (!scenario) {
    setStatus(`Error: ${problems.join('; ')}`);
    return;
  }
  const button = $<HTMLButtonElement>('raster-run');
  button.disabled = true;
  void runAndOpen({ scenario }, { realizations: 1, seed: 1 }).catch(report).finally(() => { button.disabled = false; });
});
$<HTMLSelectElement>('runs').addEventListener('change', (event) => {
  const id = (event.target as HTMLSelectElement).value;
  if (id) void openRun(id).then(() => setStatus(`Opened run ${id.slice(0, 8)}`)).catch(report);
});
$<HTMLSelectElement>('compare').addEventListener('change', (event) => {
  const id = (event.target as HTMLSelectElement).value;
  void (async () => {
    const other = id ? await api.summary(id) : undefined;
    // Only region runs compare zone by zone; a raster run has no zones.
    state.compare = other && !('kind' in other) ? other : undefined;
    if (other && 'kind' in other) setStatus('A raster run cannot be compared zone by zone');
    if (state.summary) showDifference(state.summary, state.compare);
    redraw();
  })().catch(report);
});
$<HTMLSelectElement>('metric').addEventListener('change', (event) => { state.metric = (event.target as HTMLSelectElement).value; redraw(); });
$<HTMLButtonElement>('cut').addEventListener('click', () => toggleCut($<HTMLSelectElement>('corridor').value));
$<HTMLButtonElement>('reset').addEventListener('click', () => { state.cuts = []; void applyWhatIf().catch(report); });
const slider = $<HTMLInputElement>('time');
slider.addEventListener('input', () => { state.timeH = Number(slider.value); $('time-out').textContent = `${state.timeH} h`; redraw(); });
let playing: number | undefined;
$<HTMLButtonElement>('play').addEventListener('click', () => {
  if (playing !== undefined) {
    clearInterval(playing);
    playing = undefined;
    return;
  }
  state.timeH = 0;
  playing = window.setInterval(() => {
    state.timeH = Math.min(state.timeH + Number(slider.step), Number(slider.max));
    slider.value = String(state.timeH);
    $('time-out').textContent = `${Number(state.timeH.toFixed(2))} h`;
    redraw();
    if (state.timeH >= Number(slider.max)) { clearInterval(playing); playing = undefined; }
  }, 80);
});
$<HTMLButtonElement>('png').addEventListener('click', () => {
  deck.redraw('export');
  const canvas = $('map').querySelector('canvas');
  if (canvas) download(`renxing-${state.summary?.scenario ?? 'map'}.png`, canvas.toDataURL('image/png'));
});
$<HTMLButtonElement>('geojson').addEventListener('click', () => {
  const zones = new Map((state.summary?.zones ?? []).map((z) => [z.id, z]));
  const out = { type: 'FeatureCollection', features: cells.features.map((f) => ({ ...f, properties: { ...f.properties, ...zones.get(String(f.properties['id'])) } })) };
  download(`renxing-${state.summary?.scenario ?? 'zones'}-zones.geojson`, URL.createObjectURL(new Blob([JSON.stringify(out)], { type: 'application/geo+json' })));
});

await refreshRuns();
await loadScenarioForEditing();
redraw();
setStatus('Ready');
// For tests and the curious: the deck instance and the state.
Object.assign(window, { renxing: { deck, state, data, showStation, showDepthFrames, colourFrame: depthToRgba } });
