import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createProblem } from '../../src/services/problems.js';
import { reportUpdate } from '../../src/services/progress.js';
import { ACTION } from '../../src/slack/ids.js';
import { blockKitProblems } from '../support/block-kit.js';
import { ADMIN, LEADER, OWNER, seedBoard } from '../support/fixtures.js';
import { HOSTILE, liveMentions } from '../support/mentions.js';
import { TestApp } from '../support/test-app.js';
import { callAfter, openByCommand, settle, state, submitView } from '../support/modals.js';

/**
 * Everything people type — board names, titles, notes, evidence, reasons, chat replies — comes back in
 * messages, modals and Home tabs. Typed mention syntax must be shown, never sent: the whole conversation
 * below is checked for a live `<!channel>`, `<!here>`, `<!subteam^…>`, `<@U…>` or link that came from a user.
 */
let app: TestApp;
const MESSAGE_METHODS = ['chat.postMessage', 'chat.update', 'chat.postEphemeral', 'response_url'];
const LEADER2 = 'ULEADER2';

beforeAll(async () => {
  app = await TestApp.start();
  await seedBoard(app.deps, {
    name: `Board ${HOSTILE}`,
    leaders: [LEADER.userId, LEADER2],
    categories: [`Cat <!channel>`],
  });
  const hostile = (title: string) => ({
    title: `${title} ${HOSTILE}`.slice(0, 150),
    description: `Description ${HOSTILE}`,
    category: 'Cat <!channel>',
    source: `Source ${HOSTILE}`,
    ownerId: OWNER.userId,
    unit: `Unit <!here>`,
    deadline: '2026-11-20',
    measures: [`Measure ${HOSTILE}`],
  });
  await createProblem(app.deps, LEADER, 'RECT', hostile('First')); // RECT-1
  await createProblem(app.deps, LEADER, 'RECT', hostile('Second')); // RECT-2
  await reportUpdate(app.deps, OWNER, 'RECT-1', { health: 'at_risk', percent: 40, note: `Note ${HOSTILE}` });
});
afterAll(async () => {
  expect(blockKitProblems(app.fake.calls)).toEqual([]);
  await app.stop();
});

