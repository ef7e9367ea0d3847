import type { Button } from '@slack/types';
import type { Translator } from '../../i18n/index.js';
import { ACTION } from '../ids.js';
import { LIMITS, truncate } from './limits.js';

/** The owner's buttons on a problem, in the order they appear. */
export type OwnerButton = 'report' | 'noChange' | 'closeout' | 'extension';

const BUTTONS: Record<
  OwnerButton,
  { actionId: string; label: 'btn.report' | 'btn.no_change' | 'btn.request_closeout' | 'extension.button' }
> = {
  report: { actionId: ACTION.reportProgress, label: 'btn.report' },
  noChange: { actionId: ACTION.noChange, label: 'btn.no_change' },
  closeout: { actionId: ACTION.requestCloseout, label: 'btn.request_closeout' },
  // Issue 23: the owner asks a leader for a later deadline (listeners/actions/extension.ts).
  extension: { actionId: ACTION.requestExtension, label: 'extension.button' },
};

/** Where an owner answers for a problem as a whole (the card, the cycle prompt): the three, and more time. */
export const WITH_EXTENSION: readonly OwnerButton[] = ['report', 'noChange', 'closeout', 'extension'];

/**
 * The owner's buttons for a problem (value = its key), wherever they appear: cards, prompts, reminders, the
 * App Home and a returned request's DM. Labels are cut to Slack's button limit, whatever the translation.
 * Four buttons at most: a prompt's actions block per problem stays far below Slack's 25 elements.
 */
export function ownerButtons(
  tr: Translator,
  key: string,
  which: readonly OwnerButton[] = ['report', 'noChange', 'closeout'],
): Button[] {
  return which.map((name) => ({
    type: 'button',
    action_id: BUTTONS[name].actionId,
    value: key,
    text: { type: 'plain_text', text: truncate(tr(BUTTONS[name].label), LIMITS.buttonText) },
    ...(name === 'report' && { style: 'primary' as const }),
  }));
}
