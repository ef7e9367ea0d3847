import { notFound } from '../../../domain/errors.js';
import { requestCloseout } from '../../../services/closeout.js';
import { tellUser } from '../../answer/tell-user.js';
import { refreshHomesLater } from '../../refresh/homes.js';
import { refreshSubmittedFrom } from '../../refresh/origin.js';
import { parseCloseout } from '../../parsers/closeout.js';
import { decidersOf, owedCloseoutRequest } from '../../notify/closeout-request.js';
import { parseThenWork } from './support/on-submit.js';
import { missingFilesError } from '../../evidence/require-files.js';
import { describeFiles } from '../../evidence/read-files.js';

/** A closeout request: saved, sent to the board's leaders (admins when it has none) with Approve/Return. */
export const submitCloseoutRequest = parseThenWork({
  parse: async ({ ctx, actor, meta, tr, values }) => {
    const parsed = parseCloseout(tr, values);
    if (!parsed.ok) return parsed;
    // A board that requires evidence files refuses a request without them, inline, before the modal closes.
    const missing = await missingFilesError(ctx, actor, meta.key, parsed.data.files, tr);
    return missing ? { ok: false, errors: missing } : parsed;
  },
  written: ({ evidence }) => evidence,
  work: async ({ ctx, client, actor, meta, tr, to, view, form: { evidence, files: shared } }) => {
    if (!meta.key) throw notFound('error.problem_not_found', { key: '?' });
    const files = await describeFiles(client, ctx.logger, shared);
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
  },
});
