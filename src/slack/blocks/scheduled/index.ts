import type { OutboundMessage } from '../../../jobs/outbox/messages.js';
import { nudgeChannelMessage, roundOpenMessage } from './channel-posts.js';
import type { RenderedMessage } from './common.js';
import { escalationMessage, overdueWeeklyMessage, reminderMessage, upcomingMessage } from './deadlines.js';
import { digestMessage } from './digest.js';
import { failureNoticeMessage } from './notice.js';
import { assignedMessage, closeoutRequestMessage, decisionMessage } from './notify.js';
import { problemChangeMessage } from './problem-change.js';
import { effectivenessCheckMessage, recurrenceMessage } from '../effectiveness.js';
import { extensionDecisionMessage, extensionRequestMessage } from '../extension.js';
import { nudgeMessage, promptMessage } from './prompt.js';

export type { RenderedMessage } from './common.js';

/** Block Kit for any scheduler message, in the board's language. */
export function renderMessage(message: OutboundMessage): RenderedMessage {
  switch (message.kind) {
    case 'prompt':
      return promptMessage(message);
    case 'nudge':
      return nudgeMessage(message);
    case 'nudge-channel':
      return nudgeChannelMessage(message);
    case 'round-open':
      return roundOpenMessage(message);
    case 'digest':
      return digestMessage(message);
    case 'reminder':
      return reminderMessage(message);
    case 'escalation':
      return escalationMessage(message);
    case 'overdue-weekly':
      return overdueWeeklyMessage(message);
    case 'upcoming':
      return upcomingMessage(message);
    case 'failure-notice':
      return failureNoticeMessage(message);
    case 'problem-change':
      return problemChangeMessage(message);
    case 'closeout-request':
      return closeoutRequestMessage(message);
    case 'decision':
      return decisionMessage(message);
    case 'assigned':
      return assignedMessage(message);
    case 'extension-request':
      return extensionRequestMessage(message);
    case 'extension-decision':
      return extensionDecisionMessage(message);
    case 'effectiveness-check':
      return effectivenessCheckMessage(message);
    case 'recurrence':
      return recurrenceMessage(message);
  }
}
