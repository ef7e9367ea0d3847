import type { WebClient } from '@slack/web-api';
import { LRUCache } from 'lru-cache';
import type { Actor } from '../domain/types.js';
import type { Logger } from '../logging/logger.js';
import type { Viewer } from '../services/visibility.js';

/** Pages of conversations.members read at most (1,000 members each). */
const MAX_PAGES = 20;
/** Membership changes rarely; a few minutes' staleness is fine for who may read a restricted board. */
const TTL_MS = 5 * 60 * 1000;

export type ChannelMembership = (channelId: string, userId: string) => Promise<boolean>;

/**
 * Who is in a board's channel, for restricted boards: one conversations.info and one paged
 * conversations.members per channel, cached; a channel the bot cannot read counts as having no members
 * (restricted stays restricted).
 *
 * Only a private channel's members count. Anyone in the workspace may join a public channel, so counting
 * its members would open a restricted board to whoever clicks "Join" — not what an admin who restricted it
 * expects. A private channel is joined only by invitation, so being in it is a grant someone made (as Slack
 * itself treats it). A restricted board in a public channel is therefore open to its leaders, the owners of
 * its problems and measures, and admins only (services/visibility.ts).
 */
export function channelMembership(client: WebClient, logger: Logger): ChannelMembership {
  const cache = new LRUCache<string, Promise<ReadonlySet<string>>>({ max: 500, ttl: TTL_MS });
  async function load(channel: string): Promise<ReadonlySet<string>> {
    const members = new Set<string>();
    const info = await client.conversations.info({ channel });
    if (!info.channel?.is_private) return members;
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const res = await client.conversations.members({ channel, limit: 1000, ...(cursor && { cursor }) });
      for (const m of res.members ?? []) members.add(m);
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!cursor) break;
    }
    return members;
  }
  return async (channelId, userId) => {
    let members = cache.get(channelId);
    if (!members) {
      members = load(channelId).catch((err: unknown) => {
        logger.warn({ err, channel: channelId }, 'could not read a board channel’s members');
        cache.delete(channelId);
        return new Set<string>();
      });
      cache.set(channelId, members);
    }
    return (await members).has(userId);
  };
}

/** The viewer a service checks visibility for: the user, and their channel memberships through Slack. */
export function viewerOf(actor: Actor, membership: ChannelMembership | undefined): Viewer {
  return membership ? { actor, memberOf: (channelId) => membership(channelId, actor.userId) } : { actor };
}

/** Whether a channel is public (anyone in the workspace may join it); null when Slack cannot say. */
export async function isPublicChannel(client: WebClient, channel: string): Promise<boolean | null> {
  try {
    const info = await client.conversations.info({ channel });
    return info.channel ? !info.channel.is_private : null;
  } catch {
    return null;
  }
}
