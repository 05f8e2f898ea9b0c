import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A throwaway PostgreSQL cluster for the store and end-to-end tests that run on both databases.
    globalSetup: ['test/setup/postgres.ts'],
    // Generous: several tests start real app processes, slow to boot on a busy 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 30_000,
    // Two cores: end-to-end files each start servers, so keep parallelism modest.
    maxWorkers: 2,
  },
});
