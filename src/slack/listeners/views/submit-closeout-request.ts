import { notFound } from '../../../domain/errors.js';
import { requestCloseout } from '../../../services/closeout.js';
import { afterSubmit, tellUser } from '../../answer/tell-user.js';
import { refreshHomesLater } from '../../refresh/homes.js';
import { refreshSubmittedFrom } from '../../refresh/origin.js';
import { parseCloseout } from '../../parsers/closeout.js';
import { decidersOf, owedCloseoutRequest } from '../../notify/closeout-request.js';
import { readSubmission, type SubmittedArgs } from './on-submit.js';
import { refuseMissingFiles } from '../../evidence/require-files.js';
import { describeFiles } from '../../evidence/read-files.js';

/** A closeout request: saved, sent to the board's leaders (admins when it has none) with Approve/Return. */
export async function submitCloseoutRequest({ ctx, ack, body, view, client }: SubmittedArgs): Promise<void> {
  const { actor, meta, tr, values, to } = readSubmission(ctx, { body, view });
  const parsed = parseCloseout(tr, values);
  if (!parsed.ok) {
    await ack({ response_action: 'errors', errors: parsed.errors });
    return;
  }
  // A board that requires evidence files refuses a request without them, inline, before the modal closes.
  if (await refuseMissingFiles(ctx, actor, meta.key, parsed.data.files, tr, ack)) return;
  await ack({ response_action: 'clear' });
  const { evidence } = parsed.data;
  await afterSubmit({ client, ctx, lang: meta.lang, to, written: evidence }, async () => {
    if (!meta.key) throw notFound('error.problem_not_found', { key: '?' });
    const files = await describeFiles(client, ctx.logger, parsed.data.files);
    // Each decider's copy is saved with the request: a Slack outage or a crash delays the copies, never loses them.
    const { problem, leaderIds } = await requestCloseout(
      ctx.deps,
      actor,
      meta.key,
      { evidence, files },
      owedCloseoutRequest(ctx),
      { viewId: view.id },
    );
    ctx.followUps.kick();
    const deciders = decidersOf(ctx, leaderIds);
    const mentions = deciders.map((u) => `<@${u}>`).join(', ');
    await tellUser(
      client,
      ctx.logger,
      to,
      deciders.length
        ? tr('closeout.sent', { key: problem.key, leaders: mentions })
        : tr('closeout.sent_nobody', { key: problem.key }),
    );
    const from = { client, ctx, actor, origin: meta.origin, lang: meta.lang };
    await refreshSubmittedFrom(from, problem.key, tr('closeout.origin_note', { user: actor.userId }));
    refreshHomesLater(client, ctx, actor.teamId, [problem.ownerId, actor.userId, ...deciders]);
  });
}
