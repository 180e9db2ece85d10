/**
 * Backup routes after a cut, on networks whose maximum flow is unique or whose answer does not
 * depend on which maximum flow is found (worked by hand in each test).
 */
import { describe, expect, it } from 'vitest';
import { backupRoutes } from '../../../engine/lifelines/backup-routes.js';
import { compileLifelines } from '../../../engine/lifelines/network.js';
import type { LifelineProperties } from '../../../engine/region/lifeline-schema.js';

// Plant P feeds delivery D (zone a) over a primary line P–X–D and a backup P–Y–D.
function network(primary: number, backup: number) {
  const node = (id: string, role: 'source' | 'transfer' | 'delivery', extra: Partial<LifelineProperties> = {}): LifelineProperties => ({ kind: 'node', id, name: id, system: 'power', role, ...extra } as LifelineProperties);
  const link = (id: string, from: string, to: string, capacity: number, corridor: string): LifelineProperties => ({ kind: 'link', id, name: id, system: 'power', from, to, capacity, corridor });
  const { network: net, issues } = compileLifelines([
    node('P', 'source', { capacity: 5000 }), node('X', 'transfer'), node('Y', 'transfer'), node('D', 'delivery', { serves: ['a'] }),
    link('PX', 'P', 'X', primary, 'primary'), link('XD', 'X', 'D', primary, 'primary'), link('PY', 'P', 'Y', backup, 'backup'), link('YD', 'Y', 'D', backup, 'backup'),
  ], new Map([['a', 0]]), 'test');
  expect(issues).toEqual([]);
  return net;
}
const cut = (net: ReturnType<typeof network>, ids: string[]): Uint8Array => Uint8Array.from(net.ids, (id) => (ids.includes(id) ? 0 : 1));

describe('backup routes', () => {
  it('reports a saturated network: nothing to reroute, the backup is the bottleneck', () => {
    // 1,000 residents, primary 600 + backup 400: the only maximum flow fills both. Cutting the
    // primary leaves 400 delivered: 600 unmet, nothing rerouted (the backup was already full),
    // and the backup's P–Y (first saturated arc from the plant) is the cut.
    const net = network(600, 400);
    const [power] = backupRoutes(net, cut(net, ['PX']), Float64Array.of(1000));
    expect(power).toEqual({ system: 'power', unmet: 600, rerouted: 0, takingLoad: [], bottlenecks: [{ id: 'PY', corridor: 'backup' }] });
  });

  it('moves what the backup can take and leaves the rest unmet', () => {
    // 700 residents, primary 600 + backup 400: intact, every maximum flow delivers 700 with at
    // least 300 on the primary. Cut it: the backup carries 400, 300 are unmet, and whatever the
    // primary carried beyond those 300 moved to the backup (0 … 300).
    const net = network(600, 400);
    const [power] = backupRoutes(net, cut(net, ['PX']), Float64Array.of(700));
    expect(power?.unmet).toBe(300);
    expect(power?.rerouted).toBeGreaterThanOrEqual(0);
    expect(power?.rerouted).toBeLessThanOrEqual(300);
    expect(power?.bottlenecks).toEqual([{ id: 'PY', corridor: 'backup' }]);
    for (const t of power?.takingLoad ?? []) expect(t.via).toBe('backup');
  });

  it('says nothing for systems the cuts do not touch', () => {
    const net = network(600, 400);
    expect(backupRoutes(net, cut(net, []), Float64Array.of(700))).toEqual([]);
  });
});
