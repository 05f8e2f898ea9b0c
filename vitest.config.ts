import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Two cores: end-to-end files each start servers, so keep parallelism modest.
    maxWorkers: 2,
  },
});
