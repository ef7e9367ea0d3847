import type { WebClient } from '@slack/web-api';
import { localDate } from '../../domain/cycle.js';
import type { Language } from '../../domain/types.js';
import { translator } from '../../i18n/index.js';
import { checkOf, type CheckView } from '../../services/effectiveness.js';
import type { SlackContext } from '../context.js';
import { checkDmBlocks, checkDmText, type CheckDmView } from '../blocks/effectiveness.js';

/** Where an effectiveness check's DM is, and which round its buttons answer. */
export interface CheckDm {
  channel: string;
  ts: string;
  round: number;
}

/** How a check's DM reads now, for the round its buttons answered: the answer, the new date, or reopened. */
function resultOf(check: CheckView, round: number, timezone: string): CheckDmView['result'] {
  const on = (at: Date | null) => localDate(at ?? new Date(0), timezone);
  if (check.state === 'held') return { answer: 'held', by: check.answeredBy ?? '?', on: on(check.answeredAt) };
  if (check.state === 'came_back')
    return { answer: 'came_back', by: check.answeredBy ?? '?', on: on(check.answeredAt), reason: check.reason ?? '' };
  const closedSince =
    check.problem.status === 'closed' && check.problem.closedAt?.getTime() === check.closedAt.getTime();
  if (check.state !== 'waiting' || !closedSince) return { answer: 'reopened' };
  return check.round > round ? { answer: 'not_sure', next: check.dueDate } : undefined;
}

/**
 * Rewrites a check's DM as the check stands (after an answer, or a click on a stale one): the question
 * and how it was answered, no buttons left. A failure is logged: the answer itself is saved already.
 */
export async function showCheck(
  client: WebClient,
  ctx: SlackContext,
  teamId: string,
  checkId: number,
  dm: CheckDm,
  reader: { userId: string; lang: Language },
): Promise<void> {
  try {
    const check = await checkOf(ctx.deps, teamId, checkId);
    if (!check) return;
    const { board } = check.problem;
    const tr = translator(reader.lang);
    const view: CheckDmView = {
      checkId,
      round: dm.round,
      key: check.problem.key,
      title: check.problem.title,
      ownerId: check.problem.ownerId,
      closedOn: localDate(check.closedAt, board.timezone),
      followUp: check.kind === 'follow_up',
      toLeader: reader.userId !== check.problem.ownerId,
      today: localDate(ctx.deps.clock.now(), board.timezone),
      lang: reader.lang,
      result: resultOf(check, dm.round, board.timezone),
    };
    if (!view.result) return;
    await client.chat.update({
      channel: dm.channel,
      ts: dm.ts,
      text: checkDmText(tr, view),
      blocks: checkDmBlocks(tr, view),
    });
  } catch (error) {
    ctx.logger.warn({ err: error, checkId }, 'could not update an effectiveness check’s DM');
  }
}
