// A round's issues in words on a screen (src/domain/issue-texts.ts). Every page checks rounds
// (the engine, the live standings), few show an issue, and the words of every issue in two
// languages are a few kilobytes: they load when a screen that may show one mounts (useIssueText,
// useErrorText), not with the page (the initial JS budget, test/budgets).

import { useEffect, useState } from 'react';
import type { Issue } from '../../domain/issues';
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

/** `const issueText = useIssueText(); … {issueText(found)}`: loads the words when the component mounts. */
export function useIssueText(): (found: Issue) => string {
  const lang = useUiStore((s) => s.lang);
  const [, setLoaded] = useState(areIssueTextsLoaded);
  useEffect(() => {
    if (areIssueTextsLoaded()) return;
    let mounted = true;
    loadIssueTexts().then(
      () => mounted && setLoaded(true),
      (error: unknown) => console.error('The issues’ texts could not be loaded', error),
    );
    return () => {
      mounted = false;
    };
  }, []);
  return (found: Issue) => describeLoadedIssue(found, lang);
}
