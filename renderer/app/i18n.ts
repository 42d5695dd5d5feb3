import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { platform } from '../platform';

export type Lang = 'nb' | 'nn' | 'en';
export const LANGS: readonly Lang[] = ['nb', 'nn', 'en'];
const STORAGE_KEY = 'reisekart.lang';

/**
 * Locale files live in shared/locales/<lang>/<area>.json (one file per feature area, so features
 * never edit each other's files); they are merged into one `translation` namespace, each area
 * under its own top-level key. tests/unit/locales.test.ts fails when a key is missing in a locale.
 */
const files = import.meta.glob<Record<string, unknown>>('../../shared/locales/*/*.json', { eager: true, import: 'default' });

export function localeResources(): Record<Lang, Record<string, unknown>> {
  const out: Record<Lang, Record<string, unknown>> = { nb: {}, nn: {}, en: {} };
  for (const [path, json] of Object.entries(files)) {
    const m = /locales\/(nb|nn|en)\/[^/]+\.json$/.exec(path);
    if (m) Object.assign(out[m[1] as Lang], json);
  }
  return out;
}

function savedLang(): Lang {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'nn' || v === 'en' ? v : 'nb';
  } catch {
    return 'nb';
  }
}

export function initI18n(lang: Lang = savedLang()): typeof i18next {
  if (!i18next.isInitialized) {
    const res = localeResources();
    void i18next.use(initReactI18next).init({
      resources: { nb: { translation: res.nb }, nn: { translation: res.nn }, en: { translation: res.en } },
      lng: lang,
      fallbackLng: 'nb',
      interpolation: { escapeValue: false },
      initAsync: false,
    });
  }
  document.documentElement.lang = lang;
  void platform.setLocale(lang);
  return i18next;
}

export function setLang(lang: Lang): void {
  void i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
  void platform.setLocale(lang);
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* storage may be unavailable in a locked-down profile: the choice then lasts for the session */
  }
}
