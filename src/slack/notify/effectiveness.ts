import { localDate } from '../../domain/cycle.js';
import { effectiveDeadline } from '../../domain/problem-state.js';
import { recurrenceMessages } from '../../jobs/outbox/effectiveness-messages.js';
import { reopenMessages } from '../../jobs/outbox/follow-ups.js';
import { owedOn } from '../../jobs/outbox/notify-messages.js';
import { deliveryRow } from '../../jobs/types.js';
import type { Owed } from '../../services/deliveries.js';
import type { AnsweredCheck } from '../../services/effectiveness.js';
import type { SlackContext } from '../context.js';
import { decidersOf } from './closeout-request.js';

/**
 * What an answer to an effectiveness check owes people: when the problem came back, each leader's DM (the
 * admins when the board has none) and, when someone else reported it, the owner's "reopened" DM — the
 * same one a leader's `/closeout reopen` sends. Recorded with the answer; sent once through the outbox.
 */
export function owedCheckAnswer(ctx: SlackContext): Owed<AnsweredCheck> {
  const now = ctx.deps.clock.now();
  return ({ answer, check, problem, leaderIds }, board) => {
    if (answer !== 'came_back') return [];
    const where = owedOn(problem.teamId, board, now);
    const reason = check.reason ?? '';
    const leaders = recurrenceMessages(where, decidersOf(ctx, leaderIds), {
      checkId: check.id,
      key: problem.key,
      title: problem.title,
      ownerId: problem.ownerId,
      reportedBy: check.answeredBy,
      reason,
      closedOn: localDate(check.closedAt, board.timezone),
    });
    const owner = reopenMessages({
      ...where,
      key: problem.key,
      title: problem.title,
      version: problem.version,
      by: check.answeredBy,
      ownerId: problem.ownerId,
      deadline: effectiveDeadline(problem, board),
      note: reason,
    });
    return [...leaders, ...owner].map(deliveryRow);
  };
}
