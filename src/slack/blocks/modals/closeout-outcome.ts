import type { ModalView } from '@slack/types';
import type { Translator } from '../../../i18n/index.js';
import { VIEW } from '../../ids.js';
import { REASON_INPUT } from '../closeout-decision.js';
import { LIMITS, mrkdwnText } from '../limits.js';
import { input, modal, section } from './elements.js';

/** Block ids of the long-term modal, for its parser and inline errors. */
export const LONG_TERM = { mechanisms: 'mechanisms', followUp: 'follow_up' } as const;

interface OutcomeModalData {
  key: string;
  title: string;
  ownerId: string;
  /** Encoded request metadata (parsers/return-reason.ts). */
  metadata: string;
  /** Today on the board: the follow-up date starts a cycle or so later. */
  suggestedFollowUp?: string;
}

/** Approve as rectified, long-term: the lasting mechanisms, one a line, and a follow-up date (both required). */
export function longTermModal(tr: Translator, data: OutcomeModalData): ModalView {
  return modal({
    callbackId: VIEW.longTerm,
    title: tr('longterm.modal.title'),
    submit: tr('longterm.modal.submit'),
    close: tr('modal.cancel'),
    privateMetadata: data.metadata,
    blocks: [
      section(tr('longterm.modal.intro', { key: data.key, title: mrkdwnText(data.title, 200) })),
      input(LONG_TERM.mechanisms, tr('longterm.mechanisms'), {
        type: 'plain_text_input',
        action_id: 'mechanisms',
        multiline: true,
        max_length: LIMITS.plainInitialValue,
        placeholder: { type: 'plain_text', text: tr('longterm.mechanisms.placeholder').slice(0, 150) },
      }),
      input(LONG_TERM.followUp, tr('longterm.follow_up'), {
        type: 'datepicker',
        action_id: 'follow_up',
        ...(data.suggestedFollowUp && { initial_date: data.suggestedFollowUp }),
      }),
    ],
  });
}

/** Not rectifiable: why (required); the owner sees the reason, the problem stays open. */
export function notRectifiableModal(tr: Translator, data: OutcomeModalData): ModalView {
  return modal({
    callbackId: VIEW.notRectifiable,
    title: tr('notrect.modal.title'),
    submit: tr('notrect.modal.submit'),
    close: tr('modal.cancel'),
    privateMetadata: data.metadata,
    blocks: [
      section(tr('notrect.modal.intro', { key: data.key, title: mrkdwnText(data.title, 200), owner: data.ownerId })),
      input(REASON_INPUT.block, tr('notrect.modal.reason'), {
        type: 'plain_text_input',
        action_id: REASON_INPUT.action,
        multiline: true,
        max_length: 3000,
      }),
    ],
  });
}
