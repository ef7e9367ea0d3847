import { DateTime } from 'luxon';
import type { Health, Language, ProblemStatus } from '../../domain/types.js';
import type { Translator } from '../../i18n/index.js';

/**
 * A moment as a Slack date token, which every reader's client shows in their own time zone; the fallback
 * (for notifications and old clients) is in the board's zone.
 */
export function slackTime(at: Date, lang: Language, timezone: string): string {
  const unix = Math.floor(at.getTime() / 1000);
  const fallback = DateTime.fromJSDate(at, { zone: timezone }).setLocale(lang).toFormat('yyyy-MM-dd HH:mm');
  return `<!date^${unix}^{date_short_pretty} {time}|${fallback}>`;
}

const HEALTH_EMOJI: Record<Health, string> = {
  on_track: ':large_green_circle:',
  at_risk: ':large_yellow_circle:',
  blocked: ':red_circle:',
};

export function healthText(tr: Translator, health: Health | null): string {
  return health ? `${HEALTH_EMOJI[health]} ${tr(`health.${health}`)}` : tr('card.none');
}

export function statusText(tr: Translator, status: ProblemStatus): string {
  return tr(`status.${status}`);
}

export const mention = (userId: string): string => `<@${userId}>`;
