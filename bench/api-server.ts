/**
 * The API server of `bench/api.ts`, in its own process so the load generator does not share its
 * event loop: builds the app (rate limit off), listens on a free loopback port and prints the
 * address as one JSON line; closes on SIGTERM. `RENXING_BENCH_APP` names another build's
 * dist/api/app.js (a baseline from another commit, measured the same way).
 */
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import type { build as Build } from '../api/app.js';

const appModule = process.env['RENXING_BENCH_APP'] ? pathToFileURL(process.env['RENXING_BENCH_APP']).href : '../api/app.js';
const { build } = (await import(appModule)) as { build: typeof Build };
const app = await build({ dbPath: ':memory:', workers: Number(process.env['RENXING_BENCH_WORKERS'] ?? availableParallelism()), rateLimitPerMinute: 0, logger: false });
const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ address })}\n`);
process.once('SIGTERM', () => { void app.close().then(() => process.exit(0)); });
