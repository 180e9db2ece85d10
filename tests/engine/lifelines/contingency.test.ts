import { describe, expect, it } from 'vitest';
import { runCli } from '../../../engine/cli/program.js';
import type { ContingencyRanking } from '../../../engine/lifelines/run-contingency.js';
import { packWithLifelines } from '../../fixtures/lifeline-pack.js';
import { withTempDir, writePack } from '../../fixtures/mini-pack.js';

async function rank(dir: string, ...flags: string[]): Promise<ContingencyRanking> {
  let out = '';
  const code = await runCli(['contingency', `${dir}/mini`, '--json', '--out', `${dir}/out`, ...flags], { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => true } });
  expect(code).toBe(0);
  return JSON.parse(out) as ContingencyRanking;
}

describe('renxing contingency', () => {
  it('ranks corridors and links by residents losing service (worked by hand), the same on 1 or 2 workers', async () => {
    await withTempDir(async (dir) => {
      await writePack(dir, packWithLifelines());
      const one = await rank(dir, '--workers', '1');
      const two = await rank(dir, '--workers', '2');
      expect(two).toEqual(one);
      expect(one.baseline).toEqual({ power: 0, water: 0 });
      // W-WD cuts water to a and d (5,000). Losing east leaves c only the 500-person tie (2,500
      // short). Losing north, or the S–DA line, leaves P2 alone: a gets half, b and c 90% (1,000).
      expect(one.cases.map((c) => [c.elements.join('+'), c.lost])).toEqual([
        ['W-WD', 5000], ['east', 2500], ['north', 1000], ['S-DA', 1000], ['DA-DC', 0],
      ]);
      expect(one.cases[0]?.lostBySystem).toEqual({ power: 0, water: 5000 });
    });
  });

  it('runs every pair for N−2', async () => {
    await withTempDir(async (dir) => {
      await writePack(dir, packWithLifelines());
      const pairs = await rank(dir, '--k', '2', '--workers', '2');
      expect(pairs.cases).toHaveLength(10); // 5 elements, 10 pairs
      expect(pairs.cases[0]?.elements.sort()).toEqual(['W-WD', 'east']);
    });
  });

  it('says so when a cap leaves combinations out, and runs triples of a chosen list', async () => {
    await withTempDir(async (dir) => {
      await writePack(dir, packWithLifelines());
      const all = await rank(dir, '--k', '2', '--workers', '1');
      expect(all).toMatchObject({ combinations: 10, assessed: 10 });
      expect(all.sampled).toBeUndefined();
      const capped = await rank(dir, '--k', '2', '--workers', '1', '--max-cases', '4');
      expect(capped).toMatchObject({ combinations: 10, assessed: 4, sampled: { cap: 4 } });
      expect(capped.cases).toHaveLength(4);
      // Every 2.5th pair in order: pairs 0, 2, 5 and 7 of the 10.
      const triples = await rank(dir, '--k', '3', '--workers', '1', '--among', 'W-WD,east,north,S-DA');
      expect(triples).toMatchObject({ k: 3, among: ['W-WD', 'east', 'north', 'S-DA'], combinations: 4, assessed: 4 });
      expect(triples.cases[0]?.elements).toHaveLength(3);
      let err = '';
      const code = await runCli(['contingency', `${dir}/mini`, '--k', '3', '--out', `${dir}/out`], { stdout: { write: () => true }, stderr: { write: (s: string) => (err += s) } });
      expect(code).toBe(2);
      expect(err).toMatch(/k = 3 needs the corridors and links to combine \(--among a,b,c\): all 5 .* make 10 triples/);
    });
  });
});
