// Global setup of the 'e2e' vitest project: one `vite build` per run, only when dist/ is stale.
import { buildIfStale } from '../../src/server/build-if-stale.mjs';

export default async function setup(): Promise<void> {
  await buildIfStale({ log: (message) => console.log(`[e2e] ${message}`) });
}
