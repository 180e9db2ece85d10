import type { Issue } from '../core/errors.js';
import type { LifelineProperties, LifelineSystem } from '../region/lifeline-schema.js';
import { HAZUS_BRIDGE_CLASSES } from '../quake/fragility/hazus-bridges.js';
import { HAZUS_LIFELINE_CLASSES } from '../quake/fragility/hazus-lifelines.js';
import { HAZUS_PIPELINE_CLASSES } from '../quake/fragility/hazus-pipelines.js';
import type { Position } from 'geojson';
import { zoneLengths, type ZoneLengths } from '../region/zone-lengths.js';
import type { DependencyGroup } from './cascade.js';

/** One lifeline system compiled for flow: component indices of its nodes, sources, links and delivery points. */
export interface SystemNetwork {
  system: LifelineSystem;
  nodes: number[];
  sources: { component: number; capacity: number }[];
  links: { component: number; from: number; to: number; capacity: number; oneWay: boolean }[];
  deliveries: { component: number; zones: number[] }[];
}

/**
 * Every lifeline component of a region (nodes first, then links), its system and corridor, the
 * dependency groups between components, and each system's network. Plain data for workers.
 */
export interface LifelineNetwork {
  ids: string[];
  systems: LifelineSystem[];
  corridor: (string | undefined)[];
  /** Earthquake fragility class and the zone whose shaking it feels (−1: none), per component. */
  fragility: (string | undefined)[];
  zone: number[];
  /** Links that feel the shaking along their drawn line (pipelines, bridged links) and its km in each zone (see `routeLinks`). */
  routes: { component: number; route: ZoneLengths }[];
  /** Road and rail links carried by a bridge with a fragility class: its spans and skew. */
  bridges: { component: number; spans: number; skewDeg: number }[];
  dependsOn: DependencyGroup[][];
  bySystem: SystemNetwork[];
}

