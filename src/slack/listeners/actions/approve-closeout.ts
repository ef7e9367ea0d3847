import { DomainError } from '../../../domain/errors.js';
import { approveCloseout as saveApproval } from '../../../services/closeout.js';
import { announceDecision, owedDecision, showExistingDecision } from '../../notify/decision.js';
import { originOf, requireRequestIdValue } from '../../parsers/block-action.js';
import type { ClickContext } from './support/on-click.js';

const isAlreadyDecided = (e: unknown): boolean => e instanceof DomainError && e.key === 'error.already_decided';

/**
 * *Approve* on a leader's closeout-request DM or on a card. The first decision wins: a later click is told
 * who decided, and the message it clicked is brought up to date.
 */
export async function approveCloseout({ ctx, click, actor, lang, client }: ClickContext): Promise<void> {
  const requestId = requireRequestIdValue(click.value);
  const decision = { client, ctx, actor, lang, origin: originOf(click, 'request'), requestId };
  let decided;
  try {
    decided = await saveApproval(ctx.deps, actor, requestId, owedDecision(ctx));
  } catch (error) {
    if (isAlreadyDecided(error))
      await showExistingDecision(decision).catch((e: unknown) =>
        ctx.logger.warn({ err: e }, 'could not show the decision'),
      );
    throw error;
  }
  await announceDecision(decision, decided);
}
