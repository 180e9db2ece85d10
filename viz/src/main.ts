/**
 * Renxing's viewer: run a scenario, read what happened from the map and its legend, cut
 * lifelines and watch the consequences, compare runs, export for a briefing. This module wires
 * the page: it loads the region, keeps the state (state.ts), and redraws the map (layers/) and
 * the panels (panels/) after each change. Everything comes from the API at the same origin; the
 * basemap is Natural Earth land bundled from the `world-atlas` package, so it needs no internet.
 */
import { Deck, MapView, WebMercatorViewport, type PickingInfo } from '@deck.gl/core';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import landTopology from 'world-atlas/land-50m.json';
import { api, describeError, follow, type GridSummary, type Layer, type LayerFeature, type ScenarioFile, type Summary } from './api.js';
import { makeScale } from './colours.js';
import { figuresCsv, composePng } from './export.js';
import { clockAt, count, decimal, share } from './format.js';
import { bandEdges, centroid } from './geometry.js';
import { applyStaticText, corridorName, initialLang, lang, learnScenarioTitles, localName, scenarioTitle, setLang, storedLang, t, type Lang } from './i18n/i18n.js';
import { LAYERS } from './layers/index.js';
import type { MapContext, MapModel } from './layers/types.js';
import { aidArcs, borderEdges, failures, timeDependent, zoneValues, type MapData, type ZoneInfo } from './map-model.js';
import { showAid } from './panels/aid-matrix.js';
import { byId } from './panels/dom.js';
import { showHydrograph } from './panels/hydrograph.js';
import { legendModel, showLegend } from './panels/legend.js';
import { tooltipLines, showTooltip } from './panels/tooltip.js';
import { gridRows, showCaveats, showDifference, showTotals, totalsRows } from './panels/totals.js';
import { showBackupRoutes, showCuts } from './panels/whatif.js';
import { rasterScenario } from './raster-form.js';
import { depthLegend, depthToRgba, frameAt } from './raster.js';
import { scaleBar } from './scale-bar.js';
import { atTime, initialState, METRICS, openedFrames, openedRun, REGION_VIEW, toggledCut, type AppState, type DepthFrames, type Metric } from './state.js';
import { editedScenario, runOptions } from './scenario-edit.js';

const REGION = 'capital';

let state: AppState = initialState(initialLang(storedLang(localStorage), navigator.languages));
setLang(state.lang);

// The region's layers, loaded once.
const land = feature(landTopology as unknown as Topology, (landTopology as unknown as Topology).objects['land'] as GeometryCollection) as unknown as Layer;
const [cells, seats, outline, lifelines, shelters, rivers, scenarios] = await Promise.all([
  api.regionLayer(REGION, 'zone-cells'), api.regionLayer(REGION, 'zones'), api.regionLayer(REGION, 'outline'), api.regionLayer(REGION, 'lifelines'),
  api.regionLayer(REGION, 'shelters'), api.regionLayer(REGION, 'rivers'), api.scenarios(),
]);
learnScenarioTitles(scenarios);
const zones = new Map<string, ZoneInfo>(seats.features.map((f) => {
  const p = f.properties as Omit<ZoneInfo, 'at'>;
  return [p.id, { ...p, at: centroid(f) }];
}));
const nodeAt = new Map<string, [number, number]>([...zones].map(([id, z]) => [id, z.at]));
for (const f of lifelines.features) if (f.geometry.type === 'Point') nodeAt.set(String(f.properties['id']), f.geometry.coordinates as [number, number]);
const residents = new Map([...zones].map(([id, z]) => [id, z.population]));
const components = new Map(lifelines.features.map((f) => [String(f.properties['id']), f.properties]));
const data: MapData = {
  land, outline, cells, zones, rivers, lifelines, shelters, nodeAt, circleEdges: [],
  cityBorders: borderEdges(cells, (id) => zones.get(id)?.prefecture),
};

