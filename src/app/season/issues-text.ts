import { useCallback } from 'react';
import { RepositoryError } from '../../db/errors';
import { describeSeasonIssue, type SeasonIssue } from '../../domain/season-issues';
import { useErrorText } from '../i18n/error-text';
import { useUiStore } from '../i18n/language';

const SEPARATOR = { 'zh-CN': '；', en: '; ' } as const;

/** The season's rules in the screen's language, as the domain words them (as `leitai season` does). */
export function useSeasonIssueText(): (issues: readonly SeasonIssue[]) => string {
  const lang = useUiStore((s) => s.lang);
  return useCallback(
    (issues: readonly SeasonIssue[]) =>
      issues.map((found) => describeSeasonIssue(found, lang)).join(SEPARATOR[lang]),
    [lang],
  );
}

/**
 * useErrorText for the season's screens: a refusal by the ledger's rules (`seasonRules`) is said
 * in the domain's words, which live with the season (not in the shell's error texts).
 */
export function useSeasonErrorText(): (error: unknown) => string {
  const errorText = useErrorText();
  const issueText = useSeasonIssueText();
  return useCallback(
    (error: unknown) =>
      error instanceof RepositoryError && error.reason.name === 'seasonRules'
        ? issueText(error.reason.params.issues)
        : errorText(error),
    [errorText, issueText],
  );
}
