import { defineConfig } from 'vitest/config';

// End-to-end: playwright-core drives Debian's Chromium against the built renderer (dist/web).
// Every wait is sized for a loaded 2-core machine under 4x CPU throttling (npm run test:e2e:stress):
// expect.poll gets 30 s (Vitest's default of 1 s flaked CI), Playwright's own waits 60 s (chromium.ts).
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    expect: { poll: { timeout: 30_000, interval: 100 } },
    globalSetup: ['tests/e2e/global-setup.ts'],
  },
});