// Names in the page's language.
const zoneName = (id: string): string => {
  const z = zones.get(id);
  return (lang() === 'zh' ? z?.nameZh : z?.name) ?? z?.name ?? id;
};
const circleName = (id: string): string => {
  const c = state.summary?.circles.find((x) => x.id === id);
  return (lang() === 'zh' ? c?.nameZh : c?.name) ?? c?.name ?? id;
};
const componentName = (id: string): string => {
  return localName(components.get(id), id);
};
const targetName = (target: string): string => (target.startsWith('corridor:') ? corridorName(target.slice('corridor:'.length)) : componentName(target));
const timeLabel = (h: number): string => (state.scenario?.startsAt ? t('map.hoursAt', { h: Number(h.toFixed(2)), clock: clockAt(state.scenario.startsAt, h) }) : t('map.hours', { h: Number(h.toFixed(2)) }));

const mapDiv = byId<HTMLDivElement>('map');
const deck = new Deck({
  parent: mapDiv,
  views: new MapView({ repeat: false }),
  initialViewState: REGION_VIEW,
  controller: true,
  deviceProps: { webgl: { preserveDrawingBuffer: true } },
  onViewStateChange: ({ viewState }) => {
    const { zoom, latitude } = viewState as { zoom: number; latitude: number };
    showScale(latitude, zoom);
    // Place names change by zoom band: redraw only when the band changes.
    if (Math.round(zoom * 5) !== Math.round(state.zoom * 5)) {
      state = { ...state, zoom };
      redraw();
    } else state = { ...state, zoom };
    return viewState;
  },
  onHover: (info: PickingInfo) => showTooltip(info.layer ? tooltipLines(info.layer.id, info.object, tooltipContext()) : [], info.x, info.y),
  onClick: (info: PickingInfo) => pick(info.x, info.y),
  layers: [],
});

function showScale(latitude: number, zoom: number): void {
  const bar = scaleBar(latitude, zoom, 120);
  byId('scale-bar').style.width = `${bar.px}px`;
  byId('scale-label').textContent = `${count(bar.km)} km`;
}

/**
 * A click: a river station shows its hydrograph whatever lies over it; a lifeline is cut or
 * restored only in cut mode. Picking several objects under the pointer keeps a station under a
 * lifeline clickable.
 */
function pick(x: number, y: number): void {
  const picked = deck.pickMultipleObjects({ x, y, radius: 4, depth: 8 });
  const station = picked.find((p) => p.layer?.id === 'stations' && (p.object as LayerFeature).properties['kind'] === 'station');
  if (station) {
    showStation(String((station.object as LayerFeature).properties['id']));
    return;
  }
  const lifeline = picked.find((p) => p.layer?.id === 'lifelines');
  if (!lifeline) return;
  if (state.cutMode) toggleCut(String((lifeline.object as LayerFeature).properties['id']));
  else setStatus(t('status.cutModeOff'));
}

function tooltipContext(): Parameters<typeof tooltipLines>[2] {
  const model = mapModel();
  return {
    lang: lang(), summary: state.summary, whatIf: state.whatIf, timeH: state.timeH, timeLabel: timeLabel(state.timeH), failures: model.failures,
    zoneValue: model.zoneValue, circleName, zoneName, componentName, occupancy: model.occupancy, cutMode: state.cutMode,
  };
}

const metricName = (metric: Metric): string => t(`metric.${metric}`);
const formatFor = (metric: Metric): ((x: number) => string) => {
  if (metric === 'power' || metric === 'water') return share;
  if (metric === 'pga') return (x) => `${decimal(x, 2)} g`;
  if (metric === 'flood-depth') return (x) => `${decimal(x, 2)} ${t('unit.m')}`;
  return count;
};

/** Everything the layers draw, for the current state. */
function mapModel(): MapModel {
  const { summary, compare, metric } = state;
  const value = zoneValues(summary, state, metric, rivers, residents);
  const other = compare ? zoneValues(compare, state, metric, rivers, residents) : undefined;
  const shown = other ? (id: string): number => value(id) - other(id) : value;
  const ids = [...zones.keys()];
  // The scale spans the run's peak, so a colour means the same value all along the slider.
  const peak = other ? shown : zoneValues(summary, state, metric, rivers, residents, true);
  const scale = makeScale(ids.map(peak), formatFor(metric), Boolean(other));
  const title = other ? t('legend.difference', { metric: metricName(metric) })
    : timeDependent(metric, summary) ? t('legend.atTime', { metric: metricName(metric), time: timeLabel(state.timeH) })
      : summary && (metric === 'power' || metric === 'water') ? t('legend.atHorizon', { metric: metricName(metric) }) : metricName(metric);
  const evacuation = state.whatIf?.evacuation ?? summary?.evacuation;
  const transfers = state.whatIf?.mutualAid ?? summary?.mutualAid ?? [];
  return {
    zoneValue: shown, scale, scaleTitle: title, failures: failures(state),
    occupancy: new Map((evacuation?.shelters ?? []).map((s) => [s.id, s.occupancy])),
    roads: (evacuation?.roads ?? []).flatMap((r) => {
      const a = nodeAt.get(r.from);
      const b = nodeAt.get(r.to);
      return a && b ? [{ path: [a, b], people: r.people, id: r.id }] : [];
    }),
    arcs: summary ? aidArcs(summary, transfers, zones) : [],
    ...(state.grid?.corners ? { depth: { image: depthImage(state.grid, state.timeH * 3600), corners: state.grid.corners } } : {}),
  };
}

