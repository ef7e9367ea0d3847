import type { Env } from '../config/env.js';
import type { FollowUps } from '../jobs/outbox/follow-ups.js';
import type { Logger } from '../logging/logger.js';
import type { ServiceDeps } from '../services/deps.js';
import type { ChannelMembership } from './channel-members.js';
import type { LocaleResolver } from './locale.js';

/** What every listener gets: services' dependencies, a logger, settings and the user's language. */
export interface SlackContext {
  deps: ServiceDeps;
  logger: Logger;
  env: Pick<Env, 'CLOSEOUT_LANGUAGE' | 'CLOSEOUT_TIMEZONE' | 'SLACK_API_URL'> & Partial<Pick<Env, 'CLOSEOUT_CALENDAR'>>;
  locale: LocaleResolver;
  /** Durable, exactly-once DMs owed after a user's action (e.g. both owners of a reassigned problem). */
  followUps: FollowUps;
  /** Who is in a channel (restricted boards); set once the app's Web API client exists. */
  members?: ChannelMembership;
}
