import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { ApiRequestError } from '../shared/api.client';
import { EN_MESSAGES } from './messages.en';
import { ZH_CN_MESSAGES } from './messages.zh-cn';

/** The two languages of the web app, as BCP 47 tags (also the `Intl` locale). */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** The browser's parts this module uses, typed here so it also compiles without the DOM library (the workspace's type check). */
interface BrowserStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}
const browser = globalThis as { localStorage?: BrowserStorage; navigator?: { languages?: readonly string[] }; document?: { documentElement: { lang: string } } };

/** Where a person's choice is remembered in the browser (per browser profile, so per user). */
export const LOCALE_STORAGE_KEY = 'callcart.locale';

/** Chinese for browsers that prefer it, English otherwise. */
export function localeForBrowser(preferred: readonly string[]): Locale {
  return preferred.some((language) => language.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

/** The remembered choice, else the browser's languages. */
export function initialLocale(storage: Pick<BrowserStorage, 'getItem'> | null, preferred: readonly string[]): Locale {
  const remembered = storage?.getItem(LOCALE_STORAGE_KEY);
  return (LOCALES as readonly string[]).includes(remembered ?? '') ? (remembered as Locale) : localeForBrowser(preferred);
}

function browserStorage(): BrowserStorage | null {
  try {
    return browser.localStorage ?? null;
  } catch {
    return null; // storage blocked by the browser's privacy settings
  }
}

/**
 * Starts i18next with both catalogues bundled (two small tables: no lazy loading needed) in the
 * remembered or the browser's language. Keys missing in the chosen language fall back to English.
 */
export function setUpI18n(locale: Locale = initialLocale(browserStorage(), browser.navigator?.languages ?? [])): I18n {
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      lng: locale,
      fallbackLng: 'en',
      supportedLngs: [...LOCALES],
      resources: { en: { translation: EN_MESSAGES }, 'zh-CN': { translation: ZH_CN_MESSAGES } },
      interpolation: { escapeValue: false }, // React escapes text itself
      returnNull: false,
      initAsync: false,
    });
  }
  if (browser.document) browser.document.documentElement.lang = i18next.language;
  return i18next;
}

/** Switches the language everywhere and remembers the choice. */
export function chooseLocale(locale: Locale): void {
  browserStorage()?.setItem(LOCALE_STORAGE_KEY, locale);
  void i18next.changeLanguage(locale);
  if (browser.document) browser.document.documentElement.lang = locale;
}

/** The language in force, as an `Intl` locale. */
export function currentLocale(): Locale {
  return i18next.language === 'zh-CN' ? 'zh-CN' : 'en';
}

/**
 * A failure as a sentence for a person, in their language: the server's stable `code` is
 * translated, and a code this version does not know yet (or a failure in the page itself) gets
 * a general sentence. The code and the server's English message never reach the screen; they go
 * to the console, for whoever reads logs.
 */
export function describeFailure(error: unknown): string {
  const console = (globalThis as { console?: { warn: (...args: unknown[]) => void } }).console;
  if (!(error instanceof ApiRequestError)) {
    console?.warn('callcart: action failed', error);
    return i18next.t('errors.UNKNOWN');
  }
  console?.warn(`callcart: ${error.status} ${error.code}: ${error.message}`);
  const key = `errors.${error.code}`;
  if (i18next.exists(key)) return i18next.t(key);
  if (/^HTTP_\d+$/.test(error.code)) return i18next.t('errors.HTTP_ERROR', { status: error.status });
  return i18next.t('errors.UNKNOWN');
}
