import { translator } from '../../../i18n/index.js';
import type { FailureNoticeMessage } from '../../../jobs/outbox/messages.js';
import { boardName, notification, section, type RenderedMessage } from './common.js';

/** To a leader: messages to this person or channel cannot be delivered, why, and what would fix it. */
export function failureNoticeMessage(message: FailureNoticeMessage): RenderedMessage {
  const tr = translator(message.board.language);
  const target = /^[CG]/.test(message.target) ? `<#${message.target}>` : `<@${message.target}>`;
  return {
    text: notification(tr('sched.notice.text', { board: boardName(message.board.name) })),
    blocks: [
      section(
        `${tr('sched.notice.title', { board: boardName(message.board.name), target, reason: message.reason })}\n${tr('sched.notice.hint', { reason: message.reason })}`,
      ),
    ],
  };
}
