import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import type { Health } from '../../domain/types.js';
import type { Translator } from '../../i18n/index.js';
import { ACTION } from '../ids.js';
import { LIMITS, mrkdwnText, truncate } from './limits.js';
import { healthText } from './problem-format.js';
import type { RecordedReply } from '../../services/chat-replies.js';

/** Messages answering a progress reply typed in chat: what was recorded, or which problem it is about. */

interface RecordedData {
  key: string;
  title: string;
  percent: number;
  health: Health;
  note: string;
  updateId: number;
  /** The same message was recorded before (a repeated click): say so rather than pretend it is new. */
  already?: boolean;
}

interface AskData {
  replyId: number;
  /** What the user typed, quoted back so they know which message is meant. */
  text: string;
  candidates: { key: string; title: string }[];
  /** Lines above the question, e.g. why the reply could not be recorded as it was. */
  lead: string[];
}

/** Candidate buttons, leaving room for "None of these" in three actions blocks of 25. */
export const MAX_CANDIDATES = 3 * LIMITS.actionsElements - 1;
const QUOTE_MAX = 600;

/**
 * Quotes text as it came from Slack, line by line. Slack has escaped what the user typed already, except
 * the mentions and links it made of it (`<!channel>`, `<@U…>`): their brackets are escaped so they show.
 */
function quote(text: string, max = QUOTE_MAX): string {
  return truncate(text.trim().replace(/</g, '&lt;').replace(/>/g, '&gt;'), max)
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

export function recordedText(tr: Translator, data: RecordedData): string {
  return tr('chat.recorded.text', { key: data.key, percent: data.percent, health: tr(`health.${data.health}`) });
}

export function recordedBlocks(tr: Translator, data: RecordedData): KnownBlock[] {
  const title = tr('chat.recorded.title', { key: data.key, title: mrkdwnText(data.title, 150) });
  const summary = tr('chat.recorded.summary', { percent: data.percent, health: healthText(tr, data.health) });
  const note = data.note ? quote(data.note) : tr('chat.recorded.no_note');
  const hint = [data.already ? tr('chat.recorded.already') : null, tr('chat.recorded.hint')].filter(Boolean).join(' ');
  return [
    {
      type: 'section',
      block_id: `chat.recorded.${data.updateId}`,
      text: { type: 'mrkdwn', text: truncate(`${title}\n${summary}\n${note}`, LIMITS.sectionText) },
      accessory: {
        type: 'button',
        action_id: ACTION.chatEdit,
        value: String(data.updateId),
        text: { type: 'plain_text', text: tr('chat.edit') },
      },
    },
    { type: 'context', elements: [{ type: 'mrkdwn', text: hint }] },
  ];
}

export function askText(tr: Translator, data: AskData): string {
  return truncate([...data.lead, tr('chat.ask.text')].join(' '), LIMITS.messageText);
}

/** "Which problem?" with one button per candidate (value `replyId:KEY`) and "None of these". */
export function askBlocks(tr: Translator, data: AskData): KnownBlock[] {
  const shown = data.candidates.slice(0, MAX_CANDIDATES);
  const buttons: Button[] = shown.map((c, i) => ({
    type: 'button',
    action_id: `${ACTION.chatPick}:${i}`,
    value: `${data.replyId}:${c.key}`,
    text: { type: 'plain_text', text: truncate(`${c.key} · ${c.title}`, LIMITS.buttonText) },
  }));
  buttons.push({
    type: 'button',
    action_id: ACTION.chatDismiss,
    value: String(data.replyId),
    text: { type: 'plain_text', text: tr('chat.ask.none') },
  });
  const rows: ActionsBlock[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.actionsElements) {
    rows.push({
      type: 'actions',
      block_id: `chat.ask.${data.replyId}.${rows.length}`,
      elements: buttons.slice(i, i + LIMITS.actionsElements),
    });
  }
  const question = data.candidates.length > 0 ? [tr('chat.ask.title')] : [];
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: truncate([...data.lead, ...question, quote(data.text)].join('\n'), LIMITS.sectionText),
      },
    },
  ];
  if (data.candidates.length === 0) return blocks;
  blocks.push(...rows);
  const hidden = data.candidates.length - shown.length;
  if (hidden > 0) {
    const example = data.candidates[shown.length]?.key ?? '';
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: tr('chat.ask.more', { count: hidden, example }) }],
    });
  }
  return blocks;
}

/** The question once answered with "None of these": the buttons go, the quoted text stays. */
export function dismissedBlocks(tr: Translator, text: string): KnownBlock[] {
  return [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(`${tr('chat.dismissed')}\n${quote(text)}`, LIMITS.sectionText) },
    },
  ];
}

/** What a recorded chat reply shows, from what the service recorded. */
export function recordedView(recorded: RecordedReply): RecordedData {
  return {
    key: recorded.problem.key,
    title: recorded.problem.title,
    percent: recorded.update.percent,
    health: recorded.update.health,
    note: recorded.update.note,
    updateId: recorded.update.id,
    already: recorded.already,
  };
}
