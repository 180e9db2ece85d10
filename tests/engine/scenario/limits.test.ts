// Issue 24: bounded inputs. Each case is a reproduction from the issue that validated (or crashed)
// before: the same loader serves `renxing validate`, `renxing run` and the API.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { formatIssue, RenxingError } from '../../../engine/core/errors.js';
import { LIMITS, rainRecordFor } from '../../../engine/core/limits.js';
import { formatAsciiGrid } from '../../../engine/io/ascii-grid.js';
import { loadAnyScenario } from '../../../engine/scenario/load-scenario.js';
import { packWithRivers } from '../../fixtures/river-pack.js';
import { miniPack, withTempDir, writePack } from '../../fixtures/mini-pack.js';

const base = { schemaVersion: 1, id: 'limits', title: 'Limits', region: './mini', hazards: [] as unknown[] };
const quake = { type: 'earthquake', epicenter: [116.4, 39.9], magnitude: 6, depthKm: 10 };

/** Loads `scenario` beside the mini pack (or `pack`) and returns its issue lines, [] when valid. */
async function lines(scenario: unknown, options: { name?: string; text?: string; pack?: Record<string, unknown> } = {}): Promise<string[]> {
  return withTempDir(async (dir) => {
    await writePack(dir, options.pack ?? miniPack());
    const name = options.name ?? 'limits.yaml';
    await writeFile(join(dir, name), options.text ?? stringify(scenario));
    return loadAnyScenario(join(dir, name)).then(() => [], (error: unknown) => {
      if (error instanceof RenxingError) return error.issues.map(formatIssue);
      throw error;
    });
  });
}

describe('scenario limits (issue 24)', () => {
  it('defect 1: refuses more hazards than the limit, before any is compiled', async () => {
    const many = Array.from({ length: LIMITS.hazards.value + 1 }, () => structuredClone(quake));
    expect(await lines({ ...base, hazards: many })).toEqual([`limits.yaml: hazards: must have at most ${LIMITS.hazards.value} item(s)`]);
    expect(await lines({ ...base, hazards: many.slice(1) })).toEqual([]);
  });

  it('defect 3: bounds storm totals, design-flood values and hours in the schema', async () => {
    expect(await lines({ ...base, hazards: [{ type: 'rainfall', durationH: 24, uniformMm: 1e308 }] })).toEqual(['limits.yaml: hazards[0].uniformMm: must be ≤ 26470']);
    expect(await lines({ ...base, hazards: [{ type: 'rainfall', durationH: 24, totalsMm: { a: 1e308 } }] })).toEqual(['limits.yaml: hazards[0].totalsMm.a: must be ≤ 26470']);
    expect(await lines({ ...base, hazards: [{ type: 'designFlood', node: 'n', hydrographM3s: [[0, 0], [1, 1e308]] }] })).toEqual(['limits.yaml: hazards[0].hydrographM3s[1][1]: must be ≤ 1000000']);
    expect(await lines({ ...base, hazards: [{ ...quake, atH: 1e308 }] })).toEqual(['limits.yaml: hazards[0].atH: must be ≤ 8760']);
  });

  it('defect 3: refuses a storm total above the world record for its duration, scaled or not', async () => {
    expect(rainRecordFor(24)?.mm).toBe(1825);
    expect(rainRecordFor(6)?.mm).toBe(1144); // the 12 h record bounds every shorter storm above an hour
    const pack = packWithRivers();
    const over = await lines({ ...base, hazards: [{ type: 'rainfall', durationH: 24, uniformMm: 2000 }] }, { pack });
    expect(over).toEqual(['limits.yaml: hazards[0].uniformMm: 2000 mm in 24 h is more than the world record for 24 h (1,825 mm, Foc-Foc, La Réunion, 1966)']);
    const scaled = await lines({ ...base, hazards: [{ type: 'rainfall', durationH: 24, uniformMm: 1000, scale: 2 }] }, { pack });
    expect(scaled).toEqual(['limits.yaml: hazards[0].scale: 1000 mm × 2 = 2000 mm in 24 h is more than the world record for 24 h (1,825 mm, Foc-Foc, La Réunion, 1966)']);
    expect(await lines({ ...base, hazards: [{ type: 'rainfall', durationH: 24, uniformMm: 1800 }] }, { pack })).toEqual([]);
  });

  it('defect 3: a hazard at or past the horizon is an error, not a hazard at 0 h', async () => {
    expect(await lines({ ...base, hazards: [{ ...quake, atH: 500 }] })).toEqual([
      "limits.yaml: hazards[0].atH: is 500 h, not before the run's horizon of 120 h (options.horizonH): the hazard would never happen",
    ]);
    expect(await lines({ ...base, hazards: [{ ...quake, atH: 500 }], options: { horizonH: 600 } })).toEqual([]);
  });

  it('defect 9: a region folder that is not a pack is named by the scenario field, once', async () => {
    await withTempDir(async (dir) => {
      await mkdir(join(dir, 'etc'));
      await writeFile(join(dir, 's.yaml'), stringify({ ...base, region: './etc' }));
      const error = await loadAnyScenario(join(dir, 's.yaml')).catch((e: unknown) => e as RenxingError);
      expect((error as RenxingError).issues.map(formatIssue)).toEqual(["s.yaml: region: region './etc' is a folder without a region.yaml, not a region pack (bundled packs: capital)"]);
    });
  });

  it('defect 9: a JSON scenario with a key twice is refused, as YAML refuses it', async () => {
    const text = '{"schemaVersion": 1, "id": "limits", "title": "Limits",\n "region": "./elsewhere", "region": "./mini", "hazards": []}';
    expect(await lines(undefined, { name: 'dup.json', text })).toEqual(["dup.json: (root): invalid JSON at line 2, column 27: duplicate key 'region' (keys must be unique)"]);
  });
});

describe('raster domain limits (issue 24, defects 5 and 9)', () => {
  const domain = { dem: 'dem.asc', manning: 0.03, durationH: 1, boundaries: [{ side: 'E', type: 'free' }] };
  const withDem = async (d: Record<string, unknown>): Promise<string[]> => withTempDir(async (dir) => {
    await writeFile(join(dir, 'dem.asc'), formatAsciiGrid({ nx: 4, ny: 3, xll: 0, yll: 0, cellSize: 10, data: new Float64Array(12).fill(1) }));
    await writeFile(join(dir, 'plain.yaml'), stringify({ schemaVersion: 1, id: 'plain', title: 'Plain', hazards: [], domain: d }));
    return loadAnyScenario(join(dir, 'plain.yaml')).then(() => [], (e: RenxingError) => e.issues.map(formatIssue));
  });

  it('bounds outputEveryH below, and counts the frames before listing them', async () => {
    expect(await withDem({ ...domain, outputEveryH: 1e-12 })).toEqual(['plain.yaml: domain.outputEveryH: must be ≥ 0.001']);
    // 8 h every 3.6 s: 8,000 frames, refused without building the list (1e-6 h wrote 474,646 files).
    expect(await withDem({ ...domain, durationH: 8, outputEveryH: 0.001 })).toEqual([
      `plain.yaml: domain.outputEveryH: gives 8,000 depth rasters over 8 h, over the limit of ${LIMITS.depthFrames.value.toLocaleString('en-US')}: save less often`,
    ]);
    expect(await withDem({ ...domain, outputEveryH: 0.25 })).toEqual([]);
  });

  it('names durationH, not the solver keyword sim_time', async () => {
    expect(await withDem({ ...domain, durationH: 1e-12 })).toEqual(['plain.yaml: domain.durationH: must be ≥ 0.001']);
  });
});
