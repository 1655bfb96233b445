import { defineConfig } from 'vitest/config';

/** `npm run test:faults`: fault injection (crash, outages, platform errors, locked or read-only SQLite). */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Each file starts servers, stops Redis or kills processes: one file at a time keeps them apart.
    fileParallelism: false,
  },
});
