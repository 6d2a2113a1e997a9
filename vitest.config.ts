// Test runner configuration: tests live in test/, mirror src/, and run in Node.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // One line per missing system package (Chromium, Python's rdflib and SPARQLWrapper) for the whole run.
    globalSetup: ['test/support/system-packages-summary.ts'],
  },
});
