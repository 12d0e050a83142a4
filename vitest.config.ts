import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'e2e/**/*.test.ts'],
    // The server serves the built web app: build it once, before any test, when it is stale.
    globalSetup: ['e2e/support/web-build.setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two files at a time even on two cores (the default would be one): the tests mostly wait on
    // the databases, fsync and the browser, and every test has a database of its own.
    maxWorkers: 2,
  },
});
