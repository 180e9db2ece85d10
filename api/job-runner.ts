import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Piscina } from 'piscina';
import { RenxingError } from '../engine/core/errors.js';
import { BUNDLED_SCENARIOS_DIR } from '../engine/core/paths.js';
import { runGridToFolder, SERVICE_NAMING } from '../engine/flood/grid/run-grid.js';
import { OUTPUT_MANIFEST } from '../engine/io/write-run-outputs.js';
import { cornersLonLat } from '../engine/io/grid-corners.js';
import { RunDetached, type RedisCoordinator } from '../engine/distributed/coordinator.js';
import { describeTaskFailure } from '../engine/parallel/pool.js';
import type { RegionCache } from '../engine/region/region-cache.js';
import type { DomainRunEnd, PreparedResult, RegionRunEnd } from '../engine/run/finish-run.js';
import type { RealizationInput } from '../engine/run/realization.js';
import { runRealizations } from '../engine/run/run-scenario.js';
import { loadScenarioData, type LoadedDomainScenario, type LoadedScenario } from '../engine/scenario/load-scenario.js';
import type { RunStore } from './run-store.js';

export interface JobRunnerOptions {
  store: RunStore;
  pool: Piscina;
  /** Runs executing at once. */
  concurrency: number;
  /** The folders request scenarios may name packs and rasters in. */
  roots: readonly string[];
  /** Threads of the 2D solver for a raster run. */
  gridWorkers: number;
  /** Wall time of one run before it fails with RX_ERR_BUDGET (s). */
  runTimeoutS: number;
  /** Heap of each pool thread (MiB), named when a run outgrows it. */
  heapMb?: number;
  regions?: RegionCache;
  /**
   * A region run's realizations go to `renxing worker` processes over Redis instead of the pool
   * (keyed by the run's id, so a run taken up again after a restart collects what the workers
   * already finished).
   */
  remote?: RedisCoordinator;
}

