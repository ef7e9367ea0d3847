import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newProblem, seedRect } from '../support/cards.js';
import { LEADER, OWNER } from '../support/fixtures.js';
import { allText, callAfter } from '../support/modals.js';
import { ACTION } from '../../src/slack/ids.js';
import { TestApp } from '../support/test-app.js';

/** Issue 22: `/closeout away` through the real Bolt app, in English and Chinese; bad input changes nothing. */
let app: TestApp;
beforeAll(async () => {
  app = await TestApp.start({ at: '2026-12-07T02:00:00Z' });
  await seedRect(app, { anchorDate: '2026-11-16', calendar: 'CN' });
  app.fake.locales.set('UZHAWAY', 'zh-CN');
});
afterAll(async () => {
  await app.stop();
});

const answer = async (text: string, userId = OWNER.userId) =>
  allText(await callAfter(app, 'response_url', () => app.command(text, userId)));

describe('/closeout away', () => {
  it('sets an absence with a delegate, shows it, and ends it', async () => {
    expect(await answer('away')).toContain('You are not marked away.');
    const set = await answer(`away 2026-12-20..2027-01-03 <@${LEADER.userId}|leader>`);
    expect(set).toContain('Saved: away Dec 20, 2026 to Jan 3, 2027.');
    expect(set).toContain(`<@${LEADER.userId}> gets your prompts and nudges`);
    expect(
      await app.db.absence.findMany({ select: { userId: true, startDate: true, endDate: true, delegateId: true } }),
    ).toEqual([{ userId: OWNER.userId, startDate: '2026-12-20', endDate: '2027-01-03', delegateId: LEADER.userId }]);
    expect(await answer('away')).toContain('You are away Dec 20, 2026 to Jan 3, 2027');
    expect(await answer('away off')).toContain('your absence is ended');
    expect(await answer('away off')).toContain('You were not marked away');
    expect(await app.db.absence.count()).toBe(0);
  });

  it('answers bad dates, a backwards or past range, oneself as delegate, and a non-mention, changing nothing', async () => {
    expect(await answer('away 2026-12-40..2027-01-03')).toContain('Write the dates as');
    expect(await answer('away 2027-01-03..2026-12-20')).toContain('ends before it starts');
    expect(await answer('away 2026-01-01..2026-01-03')).toContain('already over');
    expect(await answer('away 2026-12-20..2028-01-03')).toContain('at most a year');
    expect(await answer(`away 2026-12-20..2027-01-03 <@${OWNER.userId}>`)).toContain('your own delegate');
    expect(await answer('away 2026-12-20..2027-01-03 bob')).toContain('Name the delegate with an @mention');
    expect(await answer('away 2026-12-20..2027-01-03 <@ULEADER> extra')).toContain('Usage: `/closeout away');
    expect(await app.db.absence.count()).toBe(0);
  });

  it('speaks Chinese, with the 外出 alias, and pauses without a delegate', async () => {
    const set = await answer('外出 2026-12-20..2027-01-03', 'UZHAWAY');
    expect(set).toContain('已保存：外出 2026年12月20日 至 2027年1月3日。');
    expect(set).toContain('回来后的第一个工作日会收到一条补发提醒');
    expect(await answer('away 2026-13-01', 'UZHAWAY')).toContain('请按 `YYYY-MM-DD..YYYY-MM-DD` 填写日期');
    expect(await answer('away off', 'UZHAWAY')).toContain('欢迎回来');
  });

  it('the card shows "away until …" beside the owner while they are away, in the reader’s language', async () => {
    const p = await newProblem(app, { title: 'Card of an away owner' });
    expect(await answer(`show ${p.key}`, LEADER.userId)).not.toContain('away until');
    await answer('away 2026-12-01..2026-12-31');
    expect(await answer(`show ${p.key}`, LEADER.userId)).toContain(
      `<@${OWNER.userId}> · :palm_tree: away until Dec 31`,
    );
    expect(await answer(`show ${p.key}`, 'UZHAWAY')).toContain(':palm_tree: 外出至 12月31日');
    await answer('away off');
    expect(await answer(`show ${p.key}`, LEADER.userId)).not.toContain('away until');
  });

  it('the App Home shows the absence with a button that ends it', async () => {
    const home = () =>
      callAfter(app, 'views.publish', () =>
        app.event({ type: 'app_home_opened', user: OWNER.userId, channel: 'DOWNER', tab: 'home', event_ts: '2.1' }),
      );
    expect(JSON.stringify((await home()).args.view)).not.toContain(ACTION.endAbsence);
    await answer(`away 2026-12-20..2027-01-03 <@${LEADER.userId}>`);
    const shown = JSON.stringify((await home()).args.view);
    expect(shown).toContain('You are away Dec 20, 2026 to Jan 3, 2027');
    expect(shown).toContain(ACTION.endAbsence);
    const republished = await callAfter(app, 'views.publish', () =>
      app.click({ userId: OWNER.userId, actionId: ACTION.endAbsence, value: 'end', blockId: 'home_away' }),
    );
    expect(JSON.stringify(republished.args.view)).not.toContain(ACTION.endAbsence);
    expect(await app.db.absence.count()).toBe(0);
  });
});
