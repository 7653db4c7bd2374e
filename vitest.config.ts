import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // CI retries a failed test twice and names every retried test (test/reporters/retried.ts, decision
    // 0039); locally a failure is a failure the first time.
    retry: process.env.CI ? 2 : 0,
    globalSetup: ['test/global-setup.ts'],
  },
});
