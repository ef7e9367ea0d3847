import { IntlMessageFormat } from 'intl-messageformat';
import type { Language } from '../domain/types.js';
import { en } from './en.js';
import { zhCN } from './zh-CN.js';

export type MessageKey = keyof typeof en;
export type Params = Record<string, string | number | Date>;

const catalogs: Record<Language, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };
const cache = new Map<string, IntlMessageFormat>();

/** ICU MessageFormat (plurals, selects, dates) over the catalog of `lang`. */
export function t(lang: Language, key: MessageKey, params: Params = {}): string {
  const id = `${lang}\u0000${key}`;
  let fmt = cache.get(id);
  if (!fmt) {
    fmt = new IntlMessageFormat(catalogs[lang][key], lang);
    cache.set(id, fmt);
  }
  return String(fmt.format(params));
}

/** Maps a Slack locale (e.g. `zh-CN`, `zh-TW`, `en-GB`) to a supported language, or undefined. */
export function languageFromLocale(locale: string | undefined | null): Language | undefined {
  if (!locale) return undefined;
  const lower = locale.toLowerCase();
  if (lower.startsWith('zh')) return 'zh-CN';
  if (lower.startsWith('en')) return 'en';
  return undefined;
}

export type Translator = (key: MessageKey, params?: Params) => string;
export const translator = (lang: Language): Translator => (key, params) => t(lang, key, params);
