import { notFound } from '../../../domain/errors.js';
import { extensionInput } from '../../../domain/inputs.js';
import { requestExtension } from '../../../services/extensions.js';
import { afterSubmit, tellUser } from '../../answer/tell-user.js';
import { decidersOf } from '../../notify/closeout-request.js';
import { owedExtensionRequest } from '../../notify/extension.js';
import { parseForm } from '../../parsers/inline-errors.js';
import { read } from '../../parsers/view-state.js';
import { EXTENSION } from '../../views/extension.js';
import { readSubmission, type SubmittedArgs } from './on-submit.js';

/** The "Request more time" modal: date and reason checked inline; then saved and sent to the leaders. */
export async function saveExtension({ ctx, ack, body, view, client }: SubmittedArgs): Promise<void> {
  const { actor, meta, tr, values, to } = readSubmission(ctx, { body, view });
  const raw = { toDate: read.date(values, EXTENSION.date) ?? '', reason: read.text(values, EXTENSION.reason) };
  const parsed = parseForm(tr, extensionInput, raw, {
    toDate: { block: EXTENSION.date, invalid: 'modal.error.date' },
    reason: { block: EXTENSION.reason },
  });
  if (!parsed.ok) {
    await ack({ response_action: 'errors', errors: parsed.errors });
    return;
  }
  await ack({ response_action: 'clear' });
  await afterSubmit({ client, ctx, lang: meta.lang, to, written: parsed.data.reason }, async () => {
    if (!meta.key) throw notFound('error.problem_not_found', { key: '?' });
    const { problem, leaderIds } = await requestExtension(
      ctx.deps,
      actor,
      meta.key,
      parsed.data,
      owedExtensionRequest(ctx),
    );
    ctx.followUps.kick();
    const deciders = decidersOf(ctx, leaderIds);
    const date = parsed.data.toDate;
    await tellUser(
      client,
      ctx.logger,
      to,
      deciders.length
        ? tr('extension.sent', { key: problem.key, date, leaders: deciders.map((u) => `<@${u}>`).join(', ') })
        : tr('extension.sent_nobody', { key: problem.key, date }),
    );
  });
}
