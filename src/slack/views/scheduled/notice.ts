import { translator } from '../../../i18n/index.js';
import type { FailureNoticeMessage } from '../../../jobs/messages.js';
import { boardName, notification, section, type RenderedMessage } from './common.js';

/** To a leader: messages to this person or channel cannot be delivered, why, and what would fix it. */
export function failureNoticeMessage(m: FailureNoticeMessage): RenderedMessage {
  const tr = translator(m.board.language);
  const target = /^[CG]/.test(m.target) ? `<#${m.target}>` : `<@${m.target}>`;
  return {
    text: notification(tr('sched.notice.text', { board: boardName(m.board.name) })),
    blocks: [
      section(
        `${tr('sched.notice.title', { board: boardName(m.board.name), target, reason: m.reason })}\n${tr('sched.notice.hint', { reason: m.reason })}`,
      ),
    ],
  };
}