describe('text people typed never pings anyone', () => {
  let from = 0;
  beforeEach(() => {
    from = app.fake.calls.length;
  });
  it('in cards, lists, board lists, searches and help', async () => {
    for (const [text, user] of [
      ['show RECT-1', OWNER.userId],
      ['show RECT-1', LEADER.userId],
      ['list all', LEADER.userId],
      ['list', OWNER.userId],
      ['board list', LEADER.userId],
      [`show ${HOSTILE}`, OWNER.userId],
      [`show Second`, OWNER.userId],
      [`frobnicate ${HOSTILE}`, OWNER.userId],
      [`list ${HOSTILE}`, OWNER.userId],
      ['summary RECT', LEADER.userId],
    ] as const) {
      await callAfter(app, 'response_url', () => app.command(text, user));
    }
    expect(liveMentions(app.fake.calls.slice(from))).toEqual([]);
  });

  it('in closeout requests, decisions and returns', async () => {
    const view = await openByCommand(app, 'close RECT-1', OWNER.userId);
    await submitView(app, OWNER.userId, view, { evidence: state.text(`Evidence ${HOSTILE}`) });
    const request = await app.fake.waitFor(() => app.db.closeoutRequest.findFirst({ where: { state: 'pending' } }));
    await app.fake.waitFor((calls) =>
      calls.filter((c) => c.method === 'chat.postMessage' && [LEADER.userId, LEADER2].includes(String(c.args.channel)))
        .length >= 2
        ? true
        : undefined,
    );
    const dm = app.fake.calls.find((c) => c.method === 'chat.postMessage' && c.args.channel === LEADER.userId)!;
    await callAfter(app, 'chat.postMessage', () =>
      app.click({
        userId: LEADER.userId,
        actionId: ACTION.approve,
        value: String((request as { id: number }).id),
        message: { channel: 'DLEADER', ts: String(dm.args.ts ?? '1700000000.000100') },
      }),
    );
    await settle(500);
    expect(liveMentions(app.fake.calls.slice(from))).toEqual([]);
  });

  it('in chat replies quoted back (confirmations and "which problem?")', async () => {
    const send = (text: string, ts: string) =>
      app.event({ type: 'message', channel: 'DOWNER', channel_type: 'im', user: OWNER.userId, text, ts, event_ts: ts });
    await callAfter(app, 'chat.postMessage', () => send(`RECT-2 50% ${HOSTILE}`, '1765000000.000001'));
    await callAfter(app, 'chat.postMessage', () => send(`nearly there ${HOSTILE}`, '1765000000.000002'));
    expect(liveMentions(app.fake.calls.slice(from))).toEqual([]);
  });

  it('in the fallback text of notifications about a problem so titled (created, assigned, reassigned)', async () => {
    const title = '<!channel> & <@U123> *x*';
    const view = await openByCommand(app, 'new', LEADER.userId);
    await submitView(app, LEADER.userId, view, {
      board: state.select('RECT'),
      title: state.text(title),
      owner: state.user(OWNER.userId),
      deadline: state.date('2026-12-20'),
    });
    const created = await app.fake.waitFor(() => app.db.problem.findFirst({ where: { title }, select: { key: true } }));
    const key = (created as { key: string }).key;
    // The owner's "assigned" DM, then a reassignment's DMs to the old and the new owner.
    const dmsAbout = (calls: typeof app.fake.calls, n: number) => {
      const dms = calls.slice(from).filter((c) => c.method === 'chat.postMessage' && String(c.args.text).includes(key));
      return dms.length >= n ? dms : undefined;
    };
    await app.fake.waitFor((calls) => dmsAbout(calls, 1));
    await app.command(`reassign ${key} <@UNEWOWN|wang> over to you`, LEADER.userId);
    const dms = await app.fake.waitFor((calls) => dmsAbout(calls, 3));
    expect(dms.map((c) => c.args.channel).sort()).toEqual(['UNEWOWN', OWNER.userId, OWNER.userId]);

    const texts = app.fake.calls
      .slice(from)
      .filter((c) => MESSAGE_METHODS.includes(c.method) && typeof c.args.text === 'string')
      .map((c) => String(c.args.text));
    const aboutIt = texts.filter((t) => t.includes('*x*') || t.includes('&amp;'));
    expect(aboutIt.length).toBeGreaterThanOrEqual(4); // the confirmation and three DMs quote the title
    for (const text of aboutIt) {
      expect(text).not.toContain('<!channel>');
      expect(text).not.toContain('<@U123>');
      expect(text).toContain('&lt;!channel&gt; &amp; &lt;@U123&gt; *x*');
    }
    expect(liveMentions(app.fake.calls.slice(from))).toEqual([]);
  });

  it('in the confirmation of a board saved under such a name', async () => {
    const view = await openByCommand(app, 'board edit RECT', ADMIN.userId);
    await submitView(app, ADMIN.userId, view, {
      name: state.text('Board <!channel> & <@U123> *x*'),
      channel: state.conversation('C0BOARD'),
      timezone: state.select('Asia/Shanghai'),
      language: state.select('en'),
      leaders: state.users([LEADER.userId, LEADER2]),
      cycle_days: state.number('14'),
      anchor_date: state.date('2026-11-16'),
      prompt_time: state.time('09:00'),
      deadline: state.date(null),
      categories: state.text('Cat <!channel>'),
    });
    const confirm = await app.fake.waitFor((calls) =>
      calls.slice(from).find((c) => c.method === 'chat.postEphemeral' && String(c.args.text).includes('Saved')),
    );
    expect(String(confirm.args.text)).toContain(
      'Saved the problem list *RECT* Board &lt;!channel&gt; &amp; &lt;@U123&gt; *x*',
    );
    expect(liveMentions(app.fake.calls.slice(from))).toEqual([]);
  });

  it('on the App Home', async () => {
    for (const user of [OWNER.userId, LEADER.userId]) {
      await callAfter(app, 'views.publish', () =>
        app.event({ type: 'app_home_opened', user, channel: `D${user}`, tab: 'home', event_ts: '1' }),
      );
    }
    expect(liveMentions(app.fake.calls.slice(from))).toEqual([]);
  });
});
