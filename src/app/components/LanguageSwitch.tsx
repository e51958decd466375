import { useUiStore } from '../i18n/language';
import { LANGS, type Lang } from '../i18n/messages';
import { useT } from '../i18n/useT';

// Each language is named in itself, so a reader who cannot read the current one finds theirs.
const names: Record<Lang, string> = { 'zh-CN': '中文', en: 'English' };

export function LanguageSwitch() {
  const t = useT();
  const lang = useUiStore((s) => s.lang);
  const setLang = useUiStore((s) => s.setLang);
  return (
    <fieldset className="lang-switch">
      <legend className="visually-hidden">{t('lang.label')}</legend>
      {LANGS.map((code) => (
        <button
          key={code}
          type="button"
          lang={code}
          aria-pressed={lang === code}
          onClick={() => setLang(code)}
        >
          {names[code]}
        </button>
      ))}
    </fieldset>
  );
}
