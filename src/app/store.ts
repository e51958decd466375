import { create } from 'zustand';
import { LANGS, type Lang } from './i18n/messages';

// UI and session state only (today: the language). Competition data lives in IndexedDB (src/db).

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

export const useUiStore = create<UiState>()((set) => ({
  lang: readStoredLang(),
  setLang: (lang) => {
    try {
      globalThis.localStorage?.setItem(LANG_KEY, lang);
    } catch {
      // Not persisted, but the switch still applies to this session.
    }
    set({ lang });
  },
}));
