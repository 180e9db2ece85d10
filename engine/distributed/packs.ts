/**
 * Region packs across machines: a run names its pack by id and content hash, and a worker uses
 * its own copy only when the hashes agree (a pack edited on one machine and not another would
 * otherwise give silently different numbers).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { BUNDLED_REGIONS_DIR } from '../core/paths.js';
import { readDataFile } from '../io/read-data-file.js';
import { loadRegion } from '../region/load-region.js';
import type { Region } from '../region/region.js';

/** A pack as a job names it. */
export interface PackRef {
  id: string;
  /** SHA-256 (hex) of the pack's files, as `hashPack` computes it. */
  hash: string;
}

/** The files `loadRegion` reads, in a fixed order (optional ones hashed only when present), then the DEM region.yaml names. */
const PACK_FILES = ['region.yaml', 'zones.geojson', 'rivers.geojson', 'lifelines.geojson', 'shelters.geojson', 'exposure.yaml', 'outline.geojson'];

/**
 * SHA-256 over every file the loader reads (name, length, bytes), the DEM included. Notes,
 * sources and derive scripts in the folder do not count: they do not change a number.
 */
export async function hashPack(dir: string, demPath?: string): Promise<string> {
  const hash = createHash('sha256');
  for (const name of [...PACK_FILES, ...(demPath ? [demPath] : [])]) {
    const path = join(dir, name);
    if (!existsSync(path)) continue;
    const bytes = await readFile(path);
    hash.update(`${name}\0${bytes.length}\0`).update(bytes);
  }
  return hash.digest('hex');
}

/** The pack reference of a loaded region. */
export async function packRef(region: Region): Promise<PackRef> {
  return { id: region.id, hash: await hashPack(region.dir, region.dem?.path) };
}

/** Who is speaking in a worker's messages: its host and process. */
export const WORKER_NAME = `${hostname()} (pid ${process.pid})`;

/**
 * A worker's packs: the bundled ones and those under `roots` (each a pack folder, or a folder of
 * packs), found by the id in their region.yaml. A pack is loaded once and reloaded when its files
 * change; a run whose hash differs from this machine's copy is refused.
 */
export class PackShelf {
  private readonly loaded = new Map<string, { hash: string; region: Promise<Region> }>();
  readonly roots: string[];

  constructor(roots: readonly string[] = []) {
    this.roots = [BUNDLED_REGIONS_DIR, ...roots.map((r) => resolve(r))];
  }

  /** Pack folders by id, looked up afresh (a pack copied in while the worker runs is found). */
  private async folders(): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const root of this.roots) {
      if (!existsSync(root)) continue;
      const candidates = existsSync(join(root, 'region.yaml')) ? [root] : readdirSync(root).map((n) => join(root, n)).filter((d) => statSync(d).isDirectory() && existsSync(join(d, 'region.yaml')));
      for (const dir of candidates) {
        try {
          const data = (await readDataFile(join(dir, 'region.yaml'))) as { id?: unknown };
          if (typeof data.id === 'string' && !found.has(data.id)) found.set(data.id, dir);
        } catch {
          // An unreadable region.yaml is not a pack this worker can offer; a run naming it hears "no pack".
        }
      }
    }
    return found;
  }

  /** The region for `ref`, or an Error that says why this worker cannot use its copy. */
  async get(ref: PackRef): Promise<Region> {
    const dir = (await this.folders()).get(ref.id);
    if (!dir) throw new Error(`worker ${WORKER_NAME}: no region pack '${ref.id}' here (looked in ${this.roots.join(', ')}): every worker needs the packs its runs use, passed with --packs`);
    const cached = this.loaded.get(dir);
    let entry = cached;
    if (cached) {
      const region = await cached.region;
      if ((await hashPack(dir, region.dem?.path)) !== cached.hash) entry = undefined;
    }
    if (!entry) {
      const region = loadRegion(dir);
      region.catch(() => this.loaded.delete(dir));
      const hash = await hashPack(dir, (await region).dem?.path);
      entry = { hash, region };
      this.loaded.set(dir, entry);
    }
    if (entry.hash !== ref.hash) {
      throw new Error(`worker ${WORKER_NAME}: region pack '${ref.id}' at ${dir} has content hash ${entry.hash.slice(0, 12)}…, the run's is ${ref.hash.slice(0, 12)}…: the packs differ; give this worker the run's copy of the pack`);
    }
    return entry.region;
  }
}
