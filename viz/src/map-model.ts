/**
 * What the map shows, derived from the loaded layers and the state: zone values at the slider's
 * hour, each lifeline component's status then, the evacuation roads and the aid arcs between
 * zones. No deck.gl here, so tests run it in Node; the layer modules only draw it.
 */
import type { AidTransfer, Layer, Summary } from './api.js';
import type { AppState, Metric } from './state.js';

/** The region's own layers, loaded once. */
export interface MapData {
  land: Layer;
  outline: Layer;
  cells: Layer;
  /** Seats and properties of every zone, by id. */
  zones: Map<string, ZoneInfo>;
  cityBorders: { path: [number, number][] }[];
  circleEdges: { path: [number, number][]; circle: string }[];
  rivers: Layer;
  lifelines: Layer;
  shelters: Layer;
  /** Lifeline nodes and zone seats by id (where roads start and end). */
  nodeAt: Map<string, [number, number]>;
}

export interface ZoneInfo { id: string; name: string; nameZh?: string; at: [number, number]; population: number; prefecture?: string; prefectureZh?: string; province?: string }

export type ComponentStatus = 'direct' | 'knock-on' | 'restored';

/** How a failure's cause reads on the map: a cut or a hazard's damage is direct; 'lost <suppliers>' is a knock-on. Any new cause counts as direct. */
export function causeClass(cause: string): Exclude<ComponentStatus, 'restored'> {
  return cause.startsWith('lost ') ? 'knock-on' : 'direct';
}

export interface Failure { atH: number; restoredAtH?: number; cause: string }

/** Each failed component's failure: the what-if's when there is one, else the run's, plus components its earthquake likely put out. */
export function failures(state: Pick<AppState, 'summary' | 'whatIf'>): Map<string, Failure> {
  const out = new Map<string, Failure>();
  for (const f of state.whatIf?.failedComponents ?? state.summary?.lifelines?.failedComponents ?? []) {
    if (!out.has(f.id)) out.set(f.id, { atH: f.atH, cause: f.cause, ...(f.restoredAtH !== undefined ? { restoredAtH: f.restoredAtH } : {}) });
  }
  // Components the earthquake leaves out in at least half of the realizations count as damaged from its hour.
  for (const d of state.summary?.lifelines?.quakeDamage ?? []) if (d.probabilityOutOfService >= 0.5 && !out.has(d.id)) out.set(d.id, { atH: 0, cause: 'earthquake' });
  return out;
}

/** A component's status at hour `t`: out (direct or knock-on), back in service, or undefined (never touched so far). */
export function statusAt(failure: Failure | undefined, t: number): ComponentStatus | undefined {
  if (!failure || t < failure.atH) return undefined;
  if (failure.restoredAtH !== undefined && t >= failure.restoredAtH) return 'restored';
  return causeClass(failure.cause);
}

/** Area flooded (km²) at `stageM` on a stage–area relation, linear between its points. */
function areaAt(stageArea: { stageM: number; areaKm2: number }[], stageM: number): number {
  let last = { stageM: 0, areaKm2: 0 };
  for (const p of stageArea) {
    if (stageM <= p.stageM) return p.stageM === last.stageM ? p.areaKm2 : last.areaKm2 + ((p.areaKm2 - last.areaKm2) * (stageM - last.stageM)) / (p.stageM - last.stageM);
    last = p;
  }
  return last.areaKm2;
}

/** Water level of a flooded area at hour `t` (0 where it never floods). */
export const stageAt = (hourly: readonly number[] | undefined, t: number): number => (hourly ? (hourly[Math.min(Math.max(Math.floor(t), 0), hourly.length - 1)] ?? 0) : 0);

/**
 * Per zone, how far its flood has come at hour `t`, as fractions of its peak: of the deepest
 * water (stage now / deepest stage) and of the flooded land (area at the stage now / at the
 * deepest), over the compartments and basins that cover it. Zones with no flooded area: none.
 */
export function floodProgress(summary: Summary, rivers: Layer, t: number): Map<string, { depth: number; area: number }> {
  const flooded = new Map((summary.flood?.floodedAreas ?? []).map((a) => [a.id, a]));
  const out = new Map<string, { depth: number; area: number }>();
  for (const f of rivers.features) {
    const p = f.properties as { id?: string; zone?: string; zones?: Record<string, number>; stageArea?: { stageM: number; areaKm2: number }[] };
    const area = p.id ? flooded.get(p.id) : undefined;
    // A basin without its zones listed lies in its own zone, as the engine takes it.
    const zones = p.zones ? Object.keys(p.zones) : p.zone ? [p.zone] : [];
    if (!area || zones.length === 0) continue;
    const now = stageAt(area.hourlyStageM, t);
    const depth = area.maxStageM > 0 ? now / area.maxStageM : 0;
    const wet = p.stageArea ? areaAt(p.stageArea, area.maxStageM) : 0;
    const share = p.stageArea && wet > 0 ? areaAt(p.stageArea, now) / wet : depth;
    for (const zone of zones) {
      const was = out.get(zone) ?? { depth: 0, area: 0 };
      out.set(zone, { depth: Math.max(was.depth, depth), area: Math.max(was.area, share) });
    }
  }
  return out;
}

