// A round's issues in words on a screen (src/domain/issue-texts.ts). Every page checks rounds
// (the engine, the live standings), few show an issue, and the words of every issue in two
// languages are a few kilobytes: they load when a screen that may show one mounts (useIssueText,
// useErrorText), not with the page (the initial JS budget, test/budgets).

import { useCallback, useEffect, useRef, useState } from 'react';
import type { Issue } from '../../domain/issues';
import { whenIdle } from '../pwa/when-idle';
import { useUiStore } from './language';
import type { Lang } from './messages';

type IssueTexts = typeof import('../../domain/issue-texts');

let texts: IssueTexts | null = null;
let loading: Promise<void> | null = null;

export function loadIssueTexts(): Promise<void> {
  loading ??= import('../../domain/issue-texts').then(
    (module) => {
      texts = module;
    },
    (error: unknown) => {
      loading = null; // offline without a cache: tried again on the next screen that needs them
      throw error;
    },
  );
  return loading;
}

export function areIssueTextsLoaded(): boolean {
  return texts !== null;
}

/** `found` in `lang`; until the words are loaded (or if they failed to), its path and code rather than nothing. */
export function describeLoadedIssue(found: Issue, lang: Lang): string {
  return texts ? texts.describeIssue(found, lang) : `${found.path}: ${found.code}`;
}

/**
 * Texts a screen may need (`isLoaded`, `load`): loaded at once once the screen asks for them
 * (`want()`, called while rendering one), otherwise when the page is idle (whenIdle), so that
 * screens that show none do not fetch them before their first paint. The component renders again
 * once they are there. `key`: when it changes (the language), they are checked again.
 */
export function useDeferredTexts(
  isLoaded: () => boolean,
  load: () => Promise<void>,
  what: string,
  key = '',
): () => void {
  const [, setLoads] = useState(0);
  // Asked for since the last look (load at once), and ever shown unloaded (render again once loaded:
  // a screen that showed none has nothing to redraw, and a host console's redraw is not free).
  const wanted = useRef(false);
  const shownUnloaded = useRef(false);
  const scheduled = useRef<string | null>(null);
  const mounted = useRef(true);
  const isLoadedRef = useRef(isLoaded);
  isLoadedRef.current = isLoaded;
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  // After every render: the first that shows such a text has them loaded at once.
  useEffect(() => {
    if (isLoaded() || (scheduled.current === key && !wanted.current)) return;
    const start = () =>
      load().then(
        () => mounted.current && shownUnloaded.current && setLoads((loads) => loads + 1),
        (error: unknown) => console.error(`The ${what} could not be loaded`, error),
      );
    if (wanted.current) void start();
    else whenIdle(() => void start());
    scheduled.current = key;
    wanted.current = false;
  });
  return useCallback(() => {
    wanted.current = true;
    if (!isLoadedRef.current()) shownUnloaded.current = true;
  }, []);
}

/** `const issueText = useIssueText(); … {issueText(found)}`: the issues' words, loaded as useDeferredTexts says. */
export function useIssueText(): (found: Issue) => string {
  const lang = useUiStore((s) => s.lang);
  const want = useDeferredTexts(areIssueTextsLoaded, loadIssueTexts, 'issues’ texts');
  return (found: Issue) => {
    want();
    return describeLoadedIssue(found, lang);
  };
}
