import { useCallback } from 'react';
import { useUiStore } from './language';
import { type MessageKey, translate } from './messages';

export type TFunction = (key: MessageKey, params?: Record<string, string | number>) => string;

/** The translation function of the current language: `const t = useT(); t('home.title')`. */
export function useT(): TFunction {
  const lang = useUiStore((s) => s.lang);
  return useCallback<TFunction>((key, params) => translate(lang, key, params), [lang]);
}
