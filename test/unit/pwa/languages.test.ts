// Messages load by area and by language (src/app/i18n/areas.ts): a page's areas in the
// languages in use, English only once the screen is switched to it. Fresh modules per test:
// the unit setup has already loaded every area in both languages.
import { beforeEach, describe, expect, it, vi } from 'vitest';

async function freshI18n() {
  vi.resetModules();
  const areas = await import('../../../src/app/i18n/areas');
  const messages = await import('../../../src/app/i18n/messages');
  return { ...areas, ...messages };
}

beforeEach(() => {
  localStorage.clear();
});

describe('message areas by language', () => {
  it('loads an area in Chinese, and English once that language is in use', async () => {
    const i18n = await freshI18n();
    expect(i18n.translate('en', 'app.loading')).toBe('Loading…'); // the shell's, always there
    expect(() => i18n.translate('zh-CN', 'judge.cancel')).toThrow(/not loaded.*areas\.ts/);

    await i18n.loadMessagesFor('/judge');
    expect(i18n.translate('zh-CN', 'judge.cancel')).toBe('取消');
    expect(i18n.isLanguageLoaded('en')).toBe(false);
    expect(() => i18n.translate('en', 'judge.cancel')).toThrow(/not loaded/);

    await i18n.loadLanguage('en');
    expect(i18n.isLanguageLoaded('en')).toBe(true);
    expect(i18n.translate('en', 'judge.cancel')).toBe('Cancel');
    // Areas asked for later come in both languages.
    await i18n.loadMessagesFor('/results');
    expect(i18n.isLanguageLoaded('en')).toBe(true);
  });

  it('switches the screen to English only once its messages are there', async () => {
    vi.resetModules();
    const { useUiStore } = await import('../../../src/app/i18n/language');
    const { loadMessagesFor } = await import('../../../src/app/i18n/areas');
    const { translate } = await import('../../../src/app/i18n/messages');
    await loadMessagesFor('/organizer');
    expect(useUiStore.getState().lang).toBe('zh-CN');
    useUiStore.getState().setLang('en');
    expect(useUiStore.getState().lang).toBe('zh-CN'); // the English tables are still loading
    await vi.waitFor(() => expect(useUiStore.getState().lang).toBe('en'));
    expect(translate('en', 'org.competitions.title')).not.toBe(translate('zh-CN', 'org.competitions.title'));
    expect(localStorage.getItem('leitai.lang')).toBe('en');

    useUiStore.getState().setLang('zh-CN'); // Chinese is always there: at once
    expect(useUiStore.getState().lang).toBe('zh-CN');
  });

  it('starts in the stored language, with its tables', async () => {
    localStorage.setItem('leitai.lang', 'en');
    vi.resetModules();
    const { useUiStore } = await import('../../../src/app/i18n/language');
    const { loadMessagesFor, isLanguageLoaded } = await import('../../../src/app/i18n/areas');
    const { translate } = await import('../../../src/app/i18n/messages');
    expect(useUiStore.getState().lang).toBe('en');
    await loadMessagesFor('/judge');
    expect(isLanguageLoaded('en')).toBe(true);
    expect(translate('en', 'judge.cancel')).toBe('Cancel');
  });
});
