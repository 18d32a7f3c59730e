import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    globalSetup: ['test/setup/global.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser tests start Chromium: keep them in their own, serial project-free run at the end.
    fileParallelism: true,
    pool: 'forks',
    maxWorkers: 2,
  },
});
