import { defineConfig } from 'vitest/config';

// Five suites, one command: unit (pure core, stubbed SDK), local (the local runtime on a fixture
// stack), infra (synthesized template and cdk-nag), integration (handlers behind the local
// gateway against real emulators), browser (the survey pages in real Chromium).
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], setupFiles: ['test/unit/restore-environment.ts'] } },
      {
        test: { name: 'local', include: ['test/local/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 180_000, fileParallelism: false },
      },
      {
        // One synthesis (bundling every function) in the global setup serves every infra test file.
        test: { name: 'infra', include: ['test/infra/**/*.test.ts'], globalSetup: ['test/infra/global-setup.ts'], testTimeout: 180_000, hookTimeout: 180_000 },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        // Real Chromium (Debian's, driven by playwright-core) against its own local pipeline.
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
