import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The viewer builds into dist/viz, which the API serves at `/` (no CDN, no external tiles or fonts).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'warn',
  build: { outDir: fileURLToPath(new URL('../dist/viz', import.meta.url)), emptyOutDir: true, chunkSizeWarningLimit: 2000 },
});
