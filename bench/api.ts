/**
 * Load on the API over loopback, bounded in time: reads of a finished run's summary and zone
 * layer, and what-if corridor cuts on it, while another run computes in the background. Reports
 * requests per second and latency percentiles. Usage: npm run build && node dist/bench/api.js [seconds=5]
 */
import { availableParallelism, cpus } from 'node:os';
import autocannon from 'autocannon';
import { build } from '../api/app.js';

const seconds = Number(process.argv[2] ?? 5);
const app = await build({ dbPath: ':memory:', workers: 1, rateLimitPerMinute: 0 });
const address = await app.listen({ port: 0, host: '127.0.0.1' });
const post = async (body: unknown): Promise<string> => {
  const response = await fetch(`${address}/runs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return ((await response.json()) as { id: string }).id;
};
const finished = await post({ scenarioId: 'tangshan-1976', options: { realizations: 50 } });
for (;;) {
  const run = (await (await fetch(`${address}/runs/${finished}`)).json()) as { status: string };
  if (run.status === 'succeeded') break;
  await new Promise((r) => setTimeout(r, 50));
}
const background = await post({ scenarioId: 'tangshan-1976', options: { realizations: 5000 } });

console.log(`machine: ${cpus()[0]?.model ?? '?'} × ${availableParallelism()} threads, node ${process.version}; a 5,000-realization run computing meanwhile (${background})`);
for (const path of [`/runs/${finished}/summary`, `/runs/${finished}/layers/zones.geojson`, '/health']) {
  const result = await autocannon({ url: `${address}${path}`, connections: 10, duration: seconds });
  console.log(`${path.replace(finished, '{id}')}: ${Math.round(result.requests.average)} req/s, latency p50 ${result.latency.p50} ms, p97.5 ${result.latency.p97_5} ms, p99 ${result.latency.p99} ms, ${result.non2xx} non-2xx`);
}
// What-if: one request at a time (the budget is per click), cycling through corridor cuts.
const whatIf = await autocannon({
  url: `${address}/whatif`, connections: 1, duration: seconds, method: 'POST', headers: { 'content-type': 'application/json' },
  requests: ['beijing-tianjin', 'south-north-diversion-middle-route', 'beijing-tangshan-qinhuangdao', 'shaan-jing-gas'].map((c) => ({ method: 'POST' as const, body: JSON.stringify({ runId: finished, cut: [`corridor:${c}`] }) })),
});
console.log(`POST /whatif (corridor cuts, 1 connection): ${Math.round(whatIf.requests.average)} req/s, latency p50 ${whatIf.latency.p50} ms, p97.5 ${whatIf.latency.p97_5} ms, p99 ${whatIf.latency.p99} ms, ${whatIf.non2xx} non-2xx`);
await fetch(`${address}/runs/${background}`, { method: 'DELETE' });
await app.close();
