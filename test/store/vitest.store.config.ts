// Runs the store tests alone, with the PostgreSQL globalSetup:
//   npx vitest run --config test/store/vitest.store.config.ts
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/store/**/*.test.ts'],
    globalSetup: ['test/setup/postgres.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    maxWorkers: 2,
  },
});
