import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedRect } from '../support/cards.js';
import { LEADER, OWNER } from '../support/fixtures.js';
import { answers, callAfter, state, type SentView } from '../support/modals.js';
import { ACTION, VIEW } from '../../src/slack/ids.js';
import { ABSENCE } from '../../src/slack/blocks/modals/absence.js';
import { TestApp } from '../support/test-app.js';
import { blockKitProblems } from '../support/block-kit.js';

/**
 * Issue 22 item 4: *I'll be away…* on the App Home opens a modal that sets the same absence as
 * `/closeout away`, by the same rules, refused inline, through the real Bolt app against the fake Slack.
 */
const BOT = 'UBOTHELPER';
const GONE = 'UGONEPERSON';
let app: TestApp;
beforeAll(async () => {
  app = await TestApp.start({ at: '2026-12-07T02:00:00Z' });
  await seedRect(app, { anchorDate: '2026-11-16', calendar: 'CN' });
  app.fake.locales.set('UZHHOME', 'zh-CN');
});
afterAll(async () => {
  await app.stop();
});
beforeEach(async () => {
  await app.db.absence.deleteMany();
  // Slack's word on who is a person: a bot user, a deactivated account, everyone else a person.
  app.fake.on('users.info', (args) =>
    args.user === BOT || args.user === GONE
      ? {
          ok: true,
          user: { id: args.user, name: 'x', is_bot: args.user === BOT, deleted: args.user === GONE, locale: 'en-US' },
        }
      : undefined,
  );
});

const openModal = async (userId = OWNER.userId): Promise<SentView> => {
  const opened = await callAfter(app, 'views.open', () =>
    app.click({ userId, actionId: ACTION.planAbsence, value: 'plan', blockId: 'home_away' }),
  );
  return opened.args.view as SentView;
};
const submit = (view: SentView, given: Record<string, Record<string, unknown>>, userId = OWNER.userId) =>
  app.submit({
    userId,
    callbackId: view.callback_id,
    privateMetadata: view.private_metadata,
    values: answers(view, given),
  });
const home = async (userId = OWNER.userId) =>
  JSON.stringify(
    (
      await callAfter(app, 'views.publish', () =>
        app.event({ type: 'app_home_opened', user: userId, channel: 'DOWNER', tab: 'home', event_ts: '3.1' }),
      )
    ).args.view,
  );

