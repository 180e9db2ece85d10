import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadRegion } from './load-region.js';
import type { Region } from './region.js';

/**
 * Loaded region packs kept by folder, for a process that loads the same packs again and again (the
 * API: every request and run names one). An entry is used while no file under its folder has
 * changed size or time since it was loaded; a failed load is not kept. Regions are read-only once
 * loaded, so one object serves every caller.
 */
export class RegionCache {
  private readonly entries = new Map<string, { stamp: string; region: Promise<Region> }>();

  constructor(private readonly capacity = 8) {}

  load(dir: string): Promise<Region> {
    const key = resolve(dir);
    const stamp = stampOf(key);
    const hit = this.entries.get(key);
    this.entries.delete(key);
    if (hit && hit.stamp === stamp) {
      this.entries.set(key, hit);
      return hit.region;
    }
    const region = loadRegion(dir);
    this.entries.set(key, { stamp, region });
    region.catch(() => { if (this.entries.get(key)?.region === region) this.entries.delete(key); });
    for (const oldest of this.entries.keys()) if (this.entries.size > this.capacity) this.entries.delete(oldest);
    return region;
  }
}

/** Size and modification time of every file under `dir` (a pack is a few dozen files). */
function stampOf(dir: string): string {
  try {
    return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort().map((name) => {
      const s = statSync(join(dir, name));
      return `${name}:${s.size}:${s.mtimeMs}`;
    }).join('\n');
  } catch {
    return `unreadable:${Date.now()}`;
  }
}
