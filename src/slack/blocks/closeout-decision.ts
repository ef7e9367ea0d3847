import type { KnownBlock, ModalView } from '@slack/types';
import type { Language } from '../../domain/types.js';
import type { Translator } from '../../i18n/index.js';
import { VIEW } from '../ids.js';
import { LIMITS, mrkdwnText, truncate } from './limits.js';
import { decidedForLine, type CardRequest } from './problem-card.js';
import { ownerButtons } from './owner-buttons.js';
import { notRectifiableDmBlocks, outcomeContext } from './closeout-outcome.js';

export interface DecisionData {
  lang: Language;
  timezone: string;
  key: string;
  title: string;
  request: Pick<CardRequest, 'state' | 'decidedBy' | 'decidedFor' | 'reason'> & { outcome?: string | null };
}

const REASON_MAX = 2000;

/** The owner's DM with a leader's decision; a returned request offers the next steps as buttons. */
export function decisionDmBlocks(tr: Translator, data: DecisionData): KnownBlock[] {
  const r = data.request;
  const title = mrkdwnText(data.title, 200);
  // A deputy's decision says whom it was made for (issue 22).
  const forLine = decidedForLine(tr, r);
  const forBlocks: KnownBlock[] = forLine ? [{ type: 'context', elements: [{ type: 'mrkdwn', text: forLine }] }] : [];
  if (r.state === 'approved') {
    return [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: tr('signoff.dm.approved', { user: r.decidedBy ?? '', key: data.key, title }) },
      },
      ...forBlocks,
      ...(r.outcome === 'long_term' ? [outcomeContext(tr('outcome.dm.long_term'))] : []),
    ];
  }
  if (r.state === 'not_rectifiable') return notRectifiableDmBlocks(tr, { ...data, title });
  return [
    ...forBlocks,
    {
      type: 'section',
      text: { type: 'mrkdwn', text: tr('signoff.dm.returned', { user: r.decidedBy ?? '', key: data.key, title }) },
    },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: tr('signoff.reason', { reason: mrkdwnText(r.reason ?? '', REASON_MAX) }) },
    },
    { type: 'context', elements: [{ type: 'mrkdwn', text: tr('signoff.dm.returned.next') }] },
    {
      type: 'actions',
      block_id: 'signoff_dm_actions',
      elements: ownerButtons(tr, data.key, ['report', 'closeout']),
    },
  ];
}

export function decisionDmText(tr: Translator, data: DecisionData): string {
  const user = data.request.decidedBy ?? '';
  const title = mrkdwnText(data.title, 150);
  if (data.request.state === 'not_rectifiable') return tr('outcome.dm.not_rectifiable', { user, key: data.key, title });
  return data.request.state === 'approved'
    ? tr('signoff.dm.approved', { user, key: data.key, title })
    : tr('signoff.dm.returned', { user, key: data.key, title });
}

/** Block and action ids of the reason input, for the submission parser and inline errors. */
export const REASON_INPUT = { block: 'reason', action: 'reason' } as const;

/** Asks the leader why the request goes back; the reason is required (checked on submit). */
export function returnReasonModal(
  tr: Translator,
  data: { key: string; title: string; ownerId: string; metadata: string },
): ModalView {
  return {
    type: 'modal',
    callback_id: VIEW.returnReason,
    private_metadata: data.metadata,
    title: { type: 'plain_text', text: truncate(tr('signoff.modal.title'), LIMITS.viewTitle) },
    submit: { type: 'plain_text', text: truncate(tr('signoff.modal.submit'), LIMITS.viewTitle) },
    close: { type: 'plain_text', text: truncate(tr('signoff.modal.close'), LIMITS.viewTitle) },
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: tr('signoff.modal.intro', { key: data.key, title: mrkdwnText(data.title, 200), owner: data.ownerId }),
        },
      },
      {
        type: 'input',
        block_id: REASON_INPUT.block,
        label: { type: 'plain_text', text: tr('signoff.modal.reason') },
        element: {
          type: 'plain_text_input',
          action_id: REASON_INPUT.action,
          multiline: true,
          max_length: 3000,
          placeholder: { type: 'plain_text', text: truncate(tr('signoff.modal.placeholder'), 150) },
        },
      },
    ],
  };
}
