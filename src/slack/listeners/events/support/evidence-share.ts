import { hasPendingRequest } from '../../../../services/evidence-files.js';
import type { SlackContext } from '../../../context.js';
import { parseEvidenceShare, type EvidenceShare } from '../../../parsers/evidence-share.js';

/**
 * The evidence share a message is, when it is one: files with a problem key (`RECT-12 proof`) in the bot's
 * DM or a thread, for a problem whose closeout request waits for a decision. Anything else is left to the
 * chat-reply and list-import readers (they skip what this one takes).
 */
export async function evidenceShareOf(
  ctx: SlackContext,
  teamId: string,
  event: unknown,
): Promise<EvidenceShare | null> {
  const share = parseEvidenceShare(event);
  if (!share) return null;
  return (await hasPendingRequest(ctx.deps, teamId, share.key)) ? share : null;
}
