import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Two projects; `npm test` (vitest run) runs both, unit first, then e2e.
//   npx vitest run --project unit
//   npx vitest run --project e2e
// The PWA plugin is deliberately not loaded here: unit tests render components, and the e2e
// project tests the production build made by vite.config.ts.
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [react()],
        test: {
          name: 'unit',
          environment: 'jsdom',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          // jest-dom matchers and React Testing Library cleanup. IndexedDB is NOT faked
          // globally: a test passes `new IDBFactory()` from 'fake-indexeddb' to Dexie itself.
          setupFiles: ['test/unit/setup.ts'],
          // The suite must pass on a loaded machine (.ci/run runs it under CPU load): a test that
          // renders and types can take several seconds there. A timeout only ends a test that
          // would fail anyway, so a generous one costs nothing; nothing is ever retried.
          testTimeout: 30_000,
          hookTimeout: 30_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          // Builds dist/ once per run when it is older than the sources.
          globalSetup: ['test/e2e/global-setup.ts'],
          // A whole competition day in a browser takes a minute or more on a loaded machine; as
          // in the unit project, the timeout only ends a test that would fail anyway.
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
