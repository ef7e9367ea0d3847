import { localDate } from '../../../../domain/cycle.js';
import { DomainError } from '../../../../domain/errors.js';
import { formatDate } from '../../../../i18n/dates.js';
import { answerCheck } from '../../../../services/effectiveness.js';
import type { CheckAnswer } from '../../../../services/effectiveness-schedule.js';
import { replyEphemeral } from '../../../answer/ephemeral.js';
import { owedCheckAnswer } from '../../../notify/effectiveness.js';
import { requireCheckValue } from '../../../parsers/block-action.js';
import { showAnswered, showCheck, type CheckDm } from '../../../refresh/check-message.js';
import type { ClickContext } from './on-click.js';

/** The DM a check's button sits in (null on an ephemeral copy: nothing to update). */
export function checkDmOf(click: ClickContext['click'], round: number): CheckDm | null {
  return click.container.kind === 'message' && click.container.ts
    ? { channel: click.container.channel, ts: click.container.ts, round }
    : null;
}

/**
 * Held / Not sure yet on an effectiveness check's DM: the answer is recorded once, then the DM shows it
 * (no buttons left). A stale click (answered already, reopened since, asked again later) is told why, and
 * its DM is brought up to date; nothing changes.
 */
export async function answerFromDm(clicked: ClickContext, answer: Exclude<CheckAnswer, 'came_back'>): Promise<void> {
  const { ctx, click, actor, lang, tr, client } = clicked;
  const { checkId, round } = requireCheckValue(click.value);
  const dm = checkDmOf(click, round);
  const reader = { userId: actor.userId, lang };
  try {
    const answered = await answerCheck(ctx.deps, actor, checkId, round, answer, '', owedCheckAnswer(ctx));
    await showAnswered(client, ctx, actor.teamId, checkId, round, { dm, reader });
    const { key } = answered.problem;
    const date = formatDate(lang, answered.check.dueDate, localDate(ctx.deps.clock.now(), answered.timezone));
    await replyEphemeral(
      clicked.target,
      answer === 'held'
        ? tr('effectiveness.answered.held', { key })
        : tr('effectiveness.answered.not_sure', { key, date }),
    );
  } catch (error) {
    if (dm && error instanceof DomainError && error.code === 'conflict')
      await showCheck(client, ctx, actor.teamId, checkId, dm, reader);
    throw error;
  }
}
