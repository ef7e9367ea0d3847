import type { KnownBlock } from '@slack/types';
import type { Translator } from '../../i18n/index.js';
import { mrkdwnText } from './limits.js';

export function helpBlocks(tr: Translator): KnownBlock[] {
  return [
    { type: 'header', text: { type: 'plain_text', text: tr('cmd.help.title') } },
    { type: 'section', text: { type: 'mrkdwn', text: tr('cmd.help.body') } },
    { type: 'section', text: { type: 'mrkdwn', text: tr('changes.help') } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: tr('cmd.help.footer') }] },
  ];
}

export function unknownCommandText(tr: Translator, input: string, suggestion: string | null): string {
  return [
    tr('cmd.unknown', { input: mrkdwnText(input, 200) }),
    suggestion ? tr('cmd.unknown.suggest', { suggestion }) : null,
    tr('cmd.unknown.help'),
  ]
    .filter(Boolean)
    .join(' ');
}
