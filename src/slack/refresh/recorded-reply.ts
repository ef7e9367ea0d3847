import type { WebClient } from '@slack/web-api';
import type { RecordedReply } from '../../services/chat-replies.js';
import type { SlackContext } from '../context.js';
import type { RecordedData } from '../views/chat-reply.js';
import { refreshHomes } from './homes.js';

/** Shared by the message listener and the "which problem?" buttons once a chat reply is recorded. */

export function recordedView(r: RecordedReply): RecordedData {
  return {
    key: r.problem.key,
    title: r.problem.title,
    percent: r.update.percent,
    health: r.update.health,
    note: r.update.note,
    updateId: r.update.id,
    already: r.already,
  };
}

/** Home tabs of everyone a recorded reply concerns; never in the way of the user's answer. */
export function refreshAfter(client: WebClient, ctx: SlackContext, teamId: string, r: RecordedReply): void {
  refreshHomes(client, ctx, teamId, r.affected).catch((err: unknown) =>
    ctx.logger.warn({ err }, 'could not refresh Home tabs'),
  );
}