function redraw(): void {
  const model = mapModel();
  const ctx: MapContext = { data, state, model };
  deck.setProps({ layers: LAYERS.filter((l) => state.visible[l.id]).flatMap((l) => l.build(ctx) ?? []) });
  const ramp = state.grid
    ? { title: t('legend.depthAt', { time: timeLabel(state.timeH) }), ...depthLegend(state.grid.fullDepthM), diverging: false }
    : { title: model.scaleTitle, stops: model.scale.stops, ticks: model.scale.ticks, diverging: model.scale.diverging };
  showLegend(legendModel(ctx, ramp));
  byId('time-out').textContent = timeLabel(state.timeH);
  byId('print-title').textContent = printTitle();
}

const printTitle = (): string => {
  const title = state.summary ? scenarioTitle(state.summary.scenario, state.summary.scenarioTitle) : '';
  return `${title} · ${byId('legend').querySelector('.legend-title')?.textContent ?? ''}`;
};

function setStatus(text: string): void {
  byId('status').textContent = text;
}

function report(error: unknown): void {
  setStatus(t('status.error', { message: error instanceof Error ? error.message : String(error) }));
}

/** The panels for the current run and what-if, in the current language. */
function showPanels(): void {
  if (state.summary) {
    showTotals(totalsRows(state.summary, state.whatIf, state.scenario?.startsAt));
    showAid(state.summary, state.whatIf?.mutualAid ?? state.summary.mutualAid ?? [], circleName);
    showBackupRoutes(state.whatIf?.backupRoutes ?? state.summary.lifelines?.backupRoutes ?? [], componentName);
    showCaveats(state.summary.caveats ?? []);
  } else {
    showAid(undefined, [], circleName);
    showBackupRoutes([], componentName);
    showCaveats([]);
  }
  showCuts(state.cuts, targetName, toggleCut);
  showDifference(state.summary, state.compare);
}

function showStation(id: string): void {
  const station = state.summary?.flood?.stations.find((s) => s.id === id);
  const feature = rivers.features.find((f) => f.properties['id'] === id);
  const name = localName(feature?.properties, station?.name ?? id);
  if (station) showHydrograph({ ...station, name });
  else setStatus(state.summary?.flood ? t('status.notStation', { name }) : t('status.needFlood'));
}

/** The frame at time `tS`, coloured into the frames' reused pixel buffer. */
function depthImage(grid: DepthFrames, tS: number): ImageData {
  const depth = grid.depths[frameAt(grid.timesS, tS)] ?? new Float32Array(grid.nx * grid.ny);
  return new ImageData(depthToRgba(depth, grid.pixels, grid.fullDepthM), grid.nx, grid.ny);
}

function syncSlider(): void {
  const slider = byId<HTMLInputElement>('time');
  slider.step = String(state.stepH);
  slider.max = String(state.maxH);
  slider.value = String(state.timeH);
}

/** Shows depth frames on the map with the slider over their times (a raster run, or the benchmark's frames). */
function showDepthFrames(frames: Omit<DepthFrames, 'pixels'>, runId?: string): void {
  state = openedFrames(state, runId, { ...frames, pixels: new Uint8ClampedArray(frames.nx * frames.ny * 4) });
  syncSlider();
  redraw();
}

