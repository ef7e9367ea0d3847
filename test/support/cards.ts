import type { KnownBlock } from '@slack/types';
import { createProblem } from '../../src/services/problems.js';
import type { SlackCall } from './fake-slack.js';
import { LEADER, OWNER, seedBoard } from './fixtures.js';
import type { TestApp } from './test-app.js';

export const LEADER2 = { teamId: LEADER.teamId, userId: 'ULEADER2' };

/** RECT with two leaders, as the sign-off race needs. */
export function seedRect(app: TestApp, overrides: Parameters<typeof seedBoard>[1] = {}) {
  return seedBoard(app.deps, { leaders: [LEADER.userId, LEADER2.userId], ...overrides });
}

export function newProblem(app: TestApp, fields: Partial<Parameters<typeof createProblem>[3]> = {}, board = 'RECT') {
  return createProblem(app.deps, LEADER, board, {
    title: 'Backlog of unprocessed traffic violations',
    description: 'Cases pile up at the desk.',
    category: 'Traffic enforcement',
    source: 'Complaints hotline',
    ownerId: OWNER.userId,
    unit: 'Traffic brigade',
    deadline: '2026-12-20',
    measures: ['Hire two clerks', 'Open a second window', 'Weekly backlog report'],
    ...fields,
  });
}

export { callAfter, settle, textOf } from './slack-calls.js';

export const blocksOf = (c: SlackCall): KnownBlock[] => (c.args.blocks as KnownBlock[] | undefined) ?? [];

/** action_ids of every button in a message's actions blocks and accessories. */
export function buttonsOf(c: SlackCall): { actionId: string; value: string; blockId: string }[] {
  const out: { actionId: string; value: string; blockId: string }[] = [];
  for (const b of blocksOf(c)) {
    if (b.type === 'actions') {
      for (const e of b.elements)
        if (e.type === 'button')
          out.push({ actionId: e.action_id ?? '', value: e.value ?? '', blockId: b.block_id ?? '' });
    }
    if (b.type === 'section' && b.accessory?.type === 'button') {
      out.push({ actionId: b.accessory.action_id ?? '', value: b.accessory.value ?? '', blockId: b.block_id ?? '' });
    }
  }
  return out;
}
