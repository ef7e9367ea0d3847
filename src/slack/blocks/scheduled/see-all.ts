import type { KnownBlock } from '@slack/types';
import type { Translator } from '../../../i18n/index.js';
import { ACTION } from '../../ids.js';
import { encodeListPage } from '../../parsers/list-args.js';
import { context } from './common.js';

/**
 * Under a prompt that could not list every problem: how many more there are, and a button that shows the
 * owner's full list on the board (`/closeout list mine board:CODE`, paged).
 */
export function seeAllBlocks(tr: Translator, boardCode: string, more: number): KnownBlock[] {
  return [
    context(tr('sched.more', { count: more })),
    {
      type: 'actions',
      block_id: 'sched.see_all',
      elements: [
        {
          type: 'button',
          action_id: ACTION.seeAllProblems,
          text: { type: 'plain_text', text: tr('sched.prompt.see_all'), emoji: true },
          value: encodeListPage({ view: 'mine', board: boardCode, offset: 0 }),
        },
      ],
    },
  ];
}
