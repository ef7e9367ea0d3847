import { requestExtension } from '../../../services/extensions.js';
import { deadlineWarning } from '../../answer/deadline-warning.js';
import { decidersOf } from '../../notify/closeout-request.js';
import { owedExtensionRequest } from '../../notify/extension.js';
import type { SubcommandHandler } from './support/types.js';

/** `/closeout extend KEY YYYY-MM-DD reason…`: an owner asks the leaders for a later deadline. */
export const extend: SubcommandHandler = async ({ args, respond, ctx, actor, tr }) => {
  const [key, toDate, ...words] = args;
  const reason = words.join(' ');
  if (!key || !toDate || !reason) {
    await respond({ response_type: 'ephemeral', text: tr('extension.usage') });
    return;
  }
  const { problem, leaderIds } = await requestExtension(
    ctx.deps,
    actor,
    key,
    { toDate, reason },
    owedExtensionRequest(ctx),
  );
  ctx.followUps.kick();
  const deciders = decidersOf(ctx, leaderIds);
  await respond({
    response_type: 'ephemeral',
    text:
      (deciders.length
        ? tr('extension.sent', { key: problem.key, date: toDate, leaders: deciders.map((u) => `<@${u}>`).join(', ') })
        : tr('extension.sent_nobody', { key: problem.key, date: toDate })) +
      (await deadlineWarning(ctx.deps.db, tr, problem.boardId, toDate)),
  });
};
