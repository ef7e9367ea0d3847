import type { OutboundMessage } from '../../../jobs/messages.js';
import { nudgeChannelMessage, roundOpenMessage } from './channel-posts.js';
import type { RenderedMessage } from './common.js';
import { escalationMessage, overdueWeeklyMessage, reminderMessage, upcomingMessage } from './deadlines.js';
import { digestMessage } from './digest.js';
import { failureNoticeMessage } from './notice.js';
import { problemChangeMessage } from './problem-change.js';
import { nudgeMessage, promptMessage } from './prompt.js';

export type { RenderedMessage } from './common.js';

/** Block Kit for any scheduler message, in the board's language. */
export function renderMessage(m: OutboundMessage): RenderedMessage {
  switch (m.kind) {
    case 'prompt':
      return promptMessage(m);
    case 'nudge':
      return nudgeMessage(m);
    case 'nudge-channel':
      return nudgeChannelMessage(m);
    case 'round-open':
      return roundOpenMessage(m);
    case 'digest':
      return digestMessage(m);
    case 'reminder':
      return reminderMessage(m);
    case 'escalation':
      return escalationMessage(m);
    case 'overdue-weekly':
      return overdueWeeklyMessage(m);
    case 'upcoming':
      return upcomingMessage(m);
    case 'failure-notice':
      return failureNoticeMessage(m);
    case 'problem-change':
      return problemChangeMessage(m);
  }
}