async function openGrid(id: string, grid: GridSummary): Promise<void> {
  data.circleEdges = [];
  const depths = await Promise.all(grid.raster.frames.map((f) => api.float32Layer(id, f.layer)));
  showDepthFrames({ nx: grid.raster.nx, ny: grid.raster.ny, corners: grid.raster.cornersLonLat, timesS: grid.raster.frames.map((f) => f.tS), depths, fullDepthM: Math.max(grid.maxDepthM, 0.1) }, id);
  showPanels();
  showTotals(gridRows(grid));
  showHydrograph(undefined);
  const corners = grid.raster.cornersLonLat;
  if (corners) {
    // Fly to the raster: a flood domain is usually a few kilometres across, invisible at region scale.
    const lons = corners.map((c) => c[0]);
    const lats = corners.map((c) => c[1]);
    const fit = new WebMercatorViewport({ width: mapDiv.clientWidth || 800, height: mapDiv.clientHeight || 600 })
      .fitBounds([[Math.min(...lons), Math.min(...lats)], [Math.max(...lons), Math.max(...lats)]], { padding: 60 });
    deck.setProps({ initialViewState: { longitude: fit.longitude, latitude: fit.latitude, zoom: fit.zoom } });
  } else setStatus(t('status.noCrs'));
  await refreshRuns();
}

async function openRun(id: string): Promise<void> {
  const [result, scenario] = await Promise.all([api.summary(id), api.runScenario(id).catch(() => undefined)]);
  if ('kind' in result && result.kind === 'grid') {
    await openGrid(id, result);
    return;
  }
  // Back from a raster run (zoomed onto its few kilometres): show the region again.
  if (state.grid) deck.setProps({ initialViewState: REGION_VIEW });
  const summary = result as Summary;
  state = openedRun(state, id, summary, scenario);
  const bands = new Map(summary.zones.map((z) => [z.id, z.band]));
  data.circleEdges = bandEdges(cells, (zone) => bands.get(zone) ?? null);
  byId<HTMLSelectElement>('metric').value = state.metric;
  syncSlider();
  showPanels();
  showHydrograph(undefined);
  redraw();
  await refreshRuns();
}

async function applyWhatIf(): Promise<void> {
  if (!state.runId || !state.summary) return;
  if (state.cuts.length === 0) {
    showPanels();
    setStatus(t('status.whatIfCleared'));
    redraw();
    return;
  }
  showCuts(state.cuts, targetName, toggleCut);
  setStatus(t('status.whatIfBusy'));
  const started = performance.now();
  const cuts = state.cuts;
  const whatIf = await api.whatIf(state.runId, cuts);
  // A later toggle may have changed the cuts meanwhile; only the answer for the current cuts is shown.
  if (cuts !== state.cuts) return;
  state = { ...state, whatIf };
  showPanels();
  setStatus(t('status.whatIfDone', { n: cuts.length, ms: Math.round(performance.now() - started) }));
  redraw();
}

function toggleCut(target: string): void {
  state = toggledCut(state, target);
  void applyWhatIf().catch(report);
}

async function refreshRuns(): Promise<void> {
  const runs = (await api.runs()).filter((r) => r.status === 'succeeded').reverse();
  for (const id of ['runs', 'compare']) {
    const select = byId<HTMLSelectElement>(id);
    const keep = select.value;
    const first = new Option(t(id === 'compare' ? 'form.none' : 'form.choose'), '');
    select.replaceChildren(first, ...runs.map((r) => new Option(`${scenarioTitle(r.scenarioId, r.title)} — ${r.createdAt.slice(0, 16).replace('T', ' ')} [${r.id.slice(0, 8)}]`, r.id)));
    select.value = runs.some((r) => r.id === keep) ? keep : '';
  }
  if (state.runId) byId<HTMLSelectElement>('runs').value = state.runId;
}

function download(name: string, url: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
}

