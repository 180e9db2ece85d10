#!/usr/bin/env node
import { runCli } from './program.js';

// A reader that stops early (`renxing list | head`) closes the pipe: that ends the output, it is no failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const argv = process.argv.slice(2);
process.exitCode = await runCli(argv, { stdout: process.stdout, stderr: process.stderr });
// Node 20 can deadlock on its way out when a JIT compile job still running on a V8 helper thread
// needs a garbage collection: the main thread waits for the job, the job for the main thread
// (nodejs/node#54918: 3 of about 100 runs of bench/grid.ts hung after printing every result, and
// gdb showed exactly that cycle). An idle turn of the event loop first lets such jobs finish and their
// collections run, so the exit finds nothing in flight.
await new Promise((resolve) => setTimeout(resolve, 50));
// A worker that stopped (signal, or Redis lost) has nothing left to do, but a Redis client of
// BullMQ's may still be retrying its connection: leave now rather than wait on it.
if (argv[0] === 'worker') process.exit();
