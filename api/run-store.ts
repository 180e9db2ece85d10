import { createHash, randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { prepareResult, type PreparedResult } from '../engine/run/finish-run.js';

export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'interrupted' | 'cancelled';

export interface RunRecord {
  id: string;
  scenarioId: string;
  title: string;
  status: RunStatus;
  /** Fraction of realizations done, 0–1. */
  progress: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: { code: string; message: string; details: unknown[] } | null;
}

interface RunRow {
  id: string;
  scenario_id: string;
  title: string;
  status: RunStatus;
  progress: number;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
}

/** Schema changes, applied in order once each; `user_version` records how far a database is. */
const MIGRATIONS = [
  `CREATE TABLE runs (
     id TEXT PRIMARY KEY, scenario_id TEXT NOT NULL, title TEXT NOT NULL, scenario TEXT NOT NULL, options TEXT NOT NULL,
     status TEXT NOT NULL, progress REAL NOT NULL DEFAULT 0, created_at TEXT NOT NULL, started_at TEXT, finished_at TEXT,
     error TEXT, summary TEXT);
   CREATE TABLE layers (run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE, name TEXT NOT NULL, content BLOB NOT NULL,
     sha256 TEXT NOT NULL, PRIMARY KEY (run_id, name));`,
  // The summary as served: its hash (the ETag) and a gzip copy; rows from before are filled on first read.
  `ALTER TABLE runs ADD COLUMN summary_sha256 TEXT;
   ALTER TABLE runs ADD COLUMN summary_gzip BLOB;`,
];

/** A stored summary as it is served: the JSON bytes, a gzip copy and the SHA-256 of the JSON. */
export interface SummaryBytes {
  json: Buffer;
  gzip: Buffer;
  sha256: string;
}

/** A page of `list()`: the cursor is opaque to clients (the last run's creation time and id). */
export interface RunPage {
  runs: RunRecord[];
  /** Give it as `after` for the next page; absent on the last. */
  next?: string;
}

const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

const now = (): string => new Date().toISOString();

/**
 * Runs and their results in an embedded SQLite database (better-sqlite3, WAL). A result is
 * written in one transaction with its layers and checksums, so a crash never leaves half of one;
 * runs that were queued or running when the process stopped are marked `interrupted` on open.
 */
export class RunStore {
  private readonly db: Database.Database;

  /** With `resumeUnfinished` (runs queued on Redis), runs that were queued or running stay so, for the server to take up again. */
  constructor(path: string, options: { resumeUnfinished?: boolean } = {}) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    const version = this.db.pragma('user_version', { simple: true }) as number;
    MIGRATIONS.slice(version).forEach((sql, k) => {
      this.db.transaction(() => {
        this.db.exec(sql);
        this.db.pragma(`user_version = ${version + k + 1}`);
      })();
    });
    if (!options.resumeUnfinished) this.db.prepare("UPDATE runs SET status = 'interrupted', finished_at = ? WHERE status IN ('queued', 'running')").run(now());
  }

  /** Runs queued or running, oldest first (to take up again after a restart). */
  unfinished(): string[] {
    return (this.db.prepare("SELECT id FROM runs WHERE status IN ('queued', 'running') ORDER BY created_at, id").all() as { id: string }[]).map((r) => r.id);
  }

  create(scenario: { id: string; title: string }, options: Record<string, unknown>): RunRecord {
    const id = randomUUID();
    this.db.prepare('INSERT INTO runs (id, scenario_id, title, scenario, options, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, scenario.id, scenario.title, JSON.stringify(scenario), JSON.stringify(options), 'queued', now());
    return this.get(id) as RunRecord;
  }

  /**
   * Adds a run that finished elsewhere (the CLI's output folder) with its result, under an id the
   * caller derives from the result, so importing the same output again adds nothing (returns false).
   */
  importFinished(id: string, scenario: { id: string; title: string }, options: Record<string, unknown>, finishedAt: string, summary: unknown, layers: Record<string, Uint8Array>): boolean {
    return this.db.transaction(() => {
      if (this.get(id)) return false;
      this.db.prepare("INSERT INTO runs (id, scenario_id, title, scenario, options, status, progress, created_at, started_at, finished_at) VALUES (?, ?, ?, ?, ?, 'running', 0, ?, ?, ?)")
        .run(id, scenario.id, scenario.title, JSON.stringify(scenario), JSON.stringify(options), finishedAt, finishedAt, finishedAt);
      this.succeed(id, prepareResult(summary, layers));
      this.db.prepare('UPDATE runs SET finished_at = ? WHERE id = ?').run(finishedAt, id);
      return true;
    })();
  }

  get(id: string): RunRecord | undefined {
    const row = this.db.prepare('SELECT id, scenario_id, title, status, progress, created_at, started_at, finished_at, error FROM runs WHERE id = ?').get(id) as RunRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  /** Runs oldest first, `limit` at most, after the run the cursor `after` names (from a previous page's `next`). */
  list(options: { limit?: number; after?: string } = {}): RunPage {
    const limit = options.limit ?? Number.MAX_SAFE_INTEGER;
    const cursor = options.after === undefined ? undefined : decodeCursor(options.after);
    const columns = 'SELECT id, scenario_id, title, status, progress, created_at, started_at, finished_at, error FROM runs';
    const rows = (cursor
      ? this.db.prepare(`${columns} WHERE (created_at, id) > (?, ?) ORDER BY created_at, id LIMIT ?`).all(cursor.createdAt, cursor.id, limit + 1)
      : this.db.prepare(`${columns} ORDER BY created_at, id LIMIT ?`).all(limit + 1)) as RunRow[];
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { runs: page.map(toRecord), ...(rows.length > limit && last ? { next: encodeCursor(last.created_at, last.id) } : {}) };
  }

  scenarioOf(id: string): { scenario: unknown; options: Record<string, unknown> } | undefined {
    const row = this.db.prepare('SELECT scenario, options FROM runs WHERE id = ?').get(id) as { scenario: string; options: string } | undefined;
    return row ? { scenario: JSON.parse(row.scenario) as unknown, options: JSON.parse(row.options) as Record<string, unknown> } : undefined;
  }

  markRunning(id: string): void {
    this.db.prepare("UPDATE runs SET status = 'running', started_at = ? WHERE id = ? AND status = 'queued'").run(now(), id);
  }

  setProgress(id: string, progress: number): void {
    this.db.prepare("UPDATE runs SET progress = ? WHERE id = ? AND status = 'running'").run(progress, id);
  }

  fail(id: string, error: { code: string; message: string; details: unknown[] }): void {
    this.db.prepare("UPDATE runs SET status = 'failed', finished_at = ?, error = ? WHERE id = ? AND status IN ('queued', 'running')").run(now(), JSON.stringify(error), id);
  }

  /**
   * Stores a prepared result (summary and every layer, hashed and serialised elsewhere, on a
   * worker thread) and marks the run done, in one transaction; a run cancelled meanwhile keeps no
   * result (returns false).
   */
  succeed(id: string, result: PreparedResult): boolean {
    return this.db.transaction(() => {
      if (this.get(id)?.status !== 'running') return false;
      const insert = this.db.prepare('INSERT OR REPLACE INTO layers (run_id, name, content, sha256) VALUES (?, ?, ?, ?)');
      for (const layer of result.layers) insert.run(id, layer.name, asBuffer(layer.content), layer.sha256);
      this.db.prepare("UPDATE runs SET status = 'succeeded', progress = 1, finished_at = ?, summary = ?, summary_sha256 = ?, summary_gzip = ? WHERE id = ?")
        .run(now(), asBuffer(result.summaryJson).toString('utf8'), result.summarySha256, asBuffer(result.summaryGzip), id);
      return true;
    })();
  }

  /** The stored summary as JSON text. */
  summaryJson(id: string): string | undefined {
    const row = this.db.prepare('SELECT summary FROM runs WHERE id = ?').get(id) as { summary: string | null } | undefined;
    return row?.summary ?? undefined;
  }

  /** The stored summary as served (bytes, gzip copy, hash); a summary stored before these existed gets them now. */
  summaryBytes(id: string): SummaryBytes | undefined {
    const row = this.db.prepare('SELECT summary, summary_sha256, summary_gzip FROM runs WHERE id = ?').get(id) as { summary: string | null; summary_sha256: string | null; summary_gzip: Buffer | null } | undefined;
    if (!row || row.summary === null) return undefined;
    const json = Buffer.from(row.summary, 'utf8');
    if (row.summary_sha256 !== null && row.summary_gzip !== null) return { json, gzip: row.summary_gzip, sha256: row.summary_sha256 };
    const filled = { json, gzip: gzipSync(json), sha256: createHash('sha256').update(json).digest('hex') };
    this.db.prepare('UPDATE runs SET summary_sha256 = ?, summary_gzip = ? WHERE id = ?').run(filled.sha256, filled.gzip, id);
    return filled;
  }

  layerNames(id: string): string[] {
    return (this.db.prepare('SELECT name FROM layers WHERE run_id = ? ORDER BY name').all(id) as { name: string }[]).map((r) => r.name);
  }

  layer(id: string, name: string): { content: Buffer; sha256: string } | undefined {
    return this.db.prepare('SELECT content, sha256 FROM layers WHERE run_id = ? AND name = ?').get(id, name) as { content: Buffer; sha256: string } | undefined;
  }

  /** Removes a run and its layers; a queued or running one is marked cancelled instead (its result is then discarded). */
  remove(id: string): 'removed' | 'cancelled' | undefined {
    const run = this.get(id);
    if (!run) return undefined;
    if (run.status === 'queued' || run.status === 'running') {
      this.db.prepare("UPDATE runs SET status = 'cancelled', finished_at = ? WHERE id = ?").run(now(), id);
      return 'cancelled';
    }
    this.db.prepare('DELETE FROM runs WHERE id = ?').run(id);
    return 'removed';
  }

  close(): void {
    this.db.close();
  }
}

const encodeCursor = (createdAt: string, id: string): string => Buffer.from(`${createdAt}|${id}`).toString('base64url');

function decodeCursor(cursor: string): { createdAt: string; id: string } | undefined {
  const [createdAt, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  return createdAt !== undefined && id !== undefined && rest.length === 0 ? { createdAt, id } : undefined;
}

/** Whether `cursor` is one `list()` gave. */
export const isCursor = (cursor: string): boolean => /^[A-Za-z0-9_-]{1,200}$/.test(cursor) && decodeCursor(cursor) !== undefined;

function toRecord(row: RunRow): RunRecord {
  return {
    id: row.id, scenarioId: row.scenario_id, title: row.title, status: row.status, progress: row.progress,
    createdAt: row.created_at, startedAt: row.started_at, finishedAt: row.finished_at,
    error: row.error ? (JSON.parse(row.error) as RunRecord['error']) : null,
  };
}
