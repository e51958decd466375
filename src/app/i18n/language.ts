import { create } from 'zustand';
import { isLanguageLoaded, loadLanguage } from './areas';
import { LANGS, type Lang } from './messages';

// The screen's language, chosen and remembered on this device (the one UI state the app keeps
// outside IndexedDB: competition data lives in src/db). It lives with the messages it selects.

const LANG_KEY = 'leitai.lang';

function readStoredLang(): Lang {
  try {
    const stored = globalThis.localStorage?.getItem(LANG_KEY);
    if (stored && (LANGS as readonly string[]).includes(stored)) return stored as Lang;
  } catch {
    // Storage can be unavailable (privacy mode): fall back to the default.
  }
  return 'zh-CN';
}

export interface UiState {
  lang: Lang;
  setLang: (lang: Lang) => void;
}

const initialLang = readStoredLang();
// The pages' messages load in the languages in use (i18n/areas.ts): this one from the start.
void loadLanguage(initialLang);

export const useUiStore = create<UiState>()((set) => ({
  lang: initialLang,
  setLang: (lang) => {
    try {
      globalThis.localStorage?.setItem(LANG_KEY, lang);
    } catch {
      // Not persisted, but the switch still applies to this session.
    }
    // The screen switches once the open pages' messages are there in that language (at once
    // when they are; from the service worker's cache otherwise, offline included).
    if (isLanguageLoaded(lang)) set({ lang });
    else
      loadLanguage(lang).then(
        () => set({ lang }),
        (error: unknown) => console.error(`The ${lang} messages could not be loaded`, error),
      );
  },
}));