// Static text, the metric list, the layer list and the corridor list, in the page's language.
function localize(): void {
  document.documentElement.lang = lang() === 'zh' ? 'zh-CN' : 'en';
  applyStaticText(document);
  document.title = t('app.title');
  const metric = byId<HTMLSelectElement>('metric');
  metric.replaceChildren(...METRICS.map((m) => new Option(metricName(m), m)));
  metric.value = state.metric;
  byId('toggles').replaceChildren(byId('toggles').querySelector('legend') as HTMLElement, ...LAYERS.map((layer) => {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.id = `toggle-${layer.id}`;
    box.checked = state.visible[layer.id] ?? false;
    box.addEventListener('change', () => { state = { ...state, visible: { ...state.visible, [layer.id]: box.checked } }; redraw(); });
    label.append(box, ` ${t(layer.label)}`);
    return label;
  }));
  const scenarioSelect = byId<HTMLSelectElement>('scenario');
  const chosen = scenarioSelect.value;
  scenarioSelect.replaceChildren(...scenarios.filter((s) => s.region === REGION).map((s) => new Option(scenarioTitle(s.id, s.title), s.id)));
  scenarioSelect.value = chosen || (scenarios.some((s) => s.id === 'tangshan-1976') ? 'tangshan-1976' : (scenarios[0]?.id ?? ''));
  const corridorSelect = byId<HTMLSelectElement>('corridor');
  const corridor = corridorSelect.value;
  const corridors = [...new Set(lifelines.features.map((f) => f.properties['corridor']).filter((c): c is string => typeof c === 'string'))];
  corridorSelect.replaceChildren(...corridors.map((c) => new Option(corridorName(c), `corridor:${c}`)).sort((a, b) => a.text.localeCompare(b.text, lang())));
  if (corridor) corridorSelect.value = corridor;
  byId('play').textContent = t(playing === undefined ? 'map.play' : 'map.pause');
  if (started && !state.summary && !state.grid) setStatus(t('status.ready'));
}

function switchLanguage(next: Lang): void {
  setLang(next, localStorage);
  state = { ...state, lang: next };
  localize();
  showPanels();
  if (state.grid && state.runId) void api.summary(state.runId).then((g) => { if ('kind' in g) showTotals(gridRows(g)); });
  showHydrograph(undefined);
  redraw();
  void refreshRuns();
}

// Hazard editing: the chosen scenario's own realizations and seed, its first earthquake and its storm totals.
const scenarioSelect = byId<HTMLSelectElement>('scenario');
let scenarioFile: ScenarioFile | undefined;
async function loadScenarioForEditing(): Promise<void> {
  scenarioFile = await api.scenario(scenarioSelect.value);
  const quake = scenarioFile.hazards.find((h): h is { type: 'earthquake'; magnitude: number; epicenter: [number, number]; depthKm: number } => h.type === 'earthquake');
  byId<HTMLFieldSetElement>('quake-edit').disabled = !quake;
  byId<HTMLFieldSetElement>('rain-edit').disabled = !scenarioFile.hazards.some((h) => h.type === 'rainfall');
  byId<HTMLInputElement>('magnitude').value = quake ? String(quake.magnitude) : '';
  byId<HTMLInputElement>('epi-lon').value = quake ? String(quake.epicenter[0]) : '';
  byId<HTMLInputElement>('epi-lat').value = quake ? String(quake.epicenter[1]) : '';
  byId<HTMLInputElement>('depth').value = quake ? String(quake.depthKm) : '';
  byId<HTMLInputElement>('rain-scale').value = '1';
  // The scenario's own ensemble size and seed, so the viewer's figures are the command line's.
  byId<HTMLInputElement>('realizations').value = String(scenarioFile.options?.realizations ?? 1);
  byId<HTMLInputElement>('seed').value = String(scenarioFile.options?.seed ?? 1);
}
// A run started while the newly chosen scenario is still loading waits for it, so it never sends the previous scenario's edits.
let scenarioLoading: Promise<void> = Promise.resolve();
scenarioSelect.addEventListener('change', () => { scenarioLoading = loadScenarioForEditing().catch(report); });

const numberIn = (id: string): number | undefined => {
  const text = byId<HTMLInputElement>(id).value.trim();
  return text === '' ? undefined : Number(text);
};

/** Starts a run, shows its progress, and opens it on the map when it succeeds. */
async function runAndOpen(scenario: Parameters<typeof api.start>[0], options: Parameters<typeof api.start>[1]): Promise<void> {
  const { id } = await api.start(scenario, options);
  setStatus(t('status.queued'));
  const record = await follow(id, (r) => {
    byId<HTMLProgressElement>('progress').value = r.progress;
    setStatus(r.status === 'succeeded' ? t('status.loadingResults') : t('status.progress', { status: t(`runStatus.${r.status}` as 'runStatus.running'), pct: Math.round(r.progress * 100) }));
  }, t('status.progressLost'));
  if (record.status !== 'succeeded') {
    const what = t('status.runFailed', { status: t(`runStatus.${record.status}` as 'runStatus.failed') });
    throw new Error(record.error ? `${what}: ${describeError(record.error, '')}` : what);
  }
  await openRun(id);
  setStatus(t('status.succeeded', { id: id.slice(0, 8) }));
}

