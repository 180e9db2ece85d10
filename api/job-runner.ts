import type { Piscina } from 'piscina';
import { RenxingError } from '../engine/core/errors.js';
import { BUNDLED_SCENARIOS_DIR } from '../engine/core/paths.js';
import { renderRunFiles } from '../engine/run/layers.js';
import { runScenario } from '../engine/run/run-scenario.js';
import { loadScenarioData } from '../engine/scenario/load-scenario.js';
import type { RunStore } from './run-store.js';

/**
 * Executes queued runs on the engine's worker pool, a bounded number at a time, so the event
 * loop stays free for requests. Progress goes to the store (throttled); listeners hear of every
 * change for server-sent events.
 */
export class JobRunner {
  private readonly queue: string[] = [];
  private active = 0;
  private readonly listeners = new Set<(id: string) => void>();
  private readonly running = new Set<Promise<void>>();

  /** `roots`: the folders request scenarios may name packs and rasters in. */
  constructor(private readonly store: RunStore, private readonly pool: Piscina, private readonly concurrency: number, private readonly roots: readonly string[]) {}

  submit(id: string): void {
    this.queue.push(id);
    this.pump();
  }

  onChange(listener: (id: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when every started run has finished (for graceful shutdown and tests). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }

  get pending(): number {
    return this.queue.length + this.active;
  }

  private notify(id: string): void {
    for (const listener of this.listeners) listener(id);
  }

  private pump(): void {
    while (this.active < this.concurrency && this.queue.length > 0) {
      const id = this.queue.shift() as string;
      this.active++;
      const job = this.execute(id).finally(() => {
        this.active--;
        this.running.delete(job);
        this.pump();
      });
      this.running.add(job);
    }
  }

  private async execute(id: string): Promise<void> {
    const stored = this.store.scenarioOf(id);
    if (!stored || this.store.get(id)?.status !== 'queued') return;
    this.store.markRunning(id);
    this.notify(id);
    let lastReport = 0;
    try {
      const loaded = await loadScenarioData(stored.scenario, 'request', BUNDLED_SCENARIOS_DIR, stored.options, { roots: this.roots });
      if (loaded.kind !== 'region') throw new RenxingError('RX_ERR_HAZARD_UNSUPPORTED', 'raster-domain scenarios run from the CLI in this version, not over the API');
      const summary = await runScenario(loaded, {
        pool: this.pool,
        onProgress: (done, total) => {
          const now = Date.now();
          if (now - lastReport < 200 && done < total) return;
          lastReport = now;
          this.store.setProgress(id, done / total);
          this.notify(id);
        },
      });
      this.store.succeed(id, summary, renderRunFiles(summary, loaded.region));
    } catch (error) {
      const e = error instanceof RenxingError ? error : new RenxingError('RX_ERR_INTERNAL', (error as Error).message);
      this.store.fail(id, { code: e.code, message: e.message, details: [...e.issues] });
    }
    this.notify(id);
  }
}
