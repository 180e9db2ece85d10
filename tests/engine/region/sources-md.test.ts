import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_REGIONS_DIR } from '../../../engine/core/paths.js';
import { readPackData, type PackData } from '../../../engine/region/pack-data.js';
import { applySourcesBlocks, checkSourcesRows, numbersIn, renderSourcesBlocks, staleSourcesBlocks } from '../../../engine/region/sources-md.js';

describe('SOURCES.md generated blocks', () => {
  const blocks = new Map([['counts', 'It has 3 features.\n']]);

  it('writes a block between its markers and leaves the rest of the file alone', () => {
    const md = 'intro\n<!-- generated:counts -->\nIt has 2 features.\n<!-- /generated:counts -->\nrest\n';
    expect(applySourcesBlocks(md, blocks)).toBe('intro\n<!-- generated:counts -->\nIt has 3 features.\n<!-- /generated:counts -->\nrest\n');
  });

  it('calls a block stale when it differs from the data, and missing when its markers are gone', () => {
    expect(staleSourcesBlocks('<!-- generated:counts -->\nIt has 2 features.\n<!-- /generated:counts -->\n', blocks)).toEqual(['counts: differs from the data (run the pack\'s derive:sources)']);
    expect(staleSourcesBlocks('It has 3 features.\n', blocks)).toEqual(['counts: block missing']);
    expect(staleSourcesBlocks('<!-- generated:counts -->\nIt has 3 features.\n<!-- /generated:counts -->\n', blocks)).toEqual([]);
  });

  it('reads numbers as Chinese sources write them: 万, 亿, ×10^n and thousands separators', () => {
    expect(numbersIn('424 km²; 2.86×10^8 m³; 31万 residents; 1,800 m³/s; 2亿')).toEqual([424, 2.86e8, 310_000, 1_800, 2e8]);
  });
});

describe('capital pack: SOURCES.md agrees with the data (issue 22)', () => {
  let data: PackData;
  let md: string;
  beforeAll(async () => {
    const dir = join(BUNDLED_REGIONS_DIR, 'capital');
    data = await readPackData(dir);
    md = readFileSync(join(dir, 'SOURCES.md'), 'utf8');
  });

  it('holds the counts and tables the data gives (npm run derive:sources writes them)', () => {
    expect(staleSourcesBlocks(md, renderSourcesBlocks(data))).toEqual([]);
  });

  it('names only ids that exist and quotes every figure of the river features its rows name', () => {
    expect(checkSourcesRows(md, data)).toEqual([]);
  });

  it('catches the drift the audit found: a feature count and a figure that no longer match', () => {
    const drifted = md.replace(/It has \*\*\d+ features\*\*/, 'It has **71 features**').replace('| `dtb-yongding-fanqu` area | **511.65 km²**', '| `dtb-yongding-fanqu` area | **300 km²**');
    expect(staleSourcesBlocks(drifted, renderSourcesBlocks(data))).toContain('rivers-counts: differs from the data (run the pack\'s derive:sources)');
    expect(checkSourcesRows(drifted, data).some((p) => p.includes('`dtb-yongding-fanqu`') && p.includes('areaKm2'))).toBe(true);
  });
});
