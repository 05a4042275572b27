import { useTranslation } from 'react-i18next';
import { chooseLocale, currentLocale, type Locale, LOCALES } from './i18n.setup';

/** Each language named in itself, so a person who cannot read the other one still finds theirs. */
const LOCALE_NAMES: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };

/** The language switch in every top bar; the choice is remembered in this browser. */
export function LocaleSwitch() {
  const { t } = useTranslation();
  return (
    <select className="locale-switch" aria-label={t('common.language')} value={currentLocale()} onChange={(event) => chooseLocale(event.target.value as Locale)}>
      {LOCALES.map((locale) => (
        <option key={locale} value={locale} lang={locale}>
          {LOCALE_NAMES[locale]}
        </option>
      ))}
    </select>
  );
}

/** The translate function and the `Intl` locale in force, re-rendering on a switch. */
export function useLocale(): { t: ReturnType<typeof useTranslation>['t']; locale: Locale } {
  const { t, i18n } = useTranslation();
  return { t, locale: i18n.language === 'zh-CN' ? 'zh-CN' : 'en' };
}
