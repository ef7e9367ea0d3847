import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/i18n/index.js';
import { ACTION, VIEW } from '../../../src/slack/ids.js';
import {
  checkDmBlocks,
  checkDmText,
  recurrenceMessage,
  recurrenceModal,
  type CheckDmView,
} from '../../../src/slack/blocks/effectiveness.js';
import { blockKitProblems } from '../../support/block-kit.js';
import type { SlackCall } from '../../support/fake-slack.js';

const base: CheckDmView = {
  checkId: 7,
  round: 1,
  key: 'RECT-12',
  title: '窗口排队时间过长'.repeat(100),
  ownerId: 'UOWNER',
  closedOn: '2026-11-25',
  followUp: true,
  toLeader: false,
  today: '2026-12-25',
  lang: 'zh-CN',
};
const message = (blocks: unknown[]): SlackCall =>
  ({ method: 'chat.postMessage', args: { blocks }, at: 0 }) as SlackCall;
const actionsOf = (blocks: unknown[]) => blocks.filter((b) => (b as { type: string }).type === 'actions');

describe('effectiveness check blocks', () => {
  it('ask in Chinese with three buttons carrying the check and its round, within Slack’s limits', () => {
    const tr = translator('zh-CN');
    const blocks = checkDmBlocks(tr, base);
    expect(JSON.stringify(blocks)).toContain('*RECT-12*');
    expect(JSON.stringify(blocks)).toContain('整改效果是否保持');
    expect(JSON.stringify(blocks)).toContain('今天是这项持续整改的跟踪日期');
    const [actions] = actionsOf(blocks) as {
      elements: { action_id: string; value: string; text: { text: string } }[];
    }[];
    expect(actions!.elements.map((e) => [e.action_id, e.value, e.text.text])).toEqual([
      [ACTION.fixHeld, '7:1', '效果保持'],
      [ACTION.fixCameBack, '7:1', '问题反弹'],
      [ACTION.fixNotSure, '7:1', '暂不确定'],
    ]);
    expect(checkDmText(tr, base)).toContain('RECT-12');
    expect(blockKitProblems([message(blocks)])).toEqual([]);
  });

  it('an answered check shows the answer and no buttons, in English for a leader', () => {
    const tr = translator('en');
    const view = { ...base, lang: 'en' as const, toLeader: true, title: 'Queue times' };
    const blocks = checkDmBlocks(tr, {
      ...view,
      result: { answer: 'came_back', by: 'ULEADER', on: '2026-12-24', reason: '*Back*' },
    });
    expect(actionsOf(blocks)).toEqual([]);
    const text = JSON.stringify(blocks);
    expect(text).toContain('Nobody answered <@UOWNER>’s check: *RECT-12* Queue times was closed on Nov 25');
    expect(text).toContain('<@ULEADER> reported it came back');
    expect(blockKitProblems([message(blocks)])).toEqual([]);
  });

  it('the recurrence DM and the modal', () => {
    const rendered = recurrenceMessage({
      kind: 'recurrence',
      board: { code: 'RECT', name: 'List', timezone: 'Asia/Shanghai', language: 'zh-CN' },
      today: '2026-12-25',
      checkId: 7,
      key: 'RECT-12',
      title: '窗口排队',
      ownerId: 'UOWNER',
      reportedBy: 'UOWNER',
      reason: '又排长队了',
      closedOn: '2026-11-25',
    });
    expect(JSON.stringify(rendered.blocks)).toContain('问题反弹，由 <@UOWNER> 报告：又排长队了');
    const modal = recurrenceModal(translator('en'), { key: 'RECT-12', title: 'Queue', metadata: '{}' });
    expect(modal.callback_id).toBe(VIEW.recurrence);
    expect(blockKitProblems([{ method: 'views.open', args: { view: modal }, at: 0 } as unknown as SlackCall])).toEqual(
      [],
    );
  });
});
