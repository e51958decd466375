// Message areas that load with a role page, not with the shell. Each area is its own chunk per
// language, fetched together with the page that uses it (lazyPage in routes.ts, lazyPart for a
// part of a page), so a judge's tablet does not download the organizer's messages, nor the
// English ones, before it shows the score sheet. The keys stay ONE typed catalogue: MessageKey
// (messages.ts) is the shell's keys plus every area's here.
//
// zh-CN is always loaded (the reference, and the demo competition is Chinese in any language);
// English too once the screen is switched to it (loadLanguage, from the store).
//
// To add an area: a loader below (the area is its file, src/app/i18n/<area>.ts, exporting
// <area>Zh and <area>En), its table in messages.ts' AreaTable (TypeScript refuses the loader
// until then), and the area in `routeAreas` for each page whose code uses its keys (or a
// loadArea of its own where the area loads on demand, as error-text.ts does).
// test/unit/pwa/message-areas.test.ts checks that against the code; test/budgets finds the chunks.

import type * as combination from './combination';
import type * as judge from './judge';
import { type Lang, type Messages, registerMessages } from './messages';
import type * as organizer from './organizer';
import type * as organizerGroups from './organizer-groups';
import type * as organizerPeople from './organizer-people';
import type * as projector from './projector';
import type * as repositoryErrors from './repository-errors';
import type * as results from './results';
import type * as resultsBackup from './results-backup';
import type * as season from './season';
import type * as stage from './stage';
import type * as syncErrors from './sync-errors';
import type * as syncPanel from './sync-panel';

export const areaLoaders = {
  organizer: {
    'zh-CN': () => import('./organizer?lang=zh-CN').then((m: typeof organizer) => m.organizerZh),
    en: () => import('./organizer?lang=en').then((m: typeof organizer) => m.organizerEn),
  },
  'organizer-people': {
    'zh-CN': () =>
      import('./organizer-people?lang=zh-CN').then((m: typeof organizerPeople) => m.organizerPeopleZh),
    en: () => import('./organizer-people?lang=en').then((m: typeof organizerPeople) => m.organizerPeopleEn),
  },
  // The settings tab's rater groups and audience voting (RoundWorkspace: lazyPart).
  'organizer-groups': {
    'zh-CN': () =>
      import('./organizer-groups?lang=zh-CN').then((m: typeof organizerGroups) => m.organizerGroupsZh),
    en: () => import('./organizer-groups?lang=en').then((m: typeof organizerGroups) => m.organizerGroupsEn),
  },
  judge: {
    'zh-CN': () => import('./judge?lang=zh-CN').then((m: typeof judge) => m.judgeZh),
    en: () => import('./judge?lang=en').then((m: typeof judge) => m.judgeEn),
  },
  stage: {
    'zh-CN': () => import('./stage?lang=zh-CN').then((m: typeof stage) => m.stageZh),
    en: () => import('./stage?lang=en').then((m: typeof stage) => m.stageEn),
  },
  projector: {
    'zh-CN': () => import('./projector?lang=zh-CN').then((m: typeof projector) => m.projectorZh),
    en: () => import('./projector?lang=en').then((m: typeof projector) => m.projectorEn),
  },
  results: {
    'zh-CN': () => import('./results?lang=zh-CN').then((m: typeof results) => m.resultsZh),
    en: () => import('./results?lang=en').then((m: typeof results) => m.resultsEn),
  },
  // The season 积分制's (/season).
  season: {
    'zh-CN': () => import('./season?lang=zh-CN').then((m: typeof season) => m.seasonZh),
    en: () => import('./season?lang=en').then((m: typeof season) => m.seasonEn),
  },
  // The backup panel's (ResultsPage.tsx: lazyPart), after the standings.
  'results-backup': {
    'zh-CN': () => import('./results-backup?lang=zh-CN').then((m: typeof resultsBackup) => m.resultsBackupZh),
    en: () => import('./results-backup?lang=en').then((m: typeof resultsBackup) => m.resultsBackupEn),
  },
  // The sync panel's (SyncStatus.tsx: lazyPart), on any page, only once its chunk is wanted.
  'sync-panel': {
    'zh-CN': () => import('./sync-panel?lang=zh-CN').then((m: typeof syncPanel) => m.syncPanelZh),
    en: () => import('./sync-panel?lang=en').then((m: typeof syncPanel) => m.syncPanelEn),
  },
  // The refusals in words (src/app/sync/failure-message.ts): the panel's, and the judge's and
  // the projector's join screens'.
  'sync-errors': {
    'zh-CN': () => import('./sync-errors?lang=zh-CN').then((m: typeof syncErrors) => m.syncErrorsZh),
    en: () => import('./sync-errors?lang=en').then((m: typeof syncErrors) => m.syncErrorsEn),
  },
  // 总成绩: the organizer's combination panel, the host's and projector's combined ranking, the
  // results' stage columns (each a lazyPart).
  combination: {
    'zh-CN': () => import('./combination?lang=zh-CN').then((m: typeof combination) => m.combinationZh),
    en: () => import('./combination?lang=en').then((m: typeof combination) => m.combinationEn),
  },
  // The repository's refusals (src/app/i18n/error-text.ts): loaded by the first screen that
  // may show one, not with any page.
  'repository-errors': {
    'zh-CN': () =>
      import('./repository-errors?lang=zh-CN').then((m: typeof repositoryErrors) => m.repositoryErrorsZh),
    en: () =>
      import('./repository-errors?lang=en').then((m: typeof repositoryErrors) => m.repositoryErrorsEn),
  },
} satisfies Record<string, Record<Lang, () => Promise<Partial<Messages>>>>;

