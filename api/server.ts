import { build, type BuildOptions } from './app.js';

/** Starts the API on a port and closes it cleanly (jobs finished, pool and database closed) on SIGINT/SIGTERM. */
export async function serve(options: BuildOptions & { port: number; host: string }): Promise<void> {
  const app = await build({ ...options, logger: options.logger ?? true });
  const shutdown = (): void => {
    void app.close().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await app.listen({ port: options.port, host: options.host });
}
