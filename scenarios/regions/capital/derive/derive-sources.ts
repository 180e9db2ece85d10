/**
 * Writes the generated blocks of the capital pack's SOURCES.md — counts of every file, the
 * transport flags, the shelters' totals, the exposure stock and the table of figures with their
 * provenance markers — from the pack's own data (`engine/region/sources-md.ts`). A test fails when
 * the file differs from what this writes, so run it after changing the data:
 *
 *   npm run derive:sources
 *
 * It also prints the hand-written rows that no longer agree with the data (a pack id that does not
 * exist, a river feature's figure that its rows do not quote); those are mended by hand.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readPackData } from '../../../../engine/region/pack-data.js';
import { applySourcesBlocks, checkSourcesRows, renderSourcesBlocks, staleSourcesBlocks } from '../../../../engine/region/sources-md.js';

const here = dirname(fileURLToPath(import.meta.url));
// Compiled to dist/scenarios/regions/capital/derive/: the pack is four levels up, in the source tree.
const pack = resolve(here, '../../../../../scenarios/regions/capital');
const path = join(pack, 'SOURCES.md');
const data = await readPackData(pack);
const blocks = renderSourcesBlocks(data);
const before = readFileSync(path, 'utf8');
const after = applySourcesBlocks(before, blocks);
const missing = staleSourcesBlocks(after, blocks);
if (missing.length > 0) throw new Error(`SOURCES.md lacks the markers of: ${missing.join('; ')}`);
if (after !== before) writeFileSync(path, after);
process.stdout.write(`${after === before ? 'unchanged' : 'wrote'} ${path}\n`);
for (const problem of checkSourcesRows(after, data)) process.stdout.write(`${problem}\n`);
