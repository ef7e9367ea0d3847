import { translator } from '../../../i18n/index.js';
import type { ProblemChangeMessage } from '../../../jobs/outbox/messages.js';
import { ACTION } from '../../ids.js';
import { mrkdwnText } from '../limits.js';
import { formatDate } from '../../../i18n/dates.js';
import { NOTE_MAX, TITLE_MAX, boardName, notification, section, type RenderedMessage } from './common.js';

/** To an owner: a leader gave them a problem, took one away, or reopened theirs; with a *View* button. */
export function problemChangeMessage(message: ProblemChangeMessage): RenderedMessage {
  const lang = message.board.language;
  const tr = translator(lang);
  const common = {
    by: message.by,
    key: message.key,
    title: mrkdwnText(message.title, TITLE_MAX),
    board: boardName(message.board.name),
  };
  const line =
    message.change === 'reassigned-to'
      ? tr('changes.dm.reassigned.to', {
          ...common,
          previous: message.previousOwnerId ?? '',
          due: message.deadline ? formatDate(lang, message.deadline, message.today) : 'none',
        })
      : message.change === 'reassigned-from'
        ? tr('changes.dm.reassigned.from', { ...common, owner: message.ownerId })
        : tr('changes.dm.reopened', common);
  const note = message.note.trim()
    ? `\n${tr('changes.dm.note', { note: mrkdwnText(message.note.trim(), NOTE_MAX).replace(/\n/g, ' ') })}`
    : '';
  const text =
    message.change === 'reopened'
      ? tr('changes.dm.reopened.text', { key: message.key })
      : tr('changes.dm.reassigned.text', { key: message.key });
  return {
    text: notification(`${text}: ${common.title}`),
    blocks: [
      section(`${line}${note}`),
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: ACTION.showProblem,
            value: message.key,
            text: { type: 'plain_text', text: tr('list.view') },
          },
        ],
      },
    ],
  };
}
