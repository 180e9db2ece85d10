/**
 * Writes the Beijing rows of the capital pack's `exposure.yaml` stock from the 2010 census table
 * 9-1 as the Beijing statistics bureau publishes it by district (`census-2010-housing.ts`): one row
 * per district whose row was read, and the group mixes derived from the total and 市辖区 rows for
 * the others. The Tianjin and Hebei rows (province shares; their district rows were not found)
 * and everything above `stock:` are kept as they are. Run after changing the table:
 *
 *   npm run derive:exposure
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { BEIJING_2010, beijingStockRows, rowProblems } from './census-2010-housing.js';

const here = dirname(fileURLToPath(import.meta.url));
const path = join(resolve(here, '../../../../../scenarios/regions/capital'), 'exposure.yaml');
const problems = Object.entries(BEIJING_2010).flatMap(([name, r]) => rowProblems(name, r));
if (problems.length > 0) throw new Error(`the transcribed table does not add up:\n${problems.join('\n')}`);
const text = readFileSync(path, 'utf8');
const at = text.indexOf('\nstock:\n');
if (at < 0) throw new Error('exposure.yaml has no stock: section');
const file = parse(text) as { stock: { zonesWithPrefix: string }[] };
const others = file.stock.filter((s) => !s.zonesWithPrefix.startsWith('11'));
const stock = stringify({ stock: [...beijingStockRows(), ...others] }, { lineWidth: 0 });
writeFileSync(path, `${text.slice(0, at + 1)}${stock}`);
process.stdout.write(`wrote ${path}: ${beijingStockRows().length} Beijing rows, ${others.length} others\n`);
