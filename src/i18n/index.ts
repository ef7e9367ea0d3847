import { IntlMessageFormat } from 'intl-messageformat';
import type { Language } from './language.js';
import { areas } from './areas/index.js';
import { en as coreEn } from './en.js';
import { zhCN as coreZh } from './zh-CN.js';
import { slackSpacing } from './slack-spacing.js';

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type AreaKeys = keyof UnionToIntersection<(typeof areas)[number]['en']>;

export type MessageKey = keyof typeof coreEn | AreaKeys;
type Params = Record<string, string | number | Date>;

function merge(lang: Language): Record<string, string> {
  const core: Record<string, string> = lang === 'en' ? coreEn : coreZh;
  const merged: Record<string, string> = Object.assign({}, core, ...areas.map((a) => a[lang]));
  // English has its spaces; Chinese templates get them where Slack's formatting needs a boundary.
  if (lang === 'zh-CN') for (const key of Object.keys(merged)) merged[key] = slackSpacing(merged[key]!);
  return merged;
}

const catalogs: Record<Language, Record<string, string>> = { en: merge('en'), 'zh-CN': merge('zh-CN') };
const cache = new Map<string, IntlMessageFormat>();

/** ICU MessageFormat (plurals, selects, dates) over the catalog of `lang`. */
export function t(lang: Language, key: MessageKey, params: Params = {}): string {
  const id = `${lang}\u0000${key}`;
  let fmt = cache.get(id);
  if (!fmt) {
    fmt = new IntlMessageFormat(catalogs[lang][key] ?? key, lang);
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

/** A board's stored language as one the app speaks (English for anything else). */
export function boardLanguage(language: string | null | undefined): Language {
  return languageFromLocale(language) ?? 'en';
}

export type Translator = (key: MessageKey, params?: Params) => string;
export const translator =
  (lang: Language): Translator =>
  (key, params) =>
    t(lang, key, params);