export type MessageArea = keyof typeof areaLoaders;

/** The areas whose messages each role page (by its path in routes.ts) uses, besides the shell's. */
export const routeAreas: Readonly<Record<string, readonly MessageArea[]>> = {
  // The people screens' messages load with their tabs (RoundWorkspace: lazyPart).
  '/organizer': ['organizer'],
  // The judge's tablet joins on the page's first screen, the projector with the code in its
  // address: both say a wrong code or a missing venue server there (sync-errors).
  '/judge': ['judge', 'sync-errors'],
  '/stage': ['stage'],
  '/projector': ['projector', 'sync-errors'],
  '/results': ['results'],
  '/season': ['season'],
};

const languages = new Set<Lang>(['zh-CN']);
const requested = new Set<MessageArea>();
const tables = new Map<string, Promise<void>>();
const registered = new Set<string>();

/** One language of one area, loaded and registered once; a failed load is retried next time. */
function loadTable(area: MessageArea, lang: Lang): Promise<void> {
  const key = `${area}:${lang}`;
  let loading = tables.get(key);
  if (!loading) {
    loading = areaLoaders[area][lang]().then((table) => {
      registerMessages(lang, table);
      registered.add(key);
    });
    loading.catch(() => tables.delete(key));
    tables.set(key, loading);
  }
  return loading;
}

/** An area's messages in every language in use. */
export async function loadArea(area: MessageArea): Promise<void> {
  requested.add(area);
  await Promise.all([...languages].map((lang) => loadTable(area, lang)));
}

/** Puts a language in use: its tables of every area asked for so far, and of every later one. */
export async function loadLanguage(lang: Lang): Promise<void> {
  languages.add(lang);
  await Promise.all([...requested].map((area) => loadTable(area, lang)));
}

/** Whether an area's messages are there in this language. */
export function isAreaLoaded(area: MessageArea, lang: Lang): boolean {
  return registered.has(`${area}:${lang}`);
}

/** Whether every area asked for so far is there in this language (then switching is instant). */
export function isLanguageLoaded(lang: Lang): boolean {
  return languages.has(lang) && [...requested].every((area) => registered.has(`${area}:${lang}`));
}

/** The messages of the page at this path (none for the home page and unknown paths). */
export async function loadMessagesFor(path: string): Promise<void> {
  await Promise.all((routeAreas[path] ?? []).map(loadArea));
}

/** Every area in both languages: for component tests, which render pages without routes.ts. */
export async function loadAllAreas(): Promise<void> {
  languages.add('en');
  await Promise.all((Object.keys(areaLoaders) as MessageArea[]).map(loadArea));
}