byId<HTMLFormElement>('run-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const button = byId<HTMLButtonElement>('run');
  button.disabled = true;
  void (async () => {
    await scenarioLoading;
    if (!scenarioFile) return;
    const values = { magnitude: numberIn('magnitude'), lon: numberIn('epi-lon'), lat: numberIn('epi-lat'), depthKm: numberIn('depth'), rainScale: numberIn('rain-scale') };
    const edited = editedScenario(scenarioFile, values, scenarioTitle(scenarioFile.id, scenarioFile.title));
    const options = runOptions(scenarioFile, { realizations: numberIn('realizations'), seed: numberIn('seed') });
    await runAndOpen(edited ? { scenario: edited } : { scenarioId: scenarioFile.id }, options);
  })().catch(report).finally(() => { button.disabled = false; });
});

byId<HTMLFormElement>('raster-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = (id: string): string | undefined => byId<HTMLInputElement>(id).value.trim() || undefined;
  const free = byId<HTMLSelectElement>('raster-free').value;
  const { scenario, problems } = rasterScenario({
    dem: text('raster-dem'), manning: numberIn('raster-n'), durationH: numberIn('raster-hours'), outputEveryH: numberIn('raster-every'), epsg: numberIn('raster-epsg'),
    freeEdge: free === 'N' || free === 'S' || free === 'E' || free === 'W' ? free : undefined,
    inflowX: numberIn('raster-x'), inflowY: numberIn('raster-y'), inflowM3s: numberIn('raster-q'),
    riverScenario: text('raster-river'), riverReach: text('raster-reach'), riverStartH: numberIn('raster-start'), rainMmPerH: numberIn('raster-rain'),
  });
  if (!scenario) {
    setStatus(t('status.error', { message: problems.join('; ') }));
    return;
  }
  const button = byId<HTMLButtonElement>('raster-run');
  button.disabled = true;
  void runAndOpen({ scenario }, { realizations: 1, seed: 1 }).catch(report).finally(() => { button.disabled = false; });
});

byId<HTMLSelectElement>('runs').addEventListener('change', (event) => {
  const id = (event.target as HTMLSelectElement).value;
  if (id) void openRun(id).then(() => setStatus(t('status.opened', { id: id.slice(0, 8) }))).catch(report);
});
byId<HTMLSelectElement>('compare').addEventListener('change', (event) => {
  const id = (event.target as HTMLSelectElement).value;
  void (async () => {
    const other = id ? await api.summary(id) : undefined;
    // Only region runs compare zone by zone; a raster run has no zones.
    state = { ...state, compare: other && !('kind' in other) ? other : undefined };
    if (other && 'kind' in other) setStatus(t('status.rasterCompare'));
    showDifference(state.summary, state.compare);
    redraw();
  })().catch(report);
});
byId<HTMLSelectElement>('metric').addEventListener('change', (event) => { state = { ...state, metric: (event.target as HTMLSelectElement).value as Metric }; redraw(); });
byId<HTMLInputElement>('cut-mode').addEventListener('change', (event) => { state = { ...state, cutMode: (event.target as HTMLInputElement).checked }; });
byId<HTMLButtonElement>('cut').addEventListener('click', () => toggleCut(byId<HTMLSelectElement>('corridor').value));
byId<HTMLButtonElement>('reset').addEventListener('click', () => { state = { ...state, cuts: [], whatIf: undefined }; void applyWhatIf().catch(report); });
byId<HTMLButtonElement>('lang').addEventListener('click', () => switchLanguage(lang() === 'zh' ? 'en' : 'zh'));
const slider = byId<HTMLInputElement>('time');
slider.addEventListener('input', () => { state = atTime(state, Number(slider.value)); redraw(); });
let playing: number | undefined;
byId<HTMLButtonElement>('play').addEventListener('click', () => {
  const button = byId('play');
  if (playing !== undefined) {
    clearInterval(playing);
    playing = undefined;
    button.textContent = t('map.play');
    return;
  }
  state = atTime(state, 0);
  button.textContent = t('map.pause');
  playing = window.setInterval(() => {
    state = atTime(state, state.timeH + state.stepH);
    slider.value = String(state.timeH);
    redraw();
    if (state.timeH >= state.maxH) {
      clearInterval(playing);
      playing = undefined;
      button.textContent = t('map.play');
    }
  }, 80);
});

