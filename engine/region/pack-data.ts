/**
 * A region pack's data files as written (no compilation), for the checks that read the files
 * themselves — provenance markers and SOURCES.md — rather than the compiled region.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readDataFile } from '../io/read-data-file.js';
import { loadRegion } from './load-region.js';
import type { ExposureFile, LifelinesFile, RiversFile, SheltersFile, ZonesFile } from './schema.js';

export interface PackData {
  zones: ZonesFile;
  rivers: RiversFile;
  lifelines: LifelinesFile;
  shelters: SheltersFile;
  exposure?: ExposureFile;
}

/** Reads a pack folder's files after validating the whole pack (an invalid pack throws as `loadRegion` does). */
export async function readPackData(dir: string): Promise<PackData> {
  await loadRegion(dir);
  const read = async <T>(name: string) => (await readDataFile(join(dir, name))) as T;
  const exposurePath = join(dir, 'exposure.yaml');
  return {
    zones: await read<ZonesFile>('zones.geojson'),
    rivers: await read<RiversFile>('rivers.geojson'),
    lifelines: await read<LifelinesFile>('lifelines.geojson'),
    shelters: await read<SheltersFile>('shelters.geojson'),
    ...(existsSync(exposurePath) ? { exposure: await read<ExposureFile>('exposure.yaml') } : {}),
  };
}
