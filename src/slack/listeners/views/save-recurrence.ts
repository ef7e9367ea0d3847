import { notFound } from '../../../domain/errors.js';
import { decisionReason } from '../../../domain/inputs.js';
import { answerCheck } from '../../../services/effectiveness.js';
import { owedCheckAnswer } from '../../notify/effectiveness.js';
import { parseForm } from '../../parsers/inline-errors.js';
import { read } from '../../parsers/view-state.js';
import { showAnswered } from '../../refresh/check-message.js';
import { refreshHomesLater } from '../../refresh/homes.js';
import { RECURRENCE } from '../../blocks/effectiveness.js';
import { z } from 'zod';
import { parseThenWork } from './support/on-submit.js';

/**
 * "It came back": the reason is required (inline); then the check is recorded, the problem reopened as a
 * leader's reopen would (audit, the owner's DM when someone else reported it), the leaders told through the
 * outbox, and the check's DM shows the answer.
 */
export const saveRecurrence = parseThenWork({
  parse: ({ tr, values }) =>
    parseForm(
      tr,
      z.object({ reason: decisionReason }),
      { reason: read.text(values, RECURRENCE.block) },
      { reason: { block: RECURRENCE.block, invalid: 'error.reason_required' } },
    ),
  written: ({ reason }) => reason,
  work: async ({ ctx, client, actor, meta, tr, form }) => {
    const check = meta.check;
    if (!check) throw notFound('effectiveness.not_found');
    const answered = await answerCheck(
      ctx.deps,
      actor,
      check.id,
      check.round,
      'came_back',
      form.reason,
      owedCheckAnswer(ctx),
    );
    ctx.followUps.kick();
    const dm = check.channel && check.ts ? { channel: check.channel, ts: check.ts, round: check.round } : null;
    await showAnswered(client, ctx, actor.teamId, check.id, check.round, {
      dm,
      reader: { userId: actor.userId, lang: meta.lang },
    });
    refreshHomesLater(client, ctx, actor.teamId, [answered.problem.ownerId, ...answered.leaderIds]);
    return tr('effectiveness.answered.came_back', { key: answered.problem.key });
  },
  // Submit pressed again (after Slack's 3 s error): told the same, not "this check was already answered".
  once: true,
});
