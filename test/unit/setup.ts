// Setup of the 'unit' vitest project (see vitest.config.ts).
import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, vi } from 'vitest';
import { loadAllAreas } from '../../src/app/i18n/areas';
import { loadIssueTexts } from '../../src/app/i18n/issue-text';

// jsdom has no IndexedDB, and Dexie's live queries (useLiveQuery) look for one globally before
// they query. Give them an empty factory: every test still opens its own fresh database,
// passed to the LeitaiDB constructor and the screens' <DatabaseProvider>.
Dexie.dependencies.indexedDB ??= new IDBFactory();
Dexie.dependencies.IDBKeyRange ??= IDBKeyRange;

// Every area's messages: component tests render pages and parts of pages without routes.ts,
// which loads a page's areas in the app (src/app/i18n/areas.ts).
await loadAllAreas();
// And the issues' words, which the app loads when a screen that shows an issue mounts.
await loadIssueTexts();

// findBy* and waitFor wait for a condition, not for a time: on a loaded machine a chain of live
// queries can take seconds to show, so they give up only after 10 s (1 s by default), which
// costs a passing test nothing. Under vitest's test timeout (vitest.config.ts).
configure({ asyncUtilTimeout: 10_000 });
// vitest's own vi.waitFor likewise, unless a test gives its own timeout (its default is 1 s).
const waitFor = vi.waitFor;
vi.waitFor = (callback, options) =>
  waitFor(callback, typeof options === 'number' ? options : { timeout: 10_000, ...options });

// Without vitest globals, Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup();
});