/** Whether a metric changes with the slider (flood metrics do; the rest are the run's totals). */
export const timeDependent = (metric: Metric, summary: Summary | undefined): boolean => Boolean(summary?.flood) && (metric === 'flood-depth' || metric === 'flood-exposed');

/**
 * The zone value shown for `metric` at the state's hour (NaN where the run says nothing); with
 * `peak`, the largest over the run, which the colour scale spans so a colour means the same
 * value all along the slider.
 */
export function zoneValues(summary: Summary | undefined, state: Pick<AppState, 'whatIf' | 'timeH'>, metric: Metric, rivers: Layer, residents: Map<string, number>, peak = false): (id: string) => number {
  if (!summary) return (id) => (metric === 'population' ? (residents.get(id) ?? Number.NaN) : Number.NaN);
  const zones = new Map(summary.zones.map((z) => [z.id, z]));
  const whatIfLoss = new Map((state.whatIf?.zones ?? []).map((z) => [z.id, z.serviceLoss]));
  const progress = timeDependent(metric, summary) && !peak ? floodProgress(summary, rivers, state.timeH) : undefined;
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
      case 'flood-exposed': return (z.flood?.populationExposed ?? 0) * (progress ? (progress.get(id)?.area ?? 0) : 1);
      case 'flood-depth': return (z.flood?.maxDepthM ?? 0) * (progress ? (progress.get(id)?.depth ?? 0) : 1);
      default: return Number.NaN;
    }
  };
}

export interface AidArc { from: [number, number]; to: [number, number]; resource: string; amount: number; fromCircle: string; toCircle: string; toZone: string; unit: string; via: string[] }

/**
 * Aid arcs between zones: each transfer is split over the receiving circle's stricken zones (up
 * to three, by displaced residents, or by residents when none is displaced), each arc starting at
 * the giving circle's member zone nearest to it, so the arcs run where the aid would travel.
 * Network supply (`<system> (network)`) is no aid and draws no arc.
 */
export function aidArcs(summary: Summary, transfers: readonly AidTransfer[], zones: Map<string, ZoneInfo>): AidArc[] {
  // Aid is read by band (a zone's innermost circle), so a circle's zones are those of its band.
  const members = new Map(summary.circles.map((c) => [c.id, summary.zones.filter((z) => z.band === c.id)]));
  const arcs: AidArc[] = [];
  for (const t of transfers) {
    if (t.resource.endsWith('(network)')) continue;
    const givers = (members.get(t.fromCircle) ?? []).flatMap((z) => { const at = zones.get(z.id)?.at; return at ? [at] : []; });
    const receivers = [...(members.get(t.toCircle) ?? [])].sort((a, b) => (b.displaced ?? 0) - (a.displaced ?? 0) || b.population - a.population).slice(0, 3);
    const weight = (z: (typeof receivers)[number]): number => (receivers.some((r) => (r.displaced ?? 0) > 0) ? (z.displaced ?? 0) : z.population);
    const total = receivers.reduce((s, z) => s + weight(z), 0);
    for (const z of receivers) {
      const to = zones.get(z.id)?.at;
      if (!to || givers.length === 0 || weight(z) <= 0) continue;
      const from = givers.reduce((best, g) => (Math.hypot(g[0] - to[0], g[1] - to[1]) < Math.hypot(best[0] - to[0], best[1] - to[1]) ? g : best));
      if (from[0] === to[0] && from[1] === to[1]) continue;
      arcs.push({ from, to, resource: t.resource, amount: (t.amount * weight(z)) / total, fromCircle: t.fromCircle, toCircle: t.toCircle, toZone: z.id, unit: t.unit, via: t.via });
    }
  }
  return arcs;
}

/**
 * The edges between cells of different groups (prefecture cities): the interior borders, not the
 * outer ones, which the true outline draws.
 */
export function borderEdges(cells: Layer, groupOf: (id: string) => string | undefined): { path: [number, number][] }[] {
  const key = (p: number[]): string => `${(p[0] ?? 0).toFixed(5)},${(p[1] ?? 0).toFixed(5)}`;
  const edges = new Map<string, { a: number[]; b: number[]; groups: (string | undefined)[] }>();
  for (const f of cells.features) {
    const group = groupOf(String(f.properties['id']));
    const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.type === 'MultiPolygon' ? f.geometry.coordinates : [];
    for (const ring of polygons.flat()) {
      for (let i = 1; i < ring.length; i++) {
        const a = ring[i - 1] as number[];
        const b = ring[i] as number[];
        const k = [key(a), key(b)].sort().join('|');
        const edge = edges.get(k);
        if (edge) edge.groups.push(group);
        else edges.set(k, { a, b, groups: [group] });
      }
    }
  }
  return [...edges.values()].filter((e) => e.groups.length === 2 && e.groups[0] !== e.groups[1]).map((e) => ({ path: [e.a as [number, number], e.b as [number, number]] }));
}
