// How a screen says why something failed, in the reader's language. A repository refusal is a
// reason with parameters (src/db/errors.ts), put into words by the repository-errors area; a
// round the engine rejects says its issues; anything else is a bug, shown as its own message
// rather than hidden. The area loads when a screen that may show a refusal first mounts
// (useErrorText), not with the page: most screens never show one.

import { useCallback } from 'react';
import { type Field, type NamedEntry, type Reason, RepositoryError } from '../../db/repository';
import { type Issue, RoundRejectedError } from '../../domain/issues';
import { isAreaLoaded, loadArea } from './areas';
import { areIssueTextsLoaded, describeLoadedIssue, loadIssueTexts, useDeferredTexts } from './issue-text';
import { useUiStore } from './language';
import { type Lang, translate } from './messages';

type ParamValue = string | number | Field | readonly string[] | readonly Issue[] | readonly NamedEntry[];

const LIST_SEPARATOR: Record<Lang, string> = { 'zh-CN': '、', en: ', ' };
const ISSUE_SEPARATOR: Record<Lang, string> = { 'zh-CN': '；', en: '; ' };

function inWords(value: ParamValue, lang: Lang): string | number {
  if (typeof value === 'string' || typeof value === 'number') return value;
  if ('field' in value)
    return translate(lang, `repository.field.${value.field}`, paramsInWords(value.params, lang));
  const items = value as readonly (string | Issue | NamedEntry)[];
  const separator = items.some((item) => typeof item === 'object' && 'code' in item)
    ? ISSUE_SEPARATOR[lang]
    : LIST_SEPARATOR[lang];
  return items.map((item) => itemInWords(item, lang)).join(separator);
}

function itemInWords(item: string | Issue | NamedEntry, lang: Lang): string {
  if (typeof item === 'string') return item;
  if ('code' in item) return describeLoadedIssue(item, lang);
  if (item.unit === null) return item.name;
  return lang === 'en' ? `${item.name} (${item.unit})` : `${item.name}（${item.unit}）`;
}

function paramsInWords(params: object, lang: Lang): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(params as Record<string, ParamValue>).map(([name, value]) => [name, inWords(value, lang)]),
  );
}

/** The repository's refusals in every language in use, and the issues' words; describeError needs them loaded. */
export function loadErrorTexts(): Promise<void> {
  return Promise.all([loadArea('repository-errors'), loadIssueTexts()]).then(() => undefined);
}

const errorTextsLoaded = (lang: Lang) => isAreaLoaded('repository-errors', lang) && areIssueTextsLoaded();

/** A refusal's reason in `lang` (a bad import row's, or a RepositoryError's), once loaded. */
export function describeReason(reason: Reason, lang: Lang): string {
  // Not loaded yet (or it failed to load): the reason's name rather than nothing.
  if (!isAreaLoaded('repository-errors', lang)) return `${reason.name} ${JSON.stringify(reason.params)}`;
  return translate(lang, `repository.reason.${reason.name}`, paramsInWords(reason.params, lang));
}

/** Why `error` happened, in `lang`: for code outside components (after loadErrorTexts). */
export function describeError(error: unknown, lang: Lang): string {
  if (error instanceof RepositoryError) return describeReason(error.reason, lang);
  if (error instanceof RoundRejectedError) {
    return error.issues.map((found) => describeLoadedIssue(found, lang)).join(ISSUE_SEPARATOR[lang]);
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * `const errorText = useErrorText(); … {errorText(refusal)}`: describeError in the screen's
 * language, loading the refusals' texts when the component mounts and showing them once there.
 */
export function useErrorText(): (error: unknown) => string {
  const lang = useUiStore((s) => s.lang);
  const want = useDeferredTexts(() => errorTextsLoaded(lang), loadErrorTexts, 'refusals’ texts', lang);
  return useCallback(
    (error: unknown) => {
      want();
      return describeError(error, lang);
    },
    [lang, want],
  );
}
