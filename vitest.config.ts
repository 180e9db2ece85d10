import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Worker-pool tests start real threads; two cores means at most two test files at once.
    maxWorkers: 2,
    testTimeout: 60_000,
  },
});
