import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode as encodePng } from 'fast-png';
import type { Piscina } from 'piscina';
import { RenxingError } from '../engine/core/errors.js';
import { BUNDLED_SCENARIOS_DIR } from '../engine/core/paths.js';
import { runGridToFolder, SERVICE_NAMING } from '../engine/flood/grid/run-grid.js';
import { depthToRgba } from '../engine/io/depth-colours.js';
import { OUTPUT_MANIFEST } from '../engine/io/write-run-outputs.js';
import { cornersLonLat } from '../engine/io/grid-corners.js';
import { renderRunFiles } from '../engine/run/layers.js';
import { runScenario } from '../engine/run/run-scenario.js';
import { loadScenarioData, type LoadedDomainScenario } from '../engine/scenario/load-scenario.js';
import { RunDetached, type RedisCoordinator } from '../engine/distributed/coordinator.js';
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
  private stopped = false;
  /** Runs in progress, to stop on request. */
  private readonly controllers = new Map<string, AbortController>();
  /** Hears what went wrong where a run's failure could not even be stored (the server logs it). */
  onError: (error: unknown) => void = () => undefined;

  /** Set while the server stops with runs on Redis: they are left running there, to resume at the next start. */
  private detaching = false;

  /**
   * `roots`: the folders request scenarios may name packs and rasters in. With `remote`, a region
   * run's realizations go to `renxing worker` processes over Redis (keyed by the run's id, so a
   * run taken up again after a restart collects what the workers already finished).
   */
  constructor(private readonly store: RunStore, private readonly pool: Piscina, private readonly concurrency: number, private readonly roots: readonly string[], private readonly gridWorkers = 1, private readonly remote?: RedisCoordinator) {}

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

  /** Starts no more queued runs (the server is closing; the store marks them interrupted when it next opens). */
  stop(): void {
    this.stopped = true;
  }

  /**
   * Stops waiting for the runs in progress without ending them (runs on Redis: their jobs stay
   * queued and workers go on; the next start takes the runs up again).
   */
  async detach(): Promise<void> {
    this.stopped = true;
    this.detaching = true;
    for (const controller of this.controllers.values()) controller.abort(new RunDetached());
    await this.idle();
  }

  get pending(): number {
    return this.queue.length + this.active;
  }

  /** Stops run `id`: drops it from the queue, or aborts its work (its tasks stop; a raster run stops at its next frame). */
  cancel(id: string): void {
    const queued = this.queue.indexOf(id);
    if (queued >= 0) this.queue.splice(queued, 1);
    this.controllers.get(id)?.abort();
  }

  /** Tells the listeners that run `id` changed (also when a request cancelled or removed it). */
  notify(id: string): void {
    for (const listener of this.listeners) listener(id);
  }

  private pump(): void {
    while (!this.stopped && this.active < this.concurrency && this.queue.length > 0) {
      const id = this.queue.shift() as string;
      this.active++;
      const job = this.execute(id).catch((error: unknown) => this.onError(error)).finally(() => {
        this.active--;
        this.running.delete(job);
        this.pump();
      });
      this.running.add(job);
    }
  }

  /**
   * A raster-domain run on the 2D solver's own threads, written to a scratch folder and stored
   * as layers: GeoTIFFs, the raw Float32 depth frames the viewer colours, the same frames as PNG
   * images, and the mass table. The summary adds where the raster lies (corners in lon/lat when
   * its CRS is known) and its frames.
   */
  private async runDomain(loaded: LoadedDomainScenario, progress: (fraction: number) => void): Promise<{ summary: unknown; layers: Record<string, Uint8Array> }> {
    const { domain, scenario } = loaded;
    const scratch = await mkdtemp(join(tmpdir(), 'renxing-grid-'));
    try {
      const { summary, outDir } = await runGridToFolder(
        { label: scenario.file.id, model: domain.model, origin: domain.origin, ...(domain.epsg ? { epsg: domain.epsg } : {}), saveTimes: domain.saveTimes, massTimes: [], naming: SERVICE_NAMING, warnings: [] },
        { outDir: join(scratch, 'out'), workers: this.gridWorkers, onProgress: progress },
      );
      const layers: Record<string, Uint8Array> = {};
      for (const name of await readdir(outDir)) if (name !== OUTPUT_MANIFEST) layers[name] = await readFile(join(outDir, name));
      // Each depth frame also as a PNG on the viewer's colour ramp (full colour at the run's deepest water), for clients that only draw images.
      const fullDepthM = Math.max(summary.maxDepthM, 0.1);
      for (const name of Object.keys(layers).filter((n) => n.endsWith('.f32'))) {
        const bytes = layers[name] as Uint8Array;
        const depth = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
        const rgba = depthToRgba(depth, new Uint8ClampedArray(depth.length * 4), fullDepthM);
        layers[name.replace(/\.f32$/, '.png')] = encodePng({ width: domain.model.nx, height: domain.model.ny, data: new Uint8Array(rgba.buffer), channels: 4 });
      }
      const grid = { nx: domain.model.nx, ny: domain.model.ny, cellSize: domain.model.dx, ...domain.origin };
      const corners = cornersLonLat(grid, domain.epsg);
      const raster = {
        ...grid, ...(domain.epsg ? { epsg: domain.epsg } : {}), ...(corners ? { cornersLonLat: corners } : {}),
        frames: domain.saveTimes.map((t) => ({ tS: t, layer: `depth-${t}.f32`, image: `depth-${t}.png` })), maxDepthLayer: 'max-depth.f32', maxDepthImage: 'max-depth.png', imageFullDepthM: fullDepthM,
      };
      const full = { ...summary, scenario: scenario.file.id, scenarioTitle: scenario.file.title, raster };
      layers['summary.json'] = Buffer.from(`${JSON.stringify(full, null, 2)}\n`);
      return { summary: full, layers };
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }

  private async execute(id: string): Promise<void> {
    const stored = this.store.scenarioOf(id);
    const status = this.store.get(id)?.status;
    // A run found running at start was cut short by a restart; on Redis it resumes where its jobs are.
    if (!stored || !(status === 'queued' || (status === 'running' && this.remote))) return;
    this.store.markRunning(id);
    this.notify(id);
    const controller = new AbortController();
    this.controllers.set(id, controller);
    let lastReport = 0;
    const progress = (fraction: number): void => {
      controller.signal.throwIfAborted();
      const now = Date.now();
      if (now - lastReport < 200 && fraction < 1) return;
      lastReport = now;
      try {
        this.store.setProgress(id, fraction);
      } catch (error) {
        // Progress is advisory: a busy database must not fail the run.
        this.onError(error);
        return;
      }
      this.notify(id);
    };
    try {
      const loaded = await loadScenarioData(stored.scenario, 'request', BUNDLED_SCENARIOS_DIR, stored.options, { roots: this.roots });
      if (loaded.kind === 'domain') {
        const { summary, layers } = await this.runDomain(loaded, progress);
        this.store.succeed(id, summary, layers);
      } else {
        const remote = this.remote ? await this.remote.ensemble(loaded, id) : undefined;
        const summary = await runScenario(loaded, { ...(remote ? { remote } : { pool: this.pool }), signal: controller.signal, onProgress: (done, total) => progress(done / total) });
        this.store.succeed(id, summary, renderRunFiles(summary, loaded.region));
        await this.remote?.forget(id);
      }
    } catch (error) {
      if (this.detaching) return; // left as it is, to resume at the next start
      await this.remote?.forget(id).catch(() => undefined);
      // A cancelled run is already marked so; its abort is not a failure to log.
      if (!(error instanceof RenxingError) && !controller.signal.aborted) this.onError(error);
      // Engine messages are for users; anything else stays in the server's log.
      const e = error instanceof RenxingError ? error : new RenxingError('RX_ERR_INTERNAL', 'the run failed on an internal error (see the server log)');
      try {
        this.store.fail(id, { code: e.code, message: e.message, details: [...e.issues] });
      } catch (storeError) {
        this.onError(storeError);
      }
    } finally {
      this.controllers.delete(id);
    }
    this.notify(id);
  }
}
