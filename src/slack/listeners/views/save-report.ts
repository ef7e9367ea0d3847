import { setTimeout as sleep } from 'node:timers/promises';
import { notFound } from '../../../domain/errors.js';
import { getBoard } from '../../../services/boards.js';
import { boardCodeOf } from '../../../services/problems.js';
import { reportUpdate } from '../../../services/progress.js';
import { afterSubmit, tellUser } from '../../answer/tell-user.js';
import { refreshHomesLater } from '../../refresh/homes.js';
import { refreshSubmittedFrom } from '../../refresh/origin.js';
import { parseReport } from '../../parsers/report.js';
import { readSubmission, type SubmittedArgs } from './support/on-submit.js';

/** How long the ack waits for the save: well inside Slack's 3 s, and the 1 s acks are held to. */
const SAVE_BEFORE_ACK_MS = 600;
const noop = () => undefined;

/** A progress report from the modal: saved, confirmed, and the message it came from updated in place. */
export async function saveReport({ ctx, ack, body, view, client }: SubmittedArgs): Promise<void> {
  const { actor, meta, tr, values, to } = readSubmission(ctx, { body, view });
  const parsed = parseReport(tr, values);
  if (!parsed.ok) {
    await ack({ response_action: 'errors', errors: parsed.errors });
    return;
  }
  const form = parsed.data;
  // Saved before the modal closes when that is quick (a crash right after the ack cannot lose it), but the
  // ack never waits long for it (another process may hold the database's write lock).
  const saving = meta.key
    ? reportUpdate(ctx.deps, actor, meta.key, form, { viewId: view.id })
    : Promise.reject(notFound('error.problem_not_found', { key: '?' }));
  await Promise.race([saving.then(noop, noop), sleep(SAVE_BEFORE_ACK_MS)]);
  await ack({ response_action: 'clear' });
  await afterSubmit({ client, ctx, lang: meta.lang, to, written: form.note }, async () => {
    const { problem } = await saving;
    const health = tr(`health.${form.health}`);
    await tellUser(
      client,
      ctx.logger,
      to,
      tr('report.saved', { key: problem.key, percent: form.percent, health, done: form.measuresDone.length }),
    );
    const from = { client, ctx, actor, origin: meta.origin, lang: meta.lang };
    await refreshSubmittedFrom(
      from,
      problem.key,
      tr('report.origin_note', { user: actor.userId, percent: form.percent, health }),
    );
    const board = await getBoard(ctx.deps, actor.teamId, boardCodeOf(problem.key));
    refreshHomesLater(client, ctx, actor.teamId, [
      problem.ownerId,
      actor.userId,
      ...board.leaders.map((l) => l.userId),
    ]);
  });
}
