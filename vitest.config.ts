import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Property tests (fast-check) on a fixed seed unless PROPERTY_SEED says otherwise.
    setupFiles: ['test/setup/fast-check.ts'],
    testTimeout: 30_000,
  },
});
