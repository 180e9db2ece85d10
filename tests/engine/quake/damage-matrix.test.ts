/**
 * Damage probability matrices (issue 19): the machinery, on a small HAND-MADE matrix — made up
 * for the test, not from any study (no numeric Chinese matrix was found; the capital pack keeps
 * Hazus). Checked: rows at the tabulated degrees, interpolation between them, the taper below the
 * first row, the split at a code year, the kernel's damage, casualties and displaced from it,
 * the loader's checks, and a scenario picking the matrix.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { formatIssue, RenxingError } from '../../../engine/core/errors.js';
import { createPool } from '../../../engine/parallel/pool.js';
import { allocateDamageOutput, assessBuildingDamage, compileDamageModel } from '../../../engine/quake/damage.js';
import { CHINESE_DAMAGE_GRADES, matrixStateProbabilities, type CompiledMatrix } from '../../../engine/quake/vulnerability/damage-probability-matrix.js';
import { loadRegion } from '../../../engine/region/load-region.js';
import type { Exposure } from '../../../engine/region/region.js';
import { runScenario } from '../../../engine/run/run-scenario.js';
import { loadScenario } from '../../../engine/scenario/load-scenario.js';
import { miniPack, withTempDir, writePack } from '../../fixtures/mini-pack.js';

// Hand-made rows (基本完好, 轻微, 中等, 严重, 毁坏) at VI, VII, VIII.
const A = [[0.8, 0.15, 0.05, 0, 0], [0.5, 0.3, 0.15, 0.05, 0], [0.2, 0.3, 0.3, 0.15, 0.05]];
const PRE = [[0.6, 0.3, 0.1, 0, 0], [0.3, 0.3, 0.2, 0.15, 0.05], [0.1, 0.2, 0.3, 0.25, 0.15]];
const POST = [[0.9, 0.1, 0, 0, 0], [0.7, 0.2, 0.1, 0, 0], [0.4, 0.3, 0.2, 0.1, 0]];
const matrix: CompiledMatrix = {
  id: 'hand-made', reference: 'made up for this test', firstDegree: 6, degrees: 3, codeYear: 1990,
  preCode: Float64Array.from([...A, ...PRE].flat()), postCode: Float64Array.from([...A, ...POST].flat()),
};
const shares = (c: number, intensity: number, pre = 0): number[] => {
  const out = new Float64Array(5);
  matrixStateProbabilities(matrix, c, intensity, pre, out);
  return Array.from(out, (x) => Number(x.toFixed(6)));
};

describe('damage probability matrices', () => {
  it('maps the five Chinese grades onto the Hazus states in order', () => {
    expect(CHINESE_DAMAGE_GRADES.map((g) => `${g.zh}:${g.hazus}`)).toEqual(['基本完好:none', '轻微破坏:slight', '中等破坏:moderate', '严重破坏:extensive', '毁坏:complete']);
  });

  it('reads a row at its degree, interpolates between degrees, tapers to no damage below the first and holds the last above', () => {
    expect(shares(0, 7)).toEqual(A[1]);
    // VII½: the mean of VII and VIII.
    expect(shares(0, 7.5)).toEqual([0.35, 0.3, 0.225, 0.1, 0.025]);
    // V½: half of VI, half undamaged.
    expect(shares(0, 5.5)).toEqual([0.9, 0.075, 0.025, 0, 0]);
    expect(shares(0, 5)).toEqual([1, 0, 0, 0, 0]);
    expect(shares(0, 9.3)).toEqual(A[2]);
  });

  it('weights the rows before and after the code year by the share built before it', () => {
    // VIII, 60 % built before 1990: 0.6 × PRE + 0.4 × POST.
    expect(shares(1, 8, 0.6)).toEqual([0.22, 0.24, 0.26, 0.19, 0.09]);
    expect(shares(1, 8, 0)).toEqual(POST[2]);
  });

  it('gives the damage kernel its states from the zone intensity, with Hazus casualties and displacement on them', () => {
    const exposure: Exposure = {
      classes: [{ id: 'a', name: 'a', fragility: 'URML-pre' }, { id: 'b', name: 'b', fragility: 'RM1L-low' }],
      shares: Float64Array.from([1, 0, 0, 1]), singleFamilyShare: Float64Array.from([0, 1]), occupancy: { night: 1, day: 0.5 },
      matrices: [matrix], defaultVulnerability: 'hazus', builtBeforeCode: Float64Array.from([0, 0, 0, 0.6]),
    };
    const model = compileDamageModel(exposure, 'night', 'hand-made');
    expect(model.vulnerability).toBe('hand-made');
    const out = allocateDamageOutput(2);
    expect(() => assessBuildingDamage(model, Float64Array.from([0.3, 0.3]), Float64Array.from([1000, 1000]), out)).toThrow(/needs the zones' intensity/);
    // The PGA is ignored: intensity VIII in both zones.
    assessBuildingDamage(model, Float64Array.from([5, 5]), Float64Array.from([1000, 1000]), out, Float64Array.from([8, 8]));
    expect(Array.from(out.residents.subarray(0, 5), (x) => Number(x.toFixed(6)))).toEqual([200, 300, 300, 150, 50]);
    expect(Array.from(out.residents.subarray(5, 10), (x) => Number(x.toFixed(6)))).toEqual([220, 240, 260, 190, 90]);
    // Zone 0 multi-family: 0.9 × 150 + 50 = 185; zone 1 single-family: complete only, 90.
    expect(out.displaced[0]).toBeCloseTo(185, 9);
    expect(out.displaced[1]).toBeCloseTo(90, 9);
    // Deaths: Hazus URML rates per state on the matrix's states (slight … complete).
    const r = model.perOccupant;
    expect(out.deaths[0]).toBeCloseTo(300 * (r[0] as number) + 300 * (r[3] as number) + 150 * (r[6] as number) + 50 * (r[9] as number), 9);
    expect(() => compileDamageModel(exposure, 'night', 'nope')).toThrow(/unknown vulnerability 'nope' \(known: hazus, hand-made\)/);
  });
});

describe('matrices in a pack and a scenario', () => {
  const pool = createPool({ workers: 1 });
  afterAll(async () => { await pool.destroy(); });
  const exposure = (vulnerability: unknown, stock: Record<string, unknown> = {}): Record<string, unknown> => ({
    schemaVersion: 1, occupancy: { night: 1, day: 0.5 },
    structureClasses: [{ id: 'brick', name: 'Brick', fragility: 'URML-pre' }, { id: 'frame', name: 'Frame', fragility: 'C1M-moderate' }],
    stock: ['a', 'b', 'c', 'd'].map((zonesWithPrefix) => ({ zonesWithPrefix, households: { brick: 60, frame: 40 }, ...stock })),
    vulnerability,
  });
  const goodMatrix = { id: 'hand-made', name: 'Hand-made', reference: 'made up for this test', intensities: [6, 7, 8], classes: { brick: { all: A }, frame: { all: POST } } };

  it('reports every problem of a matrix with its path', async () => {
    await withTempDir(async (dir) => {
      const bad = {
        default: 'missing',
        matrices: [
          { id: 'm1', name: 'M1', reference: 'r', intensities: [6, 8], classes: { brick: { all: [[0.5, 0.2, 0.1, 0.1, 0.05], [1, 0, 0, 0, 0]] }, adobe: { all: A } } },
          { id: 'm2', name: 'M2', reference: 'r', intensities: [6, 7, 8], classes: { brick: { preCode: PRE, postCode: POST }, frame: { all: A.slice(0, 2), preCode: PRE } } },
        ],
      };
      await writePack(dir, { ...miniPack(), 'exposure.yaml': exposure(bad) });
      const found = await loadRegion(join(dir, 'mini')).then(() => [], (e: unknown) => {
        if (e instanceof RenxingError) return e.issues.map(formatIssue);
        throw e;
      });
      expect(found).toEqual(expect.arrayContaining([
        'mini/exposure.yaml: vulnerability.matrices[0].intensities: must be consecutive rising degrees, got 6, 8',
        "mini/exposure.yaml: vulnerability.matrices[0].classes.adobe: unknown structure class 'adobe' (classes: brick, frame)",
        "mini/exposure.yaml: vulnerability.matrices[0].classes.frame: a matrix must give rows for every structure class (missing 'frame')",
        'mini/exposure.yaml: vulnerability.matrices[0].classes.brick.all[0]: shares must sum to 1, got 0.95',
        'mini/exposure.yaml: vulnerability.matrices[1].classes.frame: give all, or both preCode and postCode',
        'mini/exposure.yaml: vulnerability.matrices[1].codeYear: is required when a class has preCode and postCode rows',
        "mini/exposure.yaml: stock[0].builtBeforeCode.brick: is required: a matrix splits class 'brick' at its code year",
        "mini/exposure.yaml: vulnerability.default: unknown vulnerability 'missing' (known: hazus, m1, m2)",
      ]));
    });
  });

  it('damages the buildings by the matrix a scenario names, and refuses one the pack lacks', async () => {
    await withTempDir(async (dir) => {
      await writePack(dir, { ...miniPack(), 'exposure.yaml': exposure({ matrices: [goodMatrix] }) });
      const quake = { type: 'earthquake', epicenter: [116.0, 40.0], magnitude: 6.5, depthKm: 10, residuals: 'median', intensityModel: 'yu-2013-intensity-eastern' };
      const scenario = (consequences?: unknown): Record<string, unknown> => ({ schemaVersion: 1, id: 'q', title: 'Q', region: './mini', hazards: [quake], ...(consequences ? { consequences } : {}) });
      await writeFile(join(dir, 'hazus.yaml'), stringify(scenario()));
      await writeFile(join(dir, 'matrix.yaml'), stringify(scenario({ vulnerability: 'hand-made' })));
      await writeFile(join(dir, 'unknown.yaml'), stringify(scenario({ vulnerability: 'yin-1996' })));
      const hazus = await runScenario(await loadScenario(join(dir, 'hazus.yaml')), { pool });
      const byMatrix = await runScenario(await loadScenario(join(dir, 'matrix.yaml')), { pool });
      expect(hazus.quake?.damage?.vulnerability.model).toBe('hazus');
      expect(byMatrix.quake?.damage?.vulnerability).toEqual({ model: 'hand-made', reference: 'made up for this test' });
      expect(byMatrix.quake?.damage?.method).toMatch(/damage probability matrix 'hand-made'/);
      // Zone a's median intensity (no residuals) gives its states: 60 % brick on rows A, 40 % frame on POST.
      const a = byMatrix.zones.find((z) => z.id === 'a');
      // (the summary rounds the intensity to 0.1 degree: states agree within 0.05 × the steepest row change × 1,000 residents)
      const i = a?.quake?.intensity ?? Number.NaN;
      const pack: CompiledMatrix = { ...matrix, preCode: Float64Array.from([...A, ...POST].flat()), postCode: Float64Array.from([...A, ...POST].flat()) };
      const at = (c: number): Float64Array => {
        const out = new Float64Array(5);
        matrixStateProbabilities(pack, c, i, 0, out);
        return out;
      };
      expect(i).toBeGreaterThan(6);
      const states = Object.values(a?.residentsByDamageState ?? {});
      [0, 1, 2, 3, 4].forEach((g) => expect(Math.abs((states[g] as number) - 1000 * (0.6 * (at(0)[g] as number) + 0.4 * (at(1)[g] as number)))).toBeLessThan(20));
      expect(a?.residentsByDamageState?.['none']).not.toBe(hazus.zones.find((z) => z.id === 'a')?.residentsByDamageState?.['none']);
      await expect(loadScenario(join(dir, 'unknown.yaml'))).rejects.toMatchObject({ issues: [expect.objectContaining({ path: 'consequences.vulnerability', message: "unknown vulnerability 'yin-1996' in region 'mini' (known: hazus, hand-made)" })] });
    });
  });
});
