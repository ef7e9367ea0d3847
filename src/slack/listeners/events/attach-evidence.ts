import { translator } from '../../../i18n/index.js';
import { attachEvidenceFiles } from '../../../services/evidence-files.js';
import { failureText } from '../../answer/ephemeral.js';
import { describeFiles } from '../../evidence/read-files.js';
import { refreshHomesLater } from '../../refresh/homes.js';
import { LIMITS, truncate } from '../../blocks/limits.js';
import type { EventArgs } from './support/on-event.js';
import { evidenceShareOf } from './support/evidence-share.js';

/** Files shared with a key join the pending closeout request, read back with files.info; the sharer is told. */
export async function attachEvidence({ ctx, event, body, context, client }: EventArgs<'message'>): Promise<void> {
  const teamId = context.teamId ?? body.team_id;
  const share = await evidenceShareOf(ctx, teamId, event);
  if (!share || share.userId === context.botUserId) return;
  const lang = await ctx.locale.forUser(client, share.userId);
  const tr = translator(lang);
  const say = (text: string) =>
    client.chat.postMessage({
      channel: share.channel,
      thread_ts: share.threadTs ?? share.ts,
      text: truncate(text, LIMITS.messageText),
    });
  try {
    const files = await describeFiles(client, ctx.logger, share.files);
    const actor = { teamId, userId: share.userId };
    const { key, added } = await attachEvidenceFiles(ctx.deps, actor, share.key, files);
    await say(
      added.length ? tr('evidence.attached', { count: added.length, key }) : tr('evidence.attach_nothing', { key }),
    );
    if (added.length) refreshHomesLater(client, ctx, teamId, [share.userId]);
  } catch (error) {
    try {
      await say(failureText(lang, error, ctx.logger));
    } catch (sayError) {
      ctx.logger.error({ err: sayError }, 'could not answer an evidence share');
    }
  }
}
