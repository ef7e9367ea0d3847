import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { localDate } from '../../domain/cycle.js';
import { conflict } from '../../domain/errors.js';
import { effectiveDeadline } from '../../domain/problem-state.js';
import type { Actor, Language } from '../../domain/types.js';
import { translator } from '../../i18n/index.js';
import { requireOwnerOrLeaderNow } from '../../services/access.js';
import { ensureNotClosed, getProblemDetail } from '../../services/problems.js';
import type { SlackContext } from '../context.js';
import { originOf, requireKeyValue, type ButtonClick } from '../parsers/block-action.js';
import type { ModalMetadata } from '../parsers/modal-metadata.js';
import { measureCounts } from '../blocks/closeout-request.js';
import { closeoutModal } from '../blocks/modals/closeout.js';
import { reportModal } from '../blocks/modals/report.js';
import type { MessageOrigin } from '../refresh/message-origin.js';

interface OpenModalArgs {
  client: WebClient;
  triggerId: string;
  ctx: SlackContext;
  actor: Actor;
  lang: Language;
  key: string;
  origin?: MessageOrigin;
  /** The channel a command was typed in, for the confirmation; button flows use the origin's. */
  channel?: string;
}

type ViewArgs = Pick<OpenModalArgs, 'ctx' | 'actor' | 'lang' | 'key' | 'origin' | 'channel'>;

function metadataOf(a: ViewArgs): ModalMetadata {
  const channel = a.channel ?? a.origin?.channel;
  return { lang: a.lang, ...(channel && { channel }), ...(a.origin && { origin: a.origin }) };
}

/**
 * A problem the actor may act on: its owner, or a leader of its board, and not closed. Checked before a
 * modal opens so nobody types a note in vain; the services check again on submit.
 */
async function actionableProblem(a: ViewArgs) {
  const problem = await getProblemDetail(a.ctx.deps, a.actor.teamId, a.key);
  await requireOwnerOrLeaderNow(a.ctx.deps, a.actor, problem);
  ensureNotClosed(problem);
  return problem;
}

/** The progress modal for a problem; throws DomainError when the actor may not report on it. */
export async function reportView(opening: ViewArgs): Promise<ModalView> {
  const problem = await actionableProblem(opening);
  return reportModal(translator(opening.lang), {
    problem: {
      key: problem.key,
      title: problem.title,
      deadline: effectiveDeadline(problem, problem.board),
      percent: problem.percent,
      health: problem.health,
    },
    measures: problem.measures,
    today: localDate(opening.ctx.deps.clock.now(), problem.board.timezone),
    metadata: metadataOf(opening),
  });
}

/** The closeout request modal; throws DomainError when refused (not theirs, closed, already requested). */
async function closeoutView(opening: ViewArgs): Promise<ModalView> {
  const problem = await actionableProblem(opening);
  if (problem.status === 'closeout_requested') throw conflict('error.closeout_pending', { key: problem.key });
  return closeoutModal(translator(opening.lang), {
    problem: { key: problem.key, title: problem.title, percent: problem.percent },
    measures: measureCounts(problem.measures),
    leaderIds: problem.board.leaders.map((l) => l.userId),
    evidenceRequired: problem.board.evidenceRequired,
    metadata: metadataOf(opening),
  });
}

/**
 * Opens the progress modal (from `/closeout report`, the report picker, or a card's button). Refusals
 * are thrown as DomainError for the caller's answerFailures to show.
 */
export async function openReportModal(opening: OpenModalArgs): Promise<void> {
  await opening.client.views.open({ trigger_id: opening.triggerId, view: await reportView(opening) });
}

export async function openCloseoutModal(opening: OpenModalArgs): Promise<void> {
  await opening.client.views.open({ trigger_id: opening.triggerId, view: await closeoutView(opening) });
}

/** The owner's modal opened from a button: for the problem the button carries, updating its message later. */
export function modalArgsFromClick(clicked: {
  ctx: SlackContext;
  click: ButtonClick;
  actor: Actor;
  lang: Language;
  client: WebClient;
}): OpenModalArgs {
  const { ctx, click, actor, lang, client } = clicked;
  return {
    client,
    triggerId: click.triggerId,
    ctx,
    actor,
    lang,
    key: requireKeyValue(click.value),
    origin: originOf(click, 'prompt'),
  };
}
