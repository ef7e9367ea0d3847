import type { ActionsBlock, Button, KnownBlock, ModalView } from '@slack/types';
import type { Language } from '../../domain/types.js';
import { formatDate } from '../../i18n/dates.js';
import { translator, type MessageKey, type Translator } from '../../i18n/index.js';
import type { EffectivenessCheckMessage, RecurrenceMessage } from '../../jobs/outbox/messages.js';
import { ACTION, VIEW } from '../ids.js';
import { LIMITS, mrkdwnText, truncate } from './limits.js';
import { input, modal, section } from './modals/elements.js';

/** A message as the outbox sends it (scheduled/common.ts has the same shape; not imported, to keep no cycle). */
interface RenderedMessage {
  text: string;
  blocks: KnownBlock[];
}

/** Block id of the reason in the "It came back" modal. */
export const RECURRENCE = { block: 'recurrence_reason', action: 'reason' } as const;

/**
 * What an effectiveness check's DM shows: the question (the outbox message's fields, as sent), then either its
 * three buttons or how it was answered.
 */
export type CheckDmView = Pick<
  EffectivenessCheckMessage,
  'checkId' | 'round' | 'key' | 'title' | 'ownerId' | 'closedOn' | 'followUp' | 'toLeader' | 'today'
> & {
  lang: Language;
  result?:
    | { answer: 'held'; by: string; on: string }
    | { answer: 'came_back'; by: string; on: string; reason: string }
    | { answer: 'not_sure'; next: string }
    | { answer: 'reopened' };
};

function question(tr: Translator, v: CheckDmView, titleMax: number): string {
  const params = {
    key: v.key,
    title: mrkdwnText(v.title, titleMax),
    date: formatDate(v.lang, v.closedOn, v.today),
    owner: v.ownerId,
  };
  return tr(v.toLeader ? 'effectiveness.ask.leaders' : 'effectiveness.ask', params);
}

function resultText(tr: Translator, v: CheckDmView, result: NonNullable<CheckDmView['result']>): string {
  const date = (d: string) => formatDate(v.lang, d, v.today);
  switch (result.answer) {
    case 'held':
      return tr('effectiveness.result.held', { user: result.by, date: date(result.on) });
    case 'came_back':
      return tr('effectiveness.result.came_back', {
        user: result.by,
        date: date(result.on),
        reason: mrkdwnText(result.reason, 2000),
        key: v.key,
      });
    case 'not_sure':
      return tr('effectiveness.result.not_sure', { date: date(result.next) });
    case 'reopened':
      return tr('effectiveness.result.reopened', { key: v.key });
  }
}

function button(
  tr: Translator,
  v: CheckDmView,
  actionId: string,
  label: MessageKey,
  style?: 'primary' | 'danger',
): Button {
  return {
    type: 'button',
    action_id: actionId,
    value: `${v.checkId}:${v.round}`,
    text: { type: 'plain_text', text: truncate(tr(label), LIMITS.buttonText) },
    ...(style && { style }),
  };
}

/** "RECT-12 was closed on … — has the fix held?" with Held / It came back / Not sure yet, or the answer given. */
export function checkDmBlocks(tr: Translator, v: CheckDmView): KnownBlock[] {
  const blocks: KnownBlock[] = [section(question(tr, v, 200))];
  if (v.followUp)
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: tr('effectiveness.ask.follow_up') }] });
  if (v.result) {
    blocks.push(section(resultText(tr, v, v.result)));
    return blocks;
  }
  const actions: ActionsBlock = {
    type: 'actions',
    block_id: `effectiveness:${v.checkId}:${v.round}`,
    elements: [
      button(tr, v, ACTION.fixHeld, 'effectiveness.held', 'primary'),
      button(tr, v, ACTION.fixCameBack, 'effectiveness.came_back', 'danger'),
      button(tr, v, ACTION.fixNotSure, 'effectiveness.not_sure'),
    ],
  };
  blocks.push(actions);
  return blocks;
}

export function checkDmText(tr: Translator, v: CheckDmView): string {
  return truncate(
    tr('effectiveness.ask.text', { key: v.key, date: formatDate(v.lang, v.closedOn, v.today) }),
    LIMITS.messageText,
  );
}

/** The check as the outbox sends it, in the reader's language. */
export function effectivenessCheckMessage(m: EffectivenessCheckMessage): RenderedMessage {
  const tr = translator(m.board.language);
  const v: CheckDmView = { ...m, lang: m.board.language };
  return { text: checkDmText(tr, v), blocks: checkDmBlocks(tr, v) };
}

/** A leader hears that a closed problem came back and is open again. */
export function recurrenceMessage(m: RecurrenceMessage): RenderedMessage {
  const tr = translator(m.board.language);
  const text = tr('effectiveness.recurrence', {
    key: m.key,
    title: mrkdwnText(m.title, 200),
    user: m.reportedBy,
    reason: mrkdwnText(m.reason, 2000),
    date: formatDate(m.board.language, m.closedOn, m.today),
    owner: m.ownerId,
  });
  return {
    text: truncate(tr('effectiveness.recurrence.text', { key: m.key }), LIMITS.messageText),
    blocks: [section(text)],
  };
}

/** "It came back": what came back (required); the problem is reopened on submission. */
export function recurrenceModal(tr: Translator, data: { key: string; title: string; metadata: string }): ModalView {
  return modal({
    callbackId: VIEW.recurrence,
    title: tr('effectiveness.modal.title'),
    submit: tr('effectiveness.modal.submit'),
    close: tr('modal.cancel'),
    privateMetadata: data.metadata,
    blocks: [
      section(tr('effectiveness.modal.intro', { key: data.key, title: mrkdwnText(data.title, 200) })),
      input(RECURRENCE.block, tr('effectiveness.modal.reason'), {
        type: 'plain_text_input',
        action_id: RECURRENCE.action,
        multiline: true,
        max_length: 3000,
      }),
    ],
  });
}
