import { defineConfig } from 'vitest/config';

/**
 * Three projects, run in this order by `npm test`: unit tests beside the code, integration tests
 * against the real Postgres and Redis, and end-to-end tests that drive the web desk in Chromium.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'tests/lint/**/*.test.ts'],
          environment: 'node',
          // A bound for a hung test, not a speed target: a busy machine may take many times longer than a quiet one.
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          // Each file removes the queue keys it made in Redis; the run fails if any are left.
          globalSetup: ['tests/support/queue-keys.global-setup.ts'],
          setupFiles: ['tests/support/queue-keys.setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each file gets its own database; two at a time suits two cores.
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/support/queue-keys.global-setup.ts'],
          setupFiles: ['tests/support/queue-keys.setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
