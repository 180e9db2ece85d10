#!/usr/bin/env node
import { runCli } from './program.js';

// A reader that stops early (`renxing list | head`) closes the pipe: that ends the output, it is no failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const argv = process.argv.slice(2);
process.exitCode = await runCli(argv, { stdout: process.stdout, stderr: process.stderr });
// A worker that stopped (signal, or Redis lost) has nothing left to do, but a Redis client of
// BullMQ's may still be retrying its connection: leave now rather than wait on it.
if (argv[0] === 'worker') process.exit();