describe("the App Home's I'll be away…", () => {
  it('the Home offers the button; it opens the modal with two dates and an optional delegate', async () => {
    const shown = await home();
    expect(shown).toContain(ACTION.planAbsence);
    expect(shown).toContain('I’ll be away…');
    const view = await openModal();
    expect(view.callback_id).toBe(VIEW.absence);
    expect(view.blocks.map((b) => [b.block_id, b.element?.type])).toEqual([
      [undefined, undefined],
      [ABSENCE.from, 'datepicker'],
      [ABSENCE.to, 'datepicker'],
      [ABSENCE.delegate, 'users_select'],
    ]);
    expect(view.blocks[1]!.element!.initial_date).toBe('2026-12-07');
  });

  it('a valid submit stores the absence through the service and republishes the Home with I’m back', async () => {
    const view = await openModal();
    const published = await callAfter(app, 'views.publish', async () => {
      const res = await submit(view, {
        [ABSENCE.from]: state.date('2026-12-20'),
        [ABSENCE.to]: state.date('2027-01-03'),
        [ABSENCE.delegate]: state.user(LEADER.userId),
      });
      expect(res.json).toEqual({ response_action: 'clear' });
    });
    expect(published.args.user_id).toBe(OWNER.userId);
    const republished = JSON.stringify(published.args.view);
    expect(republished).toContain('You are away Dec 20, 2026 to Jan 3, 2027');
    expect(republished).toContain(ACTION.endAbsence);
    expect(republished).not.toContain(ACTION.planAbsence);
    expect(
      await app.db.absence.findMany({ select: { userId: true, startDate: true, endDate: true, delegateId: true } }),
    ).toEqual([{ userId: OWNER.userId, startDate: '2026-12-20', endDate: '2027-01-03', delegateId: LEADER.userId }]);
    expect(await app.db.auditEvent.count({ where: { action: 'away.set', actorId: OWNER.userId } })).toBeGreaterThan(0);
    // Opened again, the modal shows the absence to change.
    const again = await openModal();
    expect(again.blocks[2]!.element!.initial_date).toBe('2027-01-03');
    expect(again.blocks[3]!.element!.initial_user).toBe(LEADER.userId);
  });

  it('refuses inline, changing nothing: end before start, too long, in the past, oneself, a bot, a deactivated account, no dates', async () => {
    const view = await openModal();
    const cases: [Record<string, Record<string, unknown>>, string, string][] = [
      [
        { [ABSENCE.from]: state.date('2027-01-03'), [ABSENCE.to]: state.date('2026-12-20') },
        ABSENCE.to,
        'ends before it starts',
      ],
      [
        { [ABSENCE.from]: state.date('2026-12-20'), [ABSENCE.to]: state.date('2028-01-03') },
        ABSENCE.to,
        'at most a year',
      ],
      [
        { [ABSENCE.from]: state.date('2026-01-01'), [ABSENCE.to]: state.date('2026-01-03') },
        ABSENCE.to,
        'already over',
      ],
      [
        {
          [ABSENCE.from]: state.date('2026-12-20'),
          [ABSENCE.to]: state.date('2026-12-24'),
          [ABSENCE.delegate]: state.user(OWNER.userId),
        },
        ABSENCE.delegate,
        'your own delegate',
      ],
      [
        {
          [ABSENCE.from]: state.date('2026-12-20'),
          [ABSENCE.to]: state.date('2026-12-24'),
          [ABSENCE.delegate]: state.user(BOT),
        },
        ABSENCE.delegate,
        'A bot or app cannot stand in for you',
      ],
      [
        {
          [ABSENCE.from]: state.date('2026-12-20'),
          [ABSENCE.to]: state.date('2026-12-24'),
          [ABSENCE.delegate]: state.user(GONE),
        },
        ABSENCE.delegate,
        'deactivated',
      ],
      [
        { [ABSENCE.from]: state.date('2026-12-20'), [ABSENCE.to]: state.date(null) },
        ABSENCE.to,
        'Please choose a date',
      ],
    ];
    for (const [given, block, text] of cases) {
      const res = await submit(view, given);
      expect(res.json).toMatchObject({ response_action: 'errors', errors: { [block]: expect.stringContaining(text) } });
    }
    expect(await app.db.absence.count()).toBe(0);
  });

  it('speaks Chinese in the modal and its inline errors', async () => {
    expect(await home('UZHHOME')).toContain('设置外出…');
    const view = await openModal('UZHHOME');
    expect(view.title.text).toBe('设置外出');
    const res = await submit(
      view,
      { [ABSENCE.from]: state.date('2027-01-03'), [ABSENCE.to]: state.date('2026-12-20') },
      'UZHHOME',
    );
    expect(res.json).toMatchObject({ errors: { [ABSENCE.to]: '结束日期早于开始日期，请检查这两个日期。' } });
    const bot = await submit(
      view,
      {
        [ABSENCE.from]: state.date('2026-12-20'),
        [ABSENCE.to]: state.date('2026-12-24'),
        [ABSENCE.delegate]: state.user(BOT),
      },
      'UZHHOME',
    );
    expect(bot.json).toMatchObject({ errors: { [ABSENCE.delegate]: expect.stringContaining('机器人') } });
    expect(await app.db.absence.count()).toBe(0);
  });

  it('/closeout away refuses a bot delegate by the same check', async () => {
    const answer = await callAfter(app, 'response_url', () =>
      app.command(`away 2026-12-20..2027-01-03 <@${BOT}>`, OWNER.userId),
    );
    expect(JSON.stringify(answer.args)).toContain('A bot or app cannot stand in for you');
    expect(await app.db.absence.count()).toBe(0);
  });

  it('refuses forged values inline, changing nothing: an impossible date, a five-digit year, a delegate that is no user ID, one Slack does not know', async () => {
    const NOBODY = 'UNOSUCHONE';
    app.fake.on('users.info', (args) => {
      if (args.user === NOBODY) return { ok: false, error: 'user_not_found' };
      if (args.user === 'USLACKBOT') return { ok: true, user: { id: 'USLACKBOT', name: 'slackbot', is_bot: false } };
      return undefined;
    });
    const view = await openModal();
    const span = { [ABSENCE.from]: state.date('2026-12-20'), [ABSENCE.to]: state.date('2026-12-24') };
    const cases: [Record<string, Record<string, unknown>>, string, string][] = [
      [{ ...span, [ABSENCE.from]: state.date('2026-02-30') }, ABSENCE.from, 'YYYY-MM-DD'],
      [{ ...span, [ABSENCE.to]: state.date('99999-01-01') }, ABSENCE.from, 'YYYY-MM-DD'],
      [{ ...span, [ABSENCE.delegate]: state.user(`${LEADER.userId}> <!channel`) }, ABSENCE.delegate, 'delegate'],
      [{ ...span, [ABSENCE.delegate]: state.user('x'.repeat(10_000)) }, ABSENCE.delegate, 'delegate'],
      [{ ...span, [ABSENCE.delegate]: state.user(NOBODY) }, ABSENCE.delegate, 'Slack does not know'],
      // Slack's own bot, which users.info describes with is_bot false.
      [{ ...span, [ABSENCE.delegate]: state.user('USLACKBOT') }, ABSENCE.delegate, 'A bot or app cannot stand in'],
    ];
    for (const [given, block, text] of cases) {
      const res = await submit(view, given);
      expect(res.json).toMatchObject({ response_action: 'errors', errors: { [block]: expect.stringContaining(text) } });
    }
    expect(await app.db.absence.count()).toBe(0);
  });

  it('a double submit keeps one absence', async () => {
    const view = await openModal();
    const given = { [ABSENCE.from]: state.date('2026-12-20'), [ABSENCE.to]: state.date('2026-12-24') };
    const from = app.fake.calls.length;
    const both = await Promise.all([submit(view, given), submit(view, given)]);
    expect(both.map((r) => r.json)).toEqual([{ response_action: 'clear' }, { response_action: 'clear' }]);
    await app.settled();
    expect(await app.db.absence.count()).toBe(1);
    // Neither is told something went wrong (two upserts at once may meet the unique key).
    const told = app.fake.calls.slice(from).map((c) => String(c.args.text ?? ''));
    expect(told.filter((t) => t.includes('something went wrong'))).toEqual([]);
    expect(told.filter((t) => t.includes('Saved: away'))).toHaveLength(2);
  });

  it('every modal and Home sent conforms to Block Kit', () => {
    expect(app.fake.callsTo('views.open').length).toBeGreaterThan(0);
    expect(blockKitProblems(app.fake.calls)).toEqual([]);
  });
});
