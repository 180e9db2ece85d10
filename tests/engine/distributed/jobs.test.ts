import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeMetrics, encodeMetrics, parseJob, PROTOCOL } from '../../../engine/distributed/jobs.js';
import { hashPack, PackShelf } from '../../../engine/distributed/packs.js';
import { parseRedisUrl } from '../../../engine/distributed/redis-url.js';
import { miniPack, withTempDir, writePack } from '../../fixtures/mini-pack.js';

describe('encodeMetrics', () => {
  it('round-trips every Float64 exactly (NaN, −0, infinities, subnormals) in name order', () => {
    const metrics = { b: Float64Array.from([Number.NaN, -0, Infinity, -Infinity, 5e-324, 0.1 + 0.2]), a: new Float64Array(0), 'zone.x': Float64Array.from([1, 2, 3]) };
    const back = decodeMetrics(encodeMetrics(metrics));
    expect(Object.keys(back)).toEqual(['b', 'a', 'zone.x']);
    expect(Object.is(back['b']?.[1], -0)).toBe(true);
    expect(Array.from(back['b'] ?? [])).toEqual(Array.from(metrics.b));
    expect(Array.from(back['zone.x'] ?? [])).toEqual([1, 2, 3]);
  });

  it('refuses bytes that do not match their header', () => {
    const bytes = encodeMetrics({ x: Float64Array.from([1, 2]) });
    expect(() => decodeMetrics(bytes.subarray(0, bytes.length - 8))).toThrow(/does not match its header/);
  });
});

describe('parseJob', () => {
  const pack = { id: 'mini', hash: 'a'.repeat(64) };
  it('says what is wrong with a malformed job', () => {
    expect(() => parseJob('text')).toThrow(/malformed job: its data is not an object/);
    expect(() => parseJob({ v: 99, kind: 'ensemble', pack })).toThrow(/protocol 99, this worker speaks 1/);
    expect(() => parseJob({ v: PROTOCOL, kind: 'ensemble', pack: { id: 'mini', hash: 'xyz' } })).toThrow(/SHA-256 hex hash/);
    expect(() => parseJob({ v: PROTOCOL, kind: 'sweep', pack })).toThrow(/unknown kind 'sweep'/);
    expect(() => parseJob({ v: PROTOCOL, kind: 'contingency', pack, horizonH: 120, cases: [[0, -1]] })).toThrow(/cases must be lists of component indices/);
    const scenario = { file: { schemaVersion: 1, id: 'x', title: 'x', region: 'mini', hazards: [] }, label: 'x.yaml', options: { seed: 1, realizations: 4, horizonH: 120 } };
    expect(() => parseJob({ v: PROTOCOL, kind: 'ensemble', pack, scenario, from: 3, count: 2 })).toThrow(/must lie within the 4 realizations/);
    expect(() => parseJob({ v: PROTOCOL, kind: 'ensemble', pack, scenario: { ...scenario, file: { id: 3 } }, from: 0, count: 1 })).toThrow(/malformed job: scenario:/);
    expect(parseJob({ v: PROTOCOL, kind: 'ensemble', pack, scenario, from: 0, count: 4 }).kind).toBe('ensemble');
  });
});

describe('pack hashes', () => {
  it('change with any file the loader reads, not with notes beside them', async () => {
    await withTempDir(async (dir) => {
      const packDir = await writePack(dir, miniPack());
      const before = await hashPack(packDir);
      await writeFile(join(packDir, 'SOURCES.md'), 'notes');
      expect(await hashPack(packDir)).toBe(before);
      await appendFile(join(packDir, 'zones.geojson'), ' ');
      expect(await hashPack(packDir)).not.toBe(before);
    });
  });

  it('are checked by a worker: the pack is found by id under --packs, and a copy that differs is refused', async () => {
    await withTempDir(async (dir) => {
      const packDir = await writePack(dir, miniPack(), 'somewhere');
      const shelf = new PackShelf([dir]);
      const hash = await hashPack(packDir);
      expect((await shelf.get({ id: 'mini', hash })).id).toBe('mini');
      await expect(shelf.get({ id: 'mini', hash: 'b'.repeat(64) })).rejects.toThrow(/region pack 'mini' at .*somewhere has content hash .*, the run's is bbbbbbbbbbbb…: the packs differ/);
      await expect(shelf.get({ id: 'nowhere', hash })).rejects.toThrow(/no region pack 'nowhere' here \(looked in .*\): every worker needs the packs its runs use, passed with --packs/);
      // The pack edited while the worker runs: its new hash is what counts.
      await appendFile(join(packDir, 'zones.geojson'), '\n');
      await expect(shelf.get({ id: 'mini', hash })).rejects.toThrow(/the packs differ/);
    });
  });
});

describe('parseRedisUrl', () => {
  it('takes redis:// and rediss:// URLs, and shows them without the password', () => {
    expect(parseRedisUrl('redis://10.0.0.5:6380/2')).toEqual({ url: 'redis://10.0.0.5:6380/2', options: { host: '10.0.0.5', port: 6380, db: 2 } });
    expect(parseRedisUrl('rediss://ops:s3cret@redis.example:6379')).toMatchObject({ url: 'rediss://ops@redis.example:6379', options: { username: 'ops', password: 's3cret', tls: {} } });
    expect(() => parseRedisUrl('localhost:6379')).toThrow(/redis:\/\/ or rediss:\/\//);
    expect(() => parseRedisUrl('nonsense')).toThrow(/must be a URL such as redis:\/\/127.0.0.1:6379/);
  });
});
