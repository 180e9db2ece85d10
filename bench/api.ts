/**
 * Load on the API over loopback (issue 24's benchmark), the server in a child process and the
 * load from autocannon in this one:
 *  1. reads of a finished run's summary (gzip, as browsers ask, and identity), its zone layer and
 *     /health, at 50 and 200 connections, while another run computes in the background;
 *  2. /health at the moment a large run ends and is stored;
 *  3. what-if corridor cuts on the finished run, one request at a time.
 * Reports requests per second, latency percentiles, timeouts and non-2xx answers, and where the CPU
 * went: the server's main thread (its event loop; pool threads not counted) and this load generator,
 * per request and as a share of one core, so a short figure on a shared machine shows who lacked CPU.
 * Usage: npm run build && node dist/bench/api.js [seconds=5] [realizations of the stored run=400]
 * RENXING_BENCH_APP=<other build>/dist/api/app.js measures another commit's server the same way.
 */
import { spawn } from 'node:child_process';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { DIST_DIR } from '../engine/core/paths.js';

const seconds = Number(process.argv[2] ?? 5);
const storedRealizations = Number(process.argv[3] ?? 400);
const server = spawn(process.execPath, [join(DIST_DIR, 'bench/api-server.js')], { stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
const { address } = await new Promise<{ address: string }>((resolve, reject) => {
  server.once('exit', (code) => reject(new Error(`server exited (${String(code)})`)));
  createInterface({ input: server.stdout }).once('line', (line) => resolve(JSON.parse(line) as { address: string }));
});
const json = async <T>(path: string, init?: RequestInit): Promise<T> => (await (await fetch(`${address}${path}`, init)).json()) as T;
const post = async (body: unknown): Promise<string> => (await json<{ id: string }>('/runs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).id;
const status = async (id: string): Promise<{ status: string; progress: number; finishedAt: string | null }> => json(`/runs/${id}`);
const until = async (id: string, done: (s: { status: string; progress: number }) => boolean): Promise<void> => {
  while (!done(await status(id))) await new Promise((r) => setTimeout(r, 50));
};
/** CPU time of the server's main thread (ms), from Linux's /proc (utime + stime in USER_HZ = 100 ticks); undefined elsewhere. */
const serverMainCpuMs = (): number | undefined => {
  try {
    const fields = readFileSync(`/proc/${String(server.pid)}/task/${String(server.pid)}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
};
interface Measured { result: autocannon.Result; wallMs: number; serverMs: number | undefined; clientMs: number }
/** A load, with the CPU its two sides spent meanwhile. */
const measure = async (options: autocannon.Options, during?: (instance: autocannon.Instance) => Promise<void>): Promise<Measured> => {
  const server0 = serverMainCpuMs();
  const client0 = process.cpuUsage();
  const started = Date.now();
  const running = autocannon(options);
  // Without a callback autocannon returns its instance, which is also the promise of its result.
  await during?.(running as unknown as autocannon.Instance);
  const result = await running;
  const client = process.cpuUsage(client0);
  const server1 = serverMainCpuMs();
  return { result, wallMs: Date.now() - started, serverMs: server0 !== undefined && server1 !== undefined ? server1 - server0 : undefined, clientMs: (client.user + client.system) / 1000 };
};
const cpu = (label: string, ms: number, m: Measured): string =>
  `${label} ${Math.round((ms / Math.max(1, m.result.requests.total)) * 1000)} µs/req (${Math.round((ms / m.wallMs) * 100)} % of a core)`;
const line = (label: string, m: Measured): string => {
  const r = m.result;
  return `${label}: ${Math.round(r.requests.average).toLocaleString('en-US')} req/s, latency p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms, ${r.timeouts} timeouts, ${r.errors} errors, ${r.non2xx} non-2xx; `
    + `CPU: ${m.serverMs !== undefined ? `${cpu('server main thread', m.serverMs, m)}, ` : ''}${cpu('load generator', m.clientMs, m)}`;
};

try {
  console.log(`machine: ${cpus()[0]?.model ?? '?'} × ${availableParallelism()} threads, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}; server in a child process${process.env['RENXING_BENCH_APP'] ? ` (${process.env['RENXING_BENCH_APP']})` : ''}, rate limit off`);
  const finished = await post({ scenarioId: 'tangshan-1976', options: { realizations: 50 } });
  await until(finished, (s) => s.status === 'succeeded');
  const summaryBytes = (await (await fetch(`${address}/runs/${finished}/summary`, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer()).byteLength;
  const background = await post({ scenarioId: 'tangshan-1976', options: { realizations: 10_000 } });
  await until(background, (s) => s.status === 'running');
  console.log(`1. reads while a 10,000-realization run computes (summary ${Math.round(summaryBytes / 1024)} KiB as JSON)`);
  for (const connections of [50, 200]) {
    for (const [label, path, headers] of [
      ['GET /runs/{id}/summary, gzip', `/runs/${finished}/summary`, { 'accept-encoding': 'gzip' }],
      ['GET /runs/{id}/summary, identity', `/runs/${finished}/summary`, {}],
      ['GET /runs/{id}/layers/zones.geojson', `/runs/${finished}/layers/zones.geojson`, {}],
      ['GET /health', '/health', {}],
    ] as const) {
      const result = await measure({ url: `${address}${path}`, connections, duration: seconds, headers, timeout: 10 });
      console.log(`  ${connections} connections, ${line(label, result)}`);
    }
  }
  await fetch(`${address}/runs/${background}`, { method: 'DELETE' });

  // 2. /health while a large run ends: the load starts near the end of its realizations and lasts past its storing.
  const stored = await post({ scenarioId: 'tangshan-1976', options: { realizations: storedRealizations } });
  const started = Date.now();
  await until(stored, (s) => s.progress >= 0.9 || !['queued', 'running'].includes(s.status));
  const loadFrom = Date.now();
  let end = { status: '', finishedAt: null as string | null };
  const health = await measure({ url: `${address}/health`, connections: 10, duration: 10_000, timeout: 10 }, async (load) => {
    await until(stored, (s) => !['queued', 'running'].includes(s.status));
    end = await status(stored);
    await new Promise((r) => setTimeout(r, 2000));
    load.stop();
  });
  console.log(`2. a ${storedRealizations}-realization run (${end.status} after ${((Date.parse(end.finishedAt ?? '') - started) / 1000).toFixed(1)} s), /health from 90 % of its realizations to 2 s after it was stored (${((Date.now() - loadFrom) / 1000).toFixed(1)} s): ${line('10 connections', health)}`);

  // 3. What-if: one request at a time (the budget is per click), cycling through corridor cuts.
  const whatIf = await measure({
    url: `${address}/whatif`, connections: 1, duration: seconds, method: 'POST', headers: { 'content-type': 'application/json' },
    requests: ['beijing-tianjin', 'south-north-diversion-middle-route', 'beijing-tangshan-qinhuangdao', 'shaan-jing-gas'].map((c) => ({ method: 'POST' as const, body: JSON.stringify({ runId: finished, cut: [`corridor:${c}`] }) })),
  });
  console.log(`3. ${line('POST /whatif (corridor cuts, 1 connection)', whatIf)}`);
} finally {
  server.kill('SIGTERM');
}
