/**
 * What travels through Redis: the jobs (an ensemble chunk, a batch of contingency cases), checked
 * on arrival, and their results as exact binary (Float64 bits, NaN included) under a key per job.
 */
import { schemaIssues } from '../core/schema-issues.js';
import type { ChunkMetrics } from '../parallel/ensemble.js';
import { ScenarioFileSchema, type RunOptions, type ScenarioFile } from '../scenario/schema.js';
import type { PackRef } from './packs.js';

/** The queue runs and workers meet on unless `--queue` names another. */
export const DEFAULT_QUEUE = 'renxing';
/** Job format; a worker refuses other versions rather than guess. */
export const PROTOCOL = 1;
/** How long a result waits in Redis for its run to collect it (a run resumed after an API restart reuses it). */
export const RESULT_TTL_S = 24 * 3600;

/** The scenario as the submitting side loaded it: the file with storms transposed and floods shaped, and the options in force. */
export interface ScenarioSpec {
  file: ScenarioFile;
  label: string;
  options: Required<RunOptions>;
}

export interface EnsembleJob {
  v: typeof PROTOCOL;
  kind: 'ensemble';
  pack: PackRef;
  scenario: ScenarioSpec;
  /** Realizations `from … from + count − 1` with the scenario's seed. */
  from: number;
  count: number;
}

export interface ContingencyJob {
  v: typeof PROTOCOL;
  kind: 'contingency';
  pack: PackRef;
  horizonH: number;
  /** Each case: the component indices (in the pack's lifeline order) cut together. */
  cases: number[][];
}

export type RenxingJob = EnsembleJob | ContingencyJob;

/** The Redis key a job's result waits under. */
export const resultKey = (queue: string, jobId: string): string => `renxing:${queue}:result:${jobId}`;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown, min: number): v is number => Number.isSafeInteger(v) && (v as number) >= min;

/** Checks a job's data; a malformed one is an Error saying what is wrong (the worker fails that job, not itself). */
export function parseJob(data: unknown): RenxingJob {
  const bad = (what: string): Error => new Error(`malformed job: ${what}`);
  if (!isObject(data)) throw bad('its data is not an object');
  if (data['v'] !== PROTOCOL) throw bad(`protocol ${String(data['v'])}, this worker speaks ${PROTOCOL} (run the same renxing version on every machine)`);
  const pack = data['pack'];
  if (!isObject(pack) || typeof pack['id'] !== 'string' || typeof pack['hash'] !== 'string' || !/^[0-9a-f]{64}$/.test(pack['hash'])) throw bad('pack must be { id, hash } with a SHA-256 hex hash');
  if (data['kind'] === 'ensemble') {
    const scenario = data['scenario'];
    if (!isObject(scenario) || typeof scenario['label'] !== 'string' || !isObject(scenario['options'])) throw bad('scenario must be { file, label, options }');
    const issues = schemaIssues(ScenarioFileSchema, scenario['file'], scenario['label']);
    if (issues.length > 0) throw bad(`scenario: ${issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    const options = scenario['options'];
    if (!isCount(options['seed'], 0) || !isCount(options['realizations'], 1) || typeof options['horizonH'] !== 'number') throw bad('scenario.options must give seed, realizations and horizonH');
    if (!isCount(data['from'], 0) || !isCount(data['count'], 1) || (data['from']) + (data['count']) > options['realizations']) throw bad(`from/count (${String(data['from'])}/${String(data['count'])}) must lie within the ${String(options['realizations'])} realizations`);
    return data as unknown as EnsembleJob;
  }
  if (data['kind'] === 'contingency') {
    if (typeof data['horizonH'] !== 'number' || !(data['horizonH'] >= 0)) throw bad('horizonH must be an hour ≥ 0');
    const cases = data['cases'];
    if (!Array.isArray(cases) || cases.some((c) => !Array.isArray(c) || c.some((k) => !isCount(k, 0)))) throw bad('cases must be lists of component indices');
    return data as unknown as ContingencyJob;
  }
  throw bad(`unknown kind '${String(data['kind'])}' (expected ensemble or contingency)`);
}

/**
 * Metrics as bytes: a little-endian u32 header length, the JSON header [[name, length], …],
 * padding to 8 bytes, then every array's Float64 values little-endian, in header order.
 */
export function encodeMetrics(metrics: ChunkMetrics): Buffer {
  const names = Object.keys(metrics);
  const header = Buffer.from(JSON.stringify(names.map((n) => [n, (metrics[n] as Float64Array).length])));
  const start = Math.ceil((4 + header.length) / 8) * 8;
  const total = names.reduce((s, n) => s + (metrics[n] as Float64Array).length, 0);
  const out = Buffer.alloc(start + total * 8);
  out.writeUInt32LE(header.length, 0);
  header.copy(out, 4);
  let at = start;
  for (const n of names) {
    for (const x of metrics[n] as Float64Array) {
      out.writeDoubleLE(x, at);
      at += 8;
    }
  }
  return out;
}

export function decodeMetrics(bytes: Buffer): ChunkMetrics {
  const length = bytes.readUInt32LE(0);
  const header = JSON.parse(bytes.subarray(4, 4 + length).toString('utf8')) as [string, number][];
  let at = Math.ceil((4 + length) / 8) * 8;
  const expected = at + 8 * header.reduce((s, [, n]) => s + n, 0);
  if (expected !== bytes.length) throw new Error(`a result of ${bytes.length} bytes does not match its header (${expected} bytes)`);
  const out: ChunkMetrics = {};
  for (const [name, n] of header) {
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++, at += 8) values[i] = bytes.readDoubleLE(at);
    out[name] = values;
  }
  return out;
}
