import { translator } from '../../../i18n/index.js';
import type { ProblemChangeMessage } from '../../../jobs/messages.js';
import { ACTION } from '../../ids.js';
import { mrkdwnText, truncate } from '../limits.js';
import { formatDate } from '../../../i18n/dates.js';
import { NOTE_MAX, TITLE_MAX, boardName, notification, section, type RenderedMessage } from './common.js';

/** To an owner: a leader gave them a problem, took one away, or reopened theirs; with a *View* button. */
export function problemChangeMessage(m: ProblemChangeMessage): RenderedMessage {
  const lang = m.board.language;
  const tr = translator(lang);
  const common = { by: m.by, key: m.key, title: mrkdwnText(m.title, TITLE_MAX), board: boardName(m.board.name) };
  const line =
    m.change === 'reassigned-to'
      ? tr('upkeep.dm.reassigned.to', {
          ...common,
          previous: m.previousOwnerId ?? '',
          due: m.deadline ? formatDate(lang, m.deadline, m.today) : 'none',
        })
      : m.change === 'reassigned-from'
        ? tr('upkeep.dm.reassigned.from', { ...common, owner: m.ownerId })
        : tr('upkeep.dm.reopened', common);
  const note = m.note.trim()
    ? `\n${tr('upkeep.dm.note', { note: mrkdwnText(m.note.trim(), NOTE_MAX).replace(/\n/g, ' ') })}`
    : '';
  const text =
    m.change === 'reopened'
      ? tr('upkeep.dm.reopened.text', { key: m.key })
      : tr('upkeep.dm.reassigned.text', { key: m.key });
  return {
    text: notification(`${text}: ${truncate(m.title, TITLE_MAX)}`),
    blocks: [
      section(`${line}${note}`),
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: ACTION.showProblem,
            value: m.key,
            text: { type: 'plain_text', text: tr('list.view') },
          },
        ],
      },
    ],
  };
}
