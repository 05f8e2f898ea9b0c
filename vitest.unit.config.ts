import { defineConfig } from 'vitest/config';

/**
 * `npm run test:unit`: every test that needs no database server, in seconds and without root.
 * The store, the end-to-end tests and the few others that run on PostgreSQL as well need the
 * throwaway cluster that `npm test` starts.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: [
      'test/e2e/**',
      'test/store/**',
      'test/sandbox/**',
      'test/history/retention.test.ts',
      'test/slack/callThreads.test.ts',
    ],
    testTimeout: 20_000,
    maxWorkers: 2,
  },
});
