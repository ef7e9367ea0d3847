import type { WebClient } from '@slack/web-api';
import { localDate } from '../../domain/cycle.js';
import type { Language } from '../../domain/types.js';
import { translator } from '../../i18n/index.js';
import { checkCopies, checkOf, type CheckView } from '../../services/effectiveness.js';
import type { SlackContext } from '../context.js';
import { checkDmBlocks, checkDmText, type CheckDmView } from '../blocks/effectiveness.js';

/** Where an effectiveness check's DM is, and which round its buttons answer. */
export interface CheckDm {
  channel: string;
  ts: string;
  round: number;
}

/** Who reads a DM: the owner's copy asks them, a leader's names the owner who did not answer. */
interface Reader {
  userId: string;
  lang: Language;
}

/** How a check's DM reads now, for the round its buttons answered: the answer, the new date, or reopened. */
function resultOf(check: CheckView, round: number): CheckDmView['result'] {
  const on = (at: Date | null) => localDate(at ?? new Date(0), check.problem.board.timezone);
  if (check.state === 'held') return { answer: 'held', by: check.answeredBy ?? '?', on: on(check.answeredAt) };
  if (check.state === 'came_back')
    return { answer: 'came_back', by: check.answeredBy ?? '?', on: on(check.answeredAt), reason: check.reason ?? '' };
  const closedSince =
    check.problem.status === 'closed' && check.problem.closedAt?.getTime() === check.closedAt.getTime();
  if (check.state !== 'waiting' || !closedSince) return { answer: 'reopened' };
  return check.round > round ? { answer: 'not_sure', next: check.dueDate } : undefined;
}

/** A check's DM as it stands, for one reader and round; null while that round still waits for an answer. */
function rendered(ctx: SlackContext, check: CheckView, round: number, reader: Reader) {
  const result = resultOf(check, round);
  if (!result) return null;
  const { timezone } = check.problem.board;
  const tr = translator(reader.lang);
  const view: CheckDmView = {
    checkId: check.id,
    round,
    key: check.problem.key,
    title: check.problem.title,
    ownerId: check.problem.ownerId,
    closedOn: localDate(check.closedAt, timezone),
    followUp: check.kind === 'follow_up',
    toLeader: reader.userId !== check.problem.ownerId,
    today: localDate(ctx.deps.clock.now(), timezone),
    lang: reader.lang,
    result,
  };
  return { text: checkDmText(tr, view), blocks: checkDmBlocks(tr, view) };
}

async function update(
  client: WebClient,
  ctx: SlackContext,
  dm: { channel: string; ts: string },
  message: ReturnType<typeof rendered>,
) {
  if (!message) return;
  try {
    await client.chat.update({ channel: dm.channel, ts: dm.ts, ...message });
  } catch (error) {
    ctx.logger.warn({ err: error, channel: dm.channel }, 'could not update an effectiveness check’s DM');
  }
}

/**
 * Rewrites one check's DM as the check stands (a click on a stale one): the question and how it was
 * answered, no buttons left. Never throws: the answer, if any, is saved already.
 */
export async function showCheck(
  client: WebClient,
  ctx: SlackContext,
  teamId: string,
  checkId: number,
  dm: CheckDm,
  reader: Reader,
): Promise<void> {
  const check = await checkOf(ctx.deps, teamId, checkId).catch(() => null);
  if (check) await update(client, ctx, dm, rendered(ctx, check, dm.round, reader));
}

/**
 * After an answer: every copy of the answered round (the owner's, and the leaders' once they were asked)
 * shows it, each in its reader's language, and the clicked DM too. Never throws.
 */
export async function showAnswered(
  client: WebClient,
  ctx: SlackContext,
  teamId: string,
  checkId: number,
  round: number,
  clicked: { dm: CheckDm | null; reader: Reader },
): Promise<void> {
  try {
    const [check, copies] = await Promise.all([
      checkOf(ctx.deps, teamId, checkId),
      checkCopies(ctx.deps, teamId, checkId, round),
    ]);
    if (!check) return;
    const { dm } = clicked;
    const others = copies.filter(
      (c) => c.channelId && c.slackTs && !(c.channelId === dm?.channel && c.slackTs === dm.ts),
    );
    await Promise.all([
      dm && update(client, ctx, dm, rendered(ctx, check, round, clicked.reader)),
      ...others.map(async (c) => {
        const lang = await ctx.locale.forUser(client, c.recipient);
        const reader = { userId: c.recipient, lang };
        await update(client, ctx, { channel: c.channelId!, ts: c.slackTs! }, rendered(ctx, check, round, reader));
      }),
    ]);
  } catch (error) {
    ctx.logger.warn({ err: error, checkId }, 'could not update the copies of an effectiveness check');
  }
}
