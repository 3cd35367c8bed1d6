import { defineConfig } from 'vitest/config';

/**
 * Three tiers: unit tests next to the code, API tests against the real app on a random port
 * and a real database, and browser tests against the built storefront in Debian's Chromium.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/src/**/*.test.ts', 'db/src/**/*.test.ts', 'server/src/**/*.test.ts', 'storefront/src/**/*.test.ts'],
          environment: 'node',
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'api',
          include: ['tests/api/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each file gets its own database; PGlite is heavy, so keep parallelism to the cores.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        // PostgreSQL-only behaviour (losing the LISTEN connection); needs TEST_DATABASE_URL.
        test: {
          name: 'api-pg',
          include: ['tests/api-pg/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
