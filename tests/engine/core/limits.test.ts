import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIMITS, limitsTable, RAIN_RECORDS_MM, rainRecordFor } from '../../../engine/core/limits.js';
import { PACKAGE_ROOT } from '../../../engine/core/paths.js';

describe('the limits table', () => {
  it('is printed in the README as it is in the code', () => {
    expect(readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8')).toContain(limitsTable());
  });

  it('holds positive whole numbers', () => {
    for (const [name, limit] of Object.entries(LIMITS)) expect(Number.isSafeInteger(limit.value) && limit.value > 0, name).toBe(true);
  });

  it('bounds a storm by the record of the shortest tabulated duration at least as long, records growing with duration', () => {
    RAIN_RECORDS_MM.forEach((r, k) => { if (k > 0) expect(r.mm).toBeGreaterThan((RAIN_RECORDS_MM[k - 1] as { mm: number }).mm); });
    expect(rainRecordFor(0.5)?.mm).toBe(305);
    expect(rainRecordFor(24)?.mm).toBe(1825);
    expect(rainRecordFor(25)?.mm).toBe(2493);
    expect(rainRecordFor(8760)?.mm).toBe(26_470);
    expect(rainRecordFor(8761)).toBeUndefined();
  });
});
