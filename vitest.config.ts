import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Unit (Node), property (fast-check) and DOM (jsdom + fake-indexeddb, opt-in per file with
// `// @vitest-environment jsdom`) tests. End-to-end tests have their own config (vitest.e2e.config.ts).
export default defineConfig({
  plugins: [react()],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/property/**/*.test.{ts,tsx}', 'tests/dom/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 30_000,
    pool: 'forks',
  },
});
