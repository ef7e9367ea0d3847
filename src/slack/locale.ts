import type { WebClient } from '@slack/web-api';
import { LRUCache } from 'lru-cache';
import type { Language } from '../domain/types.js';
import { languageFromLocale } from '../i18n/index.js';
import type { Logger } from '../logging/logger.js';

/**
 * The language to speak to a user in: their Slack locale (users.info include_locale, cached for an hour),
 * else the board's language, else the workspace default (CLOSEOUT_LANGUAGE).
 */
export class LocaleResolver {
  private readonly cache = new LRUCache<string, { lang: Language | null }>({ max: 10_000, ttl: 60 * 60 * 1000 });

  constructor(
    private readonly fallback: Language,
    private readonly logger: Logger,
  ) {}

  async forUser(client: WebClient, userId: string, boardLanguage?: Language | string | null): Promise<Language> {
    const known = this.cache.get(userId);
    const lang = known ? known.lang : await this.lookup(client, userId);
    return lang ?? languageFromLocale(boardLanguage) ?? this.fallback;
  }

  private async lookup(client: WebClient, userId: string): Promise<Language | null> {
    try {
      const res = await client.users.info({ user: userId, include_locale: true });
      const lang = languageFromLocale(res.user?.locale) ?? null;
      this.cache.set(userId, { lang });
      return lang;
    } catch (error) {
      // Not cached: a transient failure should not pin the user to the fallback for an hour.
      this.logger.warn({ err: error, userId }, 'users.info failed; using fallback language');
      return null;
    }
  }
}

/**
 * Every member's language in one paged `users.list` (Tier 2) rather than a `users.info` per person, for the
 * scheduler's fan-out to thousands of owners; loaded once and kept for an hour. A failure means "no
 * locales known" (the board's language is used) and is tried again at the next send.
 */
export function workspaceLocales(
  client: WebClient,
  logger: Logger,
  ttlMs = 60 * 60 * 1000,
): () => Promise<ReadonlyMap<string, Language>> {
  let loaded: { at: number; map: Promise<Map<string, Language>> } | null = null;
  const load = async (): Promise<Map<string, Language>> => {
    const map = new Map<string, Language>();
    let cursor: string | undefined;
    do {
      const page = await client.users.list({ include_locale: true, limit: 200, ...(cursor && { cursor }) });
      for (const m of page.members ?? []) {
        const lang = languageFromLocale(m.locale);
        if (m.id && lang) map.set(m.id, lang);
      }
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return map;
  };
  return async () => {
    if (!loaded || Date.now() - loaded.at > ttlMs) loaded = { at: Date.now(), map: load() };
    try {
      return await loaded.map;
    } catch (error) {
      loaded = null;
      logger.warn({ err: error }, 'users.list failed; scheduled DMs use the board language');
      return new Map();
    }
  };
}
