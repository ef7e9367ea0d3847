import { ErrorCode } from '@slack/web-api';
import type { Language } from '../../../domain/types.js';
import { boardByCode } from '../../../services/boards.js';
import { cachedBoardSummary } from '../../../services/summary-cache.js';
import type { BoardSummary } from '../../../services/summary-types.js';
import { translator } from '../../../i18n/index.js';
import { postBoardChart } from '../../upload/chart.js';
import { dmChannel } from '../../upload/file.js';
import { parseSummaryArgs } from '../../parsers/summary-args.js';
import { formatDate } from '../../../i18n/dates.js';
import { summaryBlocks, summaryText } from '../../blocks/summary.js';
import { boardNamedOrLed } from './support/board-named-or-led.js';
import { ledBoard } from '../../../services/summary.js';
import { resolveUnit, sendSummaryDocument } from './support/summary-scope.js';
import type { SubcommandArgs, SubcommandHandler } from './support/types.js';
import { mrkdwnText } from '../../blocks/limits.js';

/** Slack's error code from a failed Web API call (e.g. `not_in_channel`), if it was Slack that refused. */
function slackError(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error) || error.code !== ErrorCode.PlatformError)
    return undefined;
  const data = 'data' in error ? (error.data as { error?: unknown }) : undefined;
  return typeof data?.error === 'string' ? data.error : undefined;
}

/** The bot cannot post where it is not a member; Slack hides private channels it is not in. */
const NOT_A_MEMBER = new Set(['not_in_channel', 'channel_not_found']);

/** Renders the chart and shares it, after the text went out: a failure is only logged. */
async function sendChart(
  a: SubcommandArgs,
  s: BoardSummary,
  channel: () => Promise<string>,
  lang: Language,
  once = false,
): Promise<void> {
  try {
    const board = await boardByCode(a.ctx.deps, a.actor.teamId, s.board.code);
    const comment = translator(lang)('summary.chart.comment', {
      name: mrkdwnText(s.board.name, 100),
      code: s.board.code,
      date: formatDate(lang, s.today, s.today),
    });
    await postBoardChart(a.client, a.ctx.logger, {
      db: a.ctx.deps.db,
      board,
      at: s.asOf,
      lang,
      channelId: await channel(),
      summary: s,
      comment,
      once,
    });
  } catch (error) {
    a.ctx.logger.error({ err: error, board: s.board.code }, 'could not send the summary chart');
  }
}

/** `post`: the summary in the board's channel, in the board's language (it is for everyone there), then the chart. */
async function postInChannel(a: SubcommandArgs, s: BoardSummary): Promise<void> {
  const channel = s.board.channelId;
  if (!channel) {
    await a.respond({
      response_type: 'ephemeral',
      text: a.tr('common.refused', { reason: a.tr('summary.no_channel', { code: s.board.code }) }),
    });
    return;
  }
  const lang = s.board.language;
  const trb = translator(lang);
  let posted: string;
  try {
    const blocks = summaryBlocks(trb, lang, s);
    // One unit only (`unit:NAME`): said at the top, in the channel's language.
    if (s.unit) {
      const note = trb('summary.unit.shown', { unit: mrkdwnText(s.unit, 100) });
      blocks.splice(1, 0, { type: 'context', elements: [{ type: 'mrkdwn', text: note }] });
    }
    const res = await a.client.chat.postMessage({
      channel,
      text: summaryText(trb, s),
      blocks,
      unfurl_links: false,
      unfurl_media: false,
    });
    posted = res.channel ?? channel;
  } catch (error) {
    const code = slackError(error);
    if (!code || !NOT_A_MEMBER.has(code)) throw error;
    await a.respond({
      response_type: 'ephemeral',
      text: a.tr('summary.not_in_channel', { channel, code: s.board.code }),
    });
    return;
  }
  await a.respond({
    response_type: 'ephemeral',
    text: a.tr('summary.posted', { code: s.board.code, channel: posted }),
  });
  await sendChart(a, s, async () => posted, lang);
}

/**
 * `/closeout summary [CODE] [by:category|unit|owner] [post]` for leaders and admins. Ephemeral by default,
 * with the chart in the leader's DM with the bot (an image cannot be ephemeral); `post` shares both in the
 * board's channel. Without a code: the one board the user leads, else a question naming their boards. The
 * service refuses anyone who does not lead the board.
 */
export const summary: SubcommandHandler = async (call) => {
  const parsed = parseSummaryArgs(call.args);
  if (!parsed.ok) {
    await call.respond({
      response_type: 'ephemeral',
      text: `${call.tr('summary.usage')}\n${call.tr('summary.usage.more')}`,
    });
    return;
  }
  const code = await boardNamedOrLed(call, parsed.code, {
    sub: 'summary',
    notLeader: 'summary.not_leader',
    noBoards: 'summary.no_boards',
    choose: 'summary.choose',
  });
  if (code === null) return;
  const scope = parsed.unit === null ? null : await resolveUnit(call, code, parsed.unit);
  if (parsed.unit !== null && scope === null) return;
  if (parsed.as) {
    await ledBoard(call.ctx.deps, call.actor, code);
    await sendSummaryDocument(call, code, parsed.as, scope);
    return;
  }
  const s = await cachedBoardSummary(call.ctx.deps, call.actor, code, { by: parsed.by, unit: scope?.unit ?? null });
  if (parsed.post) {
    await postInChannel(call, s);
    return;
  }
  // Cached: this only adds the board's language as the fallback for users without a supported locale.
  const lang = await call.ctx.locale.forUser(call.client, call.actor.userId, s.board.language);
  const trb = translator(lang);
  const blocks = summaryBlocks(trb, lang, s);
  // One unit only: said at the top (the summary's own blocks name the board).
  if (scope) blocks.splice(1, 0, { type: 'context', elements: [{ type: 'mrkdwn', text: scope.note }] });
  await call.respond({ response_type: 'ephemeral', text: summaryText(trb, s), blocks });
  // In the DM, an unchanged chart already sent there is not sent again; a post in the channel always has its chart.
  await sendChart(call, s, () => dmChannel(call.client, call.actor.userId), lang, true);
};
