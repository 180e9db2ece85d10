import { join } from 'node:path';
import { BUNDLED_REGIONS_DIR } from '../core/paths.js';
import { listBundledRegions, loadRegion } from '../region/load-region.js';
import { readBundledScenarios } from '../scenario/bundled-scenarios.js';
import type { CliIo } from './program.js';

export async function listBundled(io: CliIo, json: boolean): Promise<void> {
  const regions = await Promise.all(listBundledRegions().map(async (id) => {
    const region = await loadRegion(join(BUNDLED_REGIONS_DIR, id));
    return { id, name: region.name, zones: region.zones.count, circles: region.circles.length };
  }));
  const scenarios = (await readBundledScenarios()).map(({ file, data }) => ({
    file: `scenarios/${file}`, id: typeof data['id'] === 'string' ? data['id'] : '?', title: typeof data['title'] === 'string' ? data['title'] : '', region: typeof data['region'] === 'string' ? data['region'] : '?',
  }));
  if (json) {
    io.stdout.write(`${JSON.stringify({ regions, scenarios }, null, 2)}\n`);
    return;
  }
  io.stdout.write('Regions\n');
  for (const r of regions) io.stdout.write(`  ${r.id.padEnd(16)} ${r.name} (${r.zones} zones, ${r.circles} circles)\n`);
  io.stdout.write('Scenarios\n');
  for (const s of scenarios) io.stdout.write(`  ${s.file.padEnd(32)} ${s.title} [region ${s.region}]\n`);
}
