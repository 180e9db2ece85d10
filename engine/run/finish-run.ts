/**
 * The end of a run as the API stores it, made on a worker thread so the server's event loop never
 * waits on it (issue 24): the summary from the realizations, the layers rendered, every file
 * hashed, the summary's JSON and a gzip copy of it to serve as stored bytes. What comes back is
 * bytes only, transferred, so the main thread's share is one database transaction.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { encode as encodePng } from 'fast-png';
import { depthToRgba } from '../io/depth-colours.js';
import type { MetricSeries } from '../parallel/ensemble.js';
import type { LoadedScenario } from '../scenario/load-scenario.js';
import { renderRunFiles } from './layers.js';
import type { RealizationInput } from './realization.js';
import { summarizeRun } from './run-scenario.js';

export interface StoredLayer {
  name: string;
  content: Uint8Array;
  /** SHA-256 of `content`, hex. */
  sha256: string;
}

/** A run's result ready to store: the summary as compact JSON, gzipped, hashed; every layer hashed. */
export interface PreparedResult {
  summaryJson: Uint8Array;
  summaryGzip: Uint8Array;
  summarySha256: string;
  layers: StoredLayer[];
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** `bytes` in an ArrayBuffer of its own, so transferring it detaches nothing else (Buffers may share a pool). */
function own(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && !(bytes.buffer instanceof SharedArrayBuffer) ? bytes : new Uint8Array(bytes);
}

const encoder = new TextEncoder();

/** Hashes, serialises and compresses a result. */
export function prepareResult(summary: unknown, layers: Readonly<Record<string, string | Uint8Array>>): PreparedResult {
  const summaryJson = encoder.encode(JSON.stringify(summary));
  return {
    summaryJson,
    summaryGzip: own(gzipSync(summaryJson, { level: 6 })),
    summarySha256: sha256(summaryJson),
    layers: Object.entries(layers).map(([name, content]) => {
      const bytes = typeof content === 'string' ? encoder.encode(content) : own(content);
      return { name, content: bytes, sha256: sha256(bytes) };
    }),
  };
}

/** The buffers of a prepared result, to transfer rather than copy between threads. */
export function transferListOf(result: PreparedResult): ArrayBuffer[] {
  return [result.summaryJson, result.summaryGzip, ...result.layers.map((l) => l.content)].map((b) => b.buffer as ArrayBuffer);
}

export interface RegionRunEnd {
  loaded: LoadedScenario;
  input: RealizationInput;
  values: Record<string, MetricSeries>;
  /** When the run started (ms since the epoch), for `elapsedS`. */
  startedAtMs: number;
}

/** Summary and layers of a region run from its realizations. */
export function finishRegionRun(task: RegionRunEnd): PreparedResult {
  const summary = summarizeRun(task.loaded, task.input, task.values, () => Number(((Date.now() - task.startedAtMs) / 1000).toFixed(3)));
  return prepareResult(summary, renderRunFiles(summary, task.loaded.region));
}

export interface DomainRunEnd {
  summary: unknown;
  /** The solver's files, the raw Float32 depth frames (`*.f32`) among them. */
  layers: Record<string, Uint8Array>;
  nx: number;
  ny: number;
  /** Depth drawn at full colour in the PNG frames. */
  fullDepthM: number;
}

/**
 * A raster run's layers plus each depth frame as a PNG on the viewer's colour ramp (full colour at
 * `fullDepthM`), for clients that only draw images.
 */
export function finishDomainRun(task: DomainRunEnd): PreparedResult {
  const layers: Record<string, Uint8Array> = { ...task.layers };
  for (const name of Object.keys(task.layers).filter((n) => n.endsWith('.f32'))) {
    const bytes = task.layers[name] as Uint8Array;
    const depth = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const rgba = depthToRgba(depth, new Uint8ClampedArray(depth.length * 4), task.fullDepthM);
    layers[name.replace(/\.f32$/, '.png')] = encodePng({ width: task.nx, height: task.ny, data: new Uint8Array(rgba.buffer), channels: 4 });
  }
  layers['summary.json'] = encoder.encode(`${JSON.stringify(task.summary, null, 2)}\n`);
  return prepareResult(task.summary, layers);
}
