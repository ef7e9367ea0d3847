import { problemLine } from '../../jobs/job-data.js';
import type { NudgeMessage, OutboundMessage, ProblemLine, PromptMessage } from '../../jobs/outbox/messages.js';
import type { Language } from '../../domain/types.js';
import { problemsWithBoards, rewriteScheduledMessage, scheduledMessageAt } from '../../services/scheduled-messages.js';
import type { SlackContext } from '../context.js';
import { renderMessage, type RenderedMessage } from '../blocks/scheduled/index.js';

type WithProblems = PromptMessage | NudgeMessage;

const linesOf = (m: WithProblems): ProblemLine[] => (m.kind === 'prompt' ? m.problems : m.problems.items);
const withLines = (m: WithProblems, lines: ProblemLine[]): WithProblems =>
  m.kind === 'prompt' ? { ...m, problems: lines } : { ...m, problems: { ...m.problems, items: lines } };

/**
 * A cycle prompt or nudge lists several problems: after someone acts on one of them, the same message is
 * re-rendered with every problem's current standing and a note under the one acted on, so the owner's
 * other buttons stay. The message is found through its delivery row (channel + ts); its stored data is
 * updated too, so later notes accumulate. Returns 'keep' for other scheduler messages (a channel post
 * stays as it is) and null for messages the scheduler did not send.
 */
export async function refreshScheduledMessage(
  ctx: SlackContext,
  where: { channel: string; ts: string },
  key: string,
  note: string,
  lang: Language,
): Promise<RenderedMessage | 'keep' | null> {
  const delivery = await scheduledMessageAt(ctx.deps, where.channel, where.ts);
  if (!delivery) return null;
  if (!delivery.payload) return 'keep';
  // Our own JSON, written by the scheduler from the OutboundMessage type.
  const message = JSON.parse(delivery.payload) as OutboundMessage;
  if (message.kind !== 'prompt' && message.kind !== 'nudge') return 'keep';

  const lines = linesOf(message);
  const rows = await problemsWithBoards(
    ctx.deps,
    delivery.teamId,
    lines.map((l) => l.key),
  );
  const now = ctx.deps.clock.now();
  const fresh = lines.map((line) => {
    const row = rows.find((r) => r.key === line.key);
    const current = row ? problemLine(row, row.board, now) : line;
    const lineNote = line.key === key.toUpperCase() ? note : line.note;
    return lineNote ? { ...current, note: lineNote } : current;
  });
  const updated = withLines(message, fresh);
  await rewriteScheduledMessage(ctx.deps, delivery.id, JSON.stringify(updated));
  // Re-rendered in the language of the person looking at it (the owner), as it was sent.
  return renderMessage({ ...updated, board: { ...updated.board, language: lang } });
}
