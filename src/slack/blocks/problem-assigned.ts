import type { KnownBlock } from '@slack/types';
import type { Language } from '../../domain/types.js';
import type { Translator } from '../../i18n/index.js';
import { ACTION } from '../ids.js';
import { LIMITS, mrkdwnText, truncate } from './limits.js';
import { formatDate } from '../../i18n/dates.js';

/** The DM an owner gets when a leader gives them a new problem. */
export interface ProblemAssignedData {
  key: string;
  title: string;
  boardName: string;
  assignedBy: string;
  deadline: string | null;
  today: string;
  unit: string | null;
  measures: string[];
  lang: Language;
}

const MEASURES_SHOWN = 10;

export function problemAssignedText(tr: Translator, data: ProblemAssignedData): string {
  return truncate(
    tr('assigned.text', { user: data.assignedBy, key: data.key, title: mrkdwnText(data.title, 150) }),
    LIMITS.messageText,
  );
}

export function problemAssignedBlocks(tr: Translator, data: ProblemAssignedData): KnownBlock[] {
  const due = data.deadline ? formatDate(data.lang, data.deadline, data.today) : tr('request.none');
  const lines = data.measures.slice(0, MEASURES_SHOWN).map((m, i) => `${i + 1}. ${mrkdwnText(m, 250)}`);
  if (data.measures.length > MEASURES_SHOWN)
    lines.push(tr('modal.more', { count: data.measures.length - MEASURES_SHOWN }));
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: truncate(
          tr('assigned.intro', {
            user: data.assignedBy,
            board: mrkdwnText(data.boardName, 100),
            key: data.key,
            title: mrkdwnText(data.title, 200),
          }),
          LIMITS.sectionText,
        ),
      },
    },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: tr('assigned.facts', { due, unit: data.unit ? mrkdwnText(data.unit, 200) : tr('request.none') }),
        },
      ],
    },
  ];
  if (lines.length)
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(`${tr('assigned.measures')}\n${lines.join('\n')}`, LIMITS.sectionText) },
    });
  blocks.push({
    type: 'actions',
    elements: [
      {
        type: 'button',
        action_id: ACTION.reportProgress,
        value: data.key,
        text: { type: 'plain_text', text: tr('assigned.report') },
      },
    ],
  });
  return blocks;
}