/** The exported PNG: the map with title, scenario, time, legend and scale. */
function exportPng(): HTMLCanvasElement | undefined {
  deck.redraw('export');
  const canvas = mapDiv.querySelector('canvas');
  if (!canvas) return undefined;
  const model = mapModel();
  const ctx: MapContext = { data, state, model };
  const ramp = state.grid ? { title: t('legend.depthAt', { time: timeLabel(state.timeH) }), ...depthLegend(state.grid.fullDepthM), diverging: false } : { title: model.scaleTitle, stops: model.scale.stops, ticks: model.scale.ticks, diverging: model.scale.diverging };
  const viewport = deck.getViewports()[0] as WebMercatorViewport | undefined;
  const ratio = canvas.width / Math.max(mapDiv.clientWidth, 1);
  const bar = scaleBar(viewport?.latitude ?? REGION_VIEW.latitude, viewport?.zoom ?? REGION_VIEW.zoom, 150 / ratio);
  const title = state.summary ? scenarioTitle(state.summary.scenario, state.summary.scenarioTitle) : t('app.title');
  return composePng(canvas, legendModel(ctx, ramp), { title, subtitle: t('app.title'), time: timeLabel(state.timeH), scale: { px: bar.px * ratio, label: `${count(bar.km)} km` } });
}
byId<HTMLButtonElement>('png').addEventListener('click', () => {
  const png = exportPng();
  if (png) download(`renxing-${state.summary?.scenario ?? 'map'}.png`, png.toDataURL('image/png'));
});
byId<HTMLButtonElement>('csv').addEventListener('click', () => {
  if (!state.summary) return;
  const csv = figuresCsv(totalsRows(state.summary, state.whatIf, state.scenario?.startsAt), state.summary, state.whatIf?.mutualAid ?? state.summary.mutualAid ?? [], zoneName, circleName);
  download(`renxing-${state.summary.scenario}.csv`, URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' })));
});
byId<HTMLButtonElement>('geojson').addEventListener('click', () => {
  const byZone = new Map((state.summary?.zones ?? []).map((z) => [z.id, z]));
  const out = { type: 'FeatureCollection', features: cells.features.map((f) => ({ ...f, properties: { ...f.properties, ...byZone.get(String(f.properties['id'])) } })) };
  download(`renxing-${state.summary?.scenario ?? 'zones'}-zones.geojson`, URL.createObjectURL(new Blob([JSON.stringify(out)], { type: 'application/geo+json' })));
});
byId<HTMLButtonElement>('print').addEventListener('click', () => { redraw(); window.print(); });

/** Whether the browser has a font with Chinese glyphs: without one, two different characters draw as the same box. */
function hasCjkFont(): boolean {
  const canvas = document.createElement('canvas');
  canvas.width = 40;
  canvas.height = 20;
  const g = canvas.getContext('2d');
  if (!g) return true;
  const pixels = (text: string): Uint8ClampedArray => {
    g.clearRect(0, 0, 40, 20);
    g.font = `16px ${getComputedStyle(document.body).fontFamily}`;
    g.fillText(text, 2, 16);
    return g.getImageData(0, 0, 40, 20).data;
  };
  const a = pixels('韧');
  const b = pixels('性');
  return a.some((v, k) => v !== b[k]);
}

// 'Ready' only once the form holds the chosen scenario's own options (a test, or a quick planner, acts on it).
let started = false;
localize();
showPanels();
showHydrograph(undefined);
showScale(REGION_VIEW.latitude, REGION_VIEW.zoom);
byId('font-warning').hidden = hasCjkFont();
await refreshRuns();
await loadScenarioForEditing();
redraw();
started = true;
setStatus(t('status.ready'));
// For tests and the curious: the deck instance, the state and the exports.
Object.assign(window, {
  renxing: {
    deck, data, pick, showStation, showDepthFrames, colourFrame: depthToRgba, exportPng, switchLanguage,
    get state() { return state; },
  },
});