/**
 * Executes queued runs on the engine's worker pool, a bounded number at a time, so the event
 * loop stays free for requests: realizations, and then the summary, layers and their hashes, are
 * made on worker threads; the event loop only stores the bytes. Each run has a time budget; a run
 * past it, or whose thread dies, fails with a coded error and frees its slot. Progress goes to the
 * store (throttled); listeners hear of every change for server-sent events.
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
  private readonly store: RunStore;
  private readonly pool: Piscina;
  /** Set while the server stops with runs on Redis: they are left running there, to resume at the next start. */
  private detaching = false;

  constructor(private readonly options: JobRunnerOptions) {
    this.store = options.store;
    this.pool = options.pool;
  }

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
    while (!this.stopped && this.active < this.options.concurrency && this.queue.length > 0) {
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
  private async runDomain(loaded: LoadedDomainScenario, progress: (fraction: number) => void, signal: AbortSignal): Promise<PreparedResult> {
    const { domain, scenario } = loaded;
    const scratch = await mkdtemp(join(tmpdir(), 'renxing-grid-'));
    try {
      const { summary, outDir } = await runGridToFolder(
        { label: scenario.file.id, model: domain.model, origin: domain.origin, ...(domain.epsg ? { epsg: domain.epsg } : {}), saveTimes: domain.saveTimes, massTimes: [], naming: SERVICE_NAMING, warnings: [] },
        { outDir: join(scratch, 'out'), workers: this.options.gridWorkers, onProgress: progress },
      );
      const layers: Record<string, Uint8Array> = {};
      for (const name of await readdir(outDir)) if (name !== OUTPUT_MANIFEST) layers[name] = new Uint8Array(await readFile(join(outDir, name)));
      // Each depth frame also as a PNG on the viewer's colour ramp (full colour at the run's deepest water), for clients that only draw images: made on a pool thread.
      const fullDepthM = Math.max(summary.maxDepthM, 0.1);
      const grid = { nx: domain.model.nx, ny: domain.model.ny, cellSize: domain.model.dx, ...domain.origin };
      const corners = cornersLonLat(grid, domain.epsg);
      const raster = {
        ...grid, ...(domain.epsg ? { epsg: domain.epsg } : {}), ...(corners ? { cornersLonLat: corners } : {}),
        frames: domain.saveTimes.map((t) => ({ tS: t, layer: `depth-${t}.f32`, image: `depth-${t}.png` })), maxDepthLayer: 'max-depth.f32', maxDepthImage: 'max-depth.png', imageFullDepthM: fullDepthM,
      };
      const full = { ...summary, scenario: scenario.file.id, scenarioTitle: scenario.file.title, raster };
      const task: DomainRunEnd = { summary: full, layers, nx: domain.model.nx, ny: domain.model.ny, fullDepthM };
      return await this.finish('domain', task, Object.values(layers).map((l) => l.buffer as ArrayBuffer), signal);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }

  /** A run's end on a pool thread; the task's buffers are transferred there, the result's back. */
  private async finish(name: 'region' | 'domain', task: RegionRunEnd | DomainRunEnd, transferList: ArrayBuffer[], signal: AbortSignal): Promise<PreparedResult> {
    try {
      return (await this.pool.run(task, { name, transferList, signal })) as PreparedResult;
    } catch (error) {
      if (signal.aborted && signal.reason instanceof RenxingError) throw signal.reason;
      throw describeTaskFailure(error, "the run's summary", this.options.heapMb);
    }
  }

  /** A region run: its input compiled on a pool thread, realizations on the pool (or Redis workers), then its end on a pool thread. */
  private async runRegion(id: string, loaded: LoadedScenario, progress: (fraction: number) => void, signal: AbortSignal): Promise<PreparedResult> {
    const startedAtMs = Date.now();
    let compiled: RealizationInput;
    try {
      compiled = (await this.pool.run(loaded, { name: 'compile', signal })) as RealizationInput;
    } catch (error) {
      if (signal.aborted && signal.reason instanceof RenxingError) throw signal.reason;
      throw describeTaskFailure(error, "the run's input", this.options.heapMb);
    }
    const remote = this.options.remote ? await this.options.remote.ensemble(loaded, id) : undefined;
    const { input, values } = await runRealizations(loaded, { ...(remote ? { remote } : { pool: this.pool }), signal, onProgress: (done, total) => progress(done / total), ...(this.options.heapMb !== undefined ? { heapMb: this.options.heapMb } : {}) }, compiled);
    const task: RegionRunEnd = { loaded, input, values, startedAtMs };
    return this.finish('region', task, Object.values(values).map((v) => v.values.buffer as ArrayBuffer), signal);
  }

  private async execute(id: string): Promise<void> {
    const stored = this.store.scenarioOf(id);
    const status = this.store.get(id)?.status;
    // A run found running at start was cut short by a restart; on Redis it resumes where its jobs are.
    if (!stored || !(status === 'queued' || (status === 'running' && this.options.remote))) return;
    this.store.markRunning(id);
    this.notify(id);
    const controller = new AbortController();
    this.controllers.set(id, controller);
    // The time budget: past it the run's tasks stop (their threads are replaced) and it fails.
    const budgetS = this.options.runTimeoutS;
    const timer = setTimeout(() => controller.abort(new RenxingError('RX_ERR_BUDGET', `the run took longer than its time budget of ${budgetS.toLocaleString('en-US')} s`)), budgetS * 1000);
    timer.unref();
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
      const loaded = await loadScenarioData(stored.scenario, 'request', BUNDLED_SCENARIOS_DIR, stored.options, { roots: this.options.roots, ...(this.options.regions ? { regions: this.options.regions } : {}) });
      const result = loaded.kind === 'domain' ? await this.runDomain(loaded, progress, controller.signal) : await this.runRegion(id, loaded, progress, controller.signal);
      controller.signal.throwIfAborted();
      this.store.succeed(id, result);
      await this.options.remote?.forget(id);
    } catch (caught) {
      if (this.detaching) return; // left as it is, to resume at the next start
      await this.options.remote?.forget(id).catch(() => undefined);
      const error = controller.signal.aborted && controller.signal.reason instanceof RenxingError ? controller.signal.reason : caught;
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
      clearTimeout(timer);
      this.controllers.delete(id);
    }
    this.notify(id);
  }
}