export function compileLifelines(features: LifelineProperties[], zoneIndex: ReadonlyMap<string, number>, file: string): { network: LifelineNetwork; issues: Issue[] } {
  const issues: Issue[] = [];
  const ordered = [...features.map((p, i) => ({ p, i })).filter(({ p }) => p.kind === 'node'), ...features.map((p, i) => ({ p, i })).filter(({ p }) => p.kind === 'link')];
  const index = new Map(ordered.map(({ p }, k) => [p.id, k]));
  const network: LifelineNetwork = { ids: ordered.map(({ p }) => p.id), systems: ordered.map(({ p }) => p.system), corridor: ordered.map(({ p }) => p.corridor), fragility: ordered.map(({ p }) => p.fragility), zone: ordered.map(({ p }) => (p.zone === undefined ? -1 : (zoneIndex.get(p.zone) ?? -1))), routes: [], bridges: [], dependsOn: [], bySystem: [] };
  const systemOf = new Map<LifelineSystem, SystemNetwork>();
  const sys = (s: LifelineSystem): SystemNetwork => {
    let entry = systemOf.get(s);
    if (!entry) {
      entry = { system: s, nodes: [], sources: [], links: [], deliveries: [] };
      systemOf.set(s, entry);
    }
    return entry;
  };
  ordered.forEach(({ p, i }, k) => {
    const at = (field: string): string => `features[${i}].properties.${field}`;
    if (p.fragility !== undefined && !(p.fragility in HAZUS_LIFELINE_CLASSES) && !(p.fragility in HAZUS_PIPELINE_CLASSES) && !(p.fragility in HAZUS_BRIDGE_CLASSES)) {
      issues.push({ file, path: at('fragility'), message: `unknown fragility class '${p.fragility}' (known: ${[...Object.keys(HAZUS_LIFELINE_CLASSES), ...Object.keys(HAZUS_PIPELINE_CLASSES), 'hazus-hwb1 … hazus-hwb28'].join(', ')})` });
    }
    if (p.kind === 'node' && p.fragility !== undefined && p.fragility in HAZUS_PIPELINE_CLASSES) {
      issues.push({ file, path: at('fragility'), message: `'${p.fragility}' is a pipeline class, for links; a node needs a facility class` });
    }
    const bridgeClass = p.fragility === undefined ? undefined : HAZUS_BRIDGE_CLASSES[p.fragility];
    if (bridgeClass) {
      if (p.kind !== 'link' || (p.system !== 'road' && p.system !== 'rail')) {
        issues.push({ file, path: at('fragility'), message: `'${p.fragility}' is a bridge class, for road and rail links` });
      } else if (!p.bridge) {
        issues.push({ file, path: at('bridge'), message: `a link with bridge class '${p.fragility}' needs its bridge: name and spans at least` });
      } else if (bridgeClass.k3d && p.bridge.spans <= bridgeClass.k3d.b) {
        issues.push({ file, path: at('bridge.spans'), message: `${bridgeClass.hazusClass} is a multi-span class (its K3D divides by spans − ${bridgeClass.k3d.b}): got ${p.bridge.spans} span(s); a single span is HWB3 or HWB4` });
      } else {
        network.bridges.push({ component: k, spans: p.bridge.spans, skewDeg: p.bridge.skewDeg ?? 0 });
      }
    } else if (p.kind === 'link' && p.bridge) {
      issues.push({ file, path: at('bridge'), message: 'a bridge needs a bridge fragility class (hazus-hwb1 … hazus-hwb28) in the link\'s fragility' });
    }
    const groups: DependencyGroup[] = [];
    if (p.kind === 'node') {
      const entry = sys(p.system);
      entry.nodes.push(k);
      if (p.role === 'source') {
        if (p.capacity === undefined) issues.push({ file, path: at('capacity'), message: 'a source needs the number of people it can supply' });
        else entry.sources.push({ component: k, capacity: p.capacity });
      }
      if (p.role === 'delivery') {
        if (!p.serves) issues.push({ file, path: at('serves'), message: 'a delivery node names the zones it supplies' });
        const zones = (p.serves ?? []).flatMap((z, n) => {
          const zi = zoneIndex.get(z);
          if (zi === undefined) issues.push({ file, path: at(`serves[${n}]`), message: `unknown zone '${z}'` });
          return zi === undefined ? [] : [zi];
        });
        entry.deliveries.push({ component: k, zones });
      }
      (p.dependsOn ?? []).forEach((g, n) => {
        const suppliers = g.suppliers.flatMap((id, m) => {
          const s = index.get(id);
          if (s === undefined) issues.push({ file, path: at(`dependsOn[${n}].suppliers[${m}]`), message: `unknown component '${id}'` });
          return s === undefined ? [] : [s];
        });
        if (suppliers.length > 0) groups.push({ suppliers, backupHours: g.backupHours });
      });
    } else {
      const from = index.get(p.from);
      const to = index.get(p.to);
      if (from === undefined) issues.push({ file, path: at('from'), message: `unknown node '${p.from}'` });
      if (to === undefined) issues.push({ file, path: at('to'), message: `unknown node '${p.to}'` });
      for (const [end, field] of [[from, 'from'], [to, 'to']] as const) {
        if (end !== undefined && network.systems[end] !== p.system) issues.push({ file, path: at(field), message: `joins a ${network.systems[end] ?? '?'} node to a ${p.system} link` });
      }
      // A link without a zone of its own feels the shaking at its from-node.
      if (network.zone[k] === -1 && from !== undefined) network.zone[k] = network.zone[from] ?? -1;
      if (from !== undefined && to !== undefined) sys(p.system).links.push({ component: k, from, to, capacity: p.capacity, oneWay: p.oneWay ?? false });
    }
    network.dependsOn.push(groups);
  });
  // Service is assessed for systems that deliver to zones; transport and reserves serve people through the people stage.
  network.bySystem = [...systemOf.values()].filter((s) => s.deliveries.length > 0);
  return { network, issues };
}

/**
 * Lays each pipeline or bridged link over the zones along its drawn line, so the earthquake stage
 * can apply each zone's shaking to the km of pipe in it, or find the worst-shaken stretch of a
 * bridge. `lines` maps such a link's id to its coordinates.
 */
export function routeLinks(network: LifelineNetwork, lines: ReadonlyMap<string, Position[]>, locate: (lon: number, lat: number) => number): void {
  network.routes = network.ids.flatMap((id, k) => {
    const line = lines.get(id);
    return line ? [{ component: k, route: zoneLengths(line, locate) }] : [];
  });
}

/** Component indices an outage target names: a component id, `component:<id>` or `corridor:<id>`. */
export function resolveTargets(network: LifelineNetwork, targets: readonly string[]): number[] {
  return targets.flatMap((target) => {
    if (target.startsWith('corridor:')) {
      const corridor = target.slice('corridor:'.length);
      return network.corridor.flatMap((c, k) => (c === corridor ? [k] : []));
    }
    const k = network.ids.indexOf(target.replace(/^component:/, ''));
    return k >= 0 ? [k] : [];
  });
}
