import type { KnownBlock, ModalView } from '@slack/types';
import type { Language } from '../../domain/types.js';
import { formatDate } from '../../i18n/dates.js';
import { translator, type Translator } from '../../i18n/index.js';
import type { ExtensionDecisionMessage, ExtensionRequestMessage } from '../../jobs/outbox/messages.js';
import { ACTION, VIEW } from '../ids.js';
import { LIMITS, mrkdwnText, truncate } from './limits.js';
import { input, modal, section } from './modals/elements.js';

/** A message as the outbox sends it (scheduled/common.ts has the same shape; not imported, to keep no cycle). */
interface RenderedMessage {
  text: string;
  blocks: KnownBlock[];
}

/** Block ids of the "Request more time" modal. */
export const EXTENSION = { date: 'extension_date', reason: 'extension_reason' } as const;

interface ExtensionRequestView {
  requestId: number;
  key: string;
  title: string;
  requestedBy: string;
  fromDate: string | null;
  toDate: string;
  reason: string;
  today: string;
  lang: Language;
  /** Absent while pending (Approve / Refuse are offered). */
  decision?: { state: 'approved' | 'refused'; by: string };
}

/** A leader's DM: who asks, from which deadline to which, why; Approve / Refuse, or the decision taken. */
export function extensionRequestBlocks(tr: Translator, v: ExtensionRequestView): KnownBlock[] {
  const date = (d: string | null) => (d ? formatDate(v.lang, d, v.today) : tr('request.none'));
  const blocks: KnownBlock[] = [
    section(
      tr('extension.dm', {
        user: v.requestedBy,
        key: v.key,
        title: mrkdwnText(v.title, 200),
        from: date(v.fromDate),
        to: date(v.toDate),
      }),
    ),
    section(tr('extension.dm.reason', { reason: mrkdwnText(v.reason, 2000) })),
  ];
  if (v.decision) {
    const params = { user: v.decision.by, date: date(v.toDate) };
    blocks.push(section(tr(v.decision.state === 'approved' ? 'extension.approved' : 'extension.refused', params)));
    return blocks;
  }
  blocks.push({
    type: 'actions',
    block_id: `extension_request:${v.requestId}`,
    elements: [
      {
        type: 'button',
        action_id: ACTION.approveExtension,
        style: 'primary',
        value: String(v.requestId),
        text: { type: 'plain_text', text: truncate(tr('extension.approve'), LIMITS.buttonText) },
      },
      {
        type: 'button',
        action_id: ACTION.refuseExtension,
        value: String(v.requestId),
        text: { type: 'plain_text', text: truncate(tr('extension.refuse'), LIMITS.buttonText) },
      },
    ],
  });
  return blocks;
}

export function extensionRequestText(tr: Translator, v: ExtensionRequestView): string {
  return truncate(
    tr('extension.dm', {
      user: v.requestedBy,
      key: v.key,
      title: mrkdwnText(v.title, 150),
      from: v.fromDate ?? '-',
      to: v.toDate,
    }),
    LIMITS.messageText,
  );
}

/** A decider's copy, as owed through the outbox. */
export function extensionRequestMessage(m: ExtensionRequestMessage): RenderedMessage {
  const tr = translator(m.board.language);
  const v: ExtensionRequestView = { ...m, lang: m.board.language };
  return { text: extensionRequestText(tr, v), blocks: extensionRequestBlocks(tr, v) };
}

/** The owner's DM with the decision. */
export function extensionDecisionMessage(m: ExtensionDecisionMessage): RenderedMessage {
  const tr = translator(m.board.language);
  const params = {
    user: m.decidedBy,
    key: m.key,
    title: mrkdwnText(m.title, 200),
    date: formatDate(m.board.language, m.toDate, m.today),
  };
  const text = tr(m.state === 'approved' ? 'extension.owner.approved' : 'extension.owner.refused', params);
  return { text: truncate(text, LIMITS.messageText), blocks: [section(text)] };
}

/** The owner asks for a later deadline: the date (required) and why (required). */
export function extensionModal(
  tr: Translator,
  data: { key: string; title: string; deadline: string | null; today: string; lang: Language; metadata: string },
): ModalView {
  return modal({
    callbackId: VIEW.extension,
    title: tr('extension.modal.title'),
    submit: tr('extension.modal.submit'),
    close: tr('modal.cancel'),
    privateMetadata: data.metadata,
    blocks: [
      section(
        tr('extension.modal.intro', {
          key: data.key,
          title: mrkdwnText(data.title, 200),
          date: data.deadline ? formatDate(data.lang, data.deadline, data.today) : tr('request.none'),
        }),
      ),
      input(EXTENSION.date, tr('extension.modal.date'), { type: 'datepicker', action_id: 'date' }),
      input(EXTENSION.reason, tr('extension.modal.reason'), {
        type: 'plain_text_input',
        action_id: 'reason',
        multiline: true,
        max_length: 1000,
      }),
    ],
  });
}
