import { defineConfig } from 'vitest/config';

// End-to-end: playwright-core drives Debian's Chromium against the built renderer (dist/web).
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    globalSetup: ['tests/e2e/global-setup.ts'],
  },
});
