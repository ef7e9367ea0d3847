import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob } from '../../src/jobs/runner.js';
import { ACTION } from '../../src/slack/ids.js';
import { blockKitProblems } from '../support/block-kit.js';
import { LEADER, OWNER } from '../support/fixtures.js';
import { schedulerOn } from '../support/jobs.js';
import { TestApp } from '../support/test-app.js';
import { callAfter, newProblem, seedRect } from '../support/cards.js';

/**
 * `/closeout extend` with the dates people (or scripts) type at the edges (issue 23): the year 9999, the
 * year 1, 30 February, a reason at the length limit and past it; and what a far deadline does afterwards
 * to the jobs, the summary, the report and the Home, which count days to and past deadlines.
 */
let app: TestApp;
beforeAll(async () => {
  app = await TestApp.start({ at: '2026-12-07T02:00:00Z' });
  await seedRect(app);
  await newProblem(app, { title: 'Permit backlog' }); // RECT-1
  await newProblem(app, { title: 'Queue times' }); // RECT-2
});
afterAll(async () => {
  expect(blockKitProblems(app.fake.calls)).toEqual([]);
  await app.stop();
});

const extend = async (text: string) =>
  String((await callAfter(app, 'response_url', () => app.command(`extend ${text}`, OWNER.userId))).args.text);

describe('extension dates at the edges', () => {
  it('refuses the year 1, 30 February and a date that is not one, saving nothing', async () => {
    const answers = [
      await extend('RECT-1 0001-01-01 late'),
      await extend('RECT-1 2027-02-30 late'),
      await extend('RECT-1 27-1-1 late'),
    ];
    expect(answers[0]).toContain('RECT-1');
    for (const a of answers.slice(1)) expect(a).toContain('YYYY-MM-DD');
    expect(await app.db.extensionRequest.count()).toBe(0);
  });

  it('a reason of 1,000 characters is kept; 1,001 is refused', async () => {
    expect(await extend(`RECT-2 2027-03-01 ${'因'.repeat(1001)}`)).not.toContain('sent to');
    expect(await app.db.extensionRequest.count()).toBe(0);
    expect(await extend(`RECT-2 2027-03-01 ${'因'.repeat(1000)}`)).toContain('sent to');
    expect((await app.db.extensionRequest.findFirstOrThrow()).reason).toHaveLength(1000);
  });

  it(
    'the year 9999, once approved, does not stall the jobs, the summary, the report or the Home',
    { timeout: 60_000 },
    async () => {
      expect(await extend('RECT-1 9999-12-31 the far future')).toContain('sent to');
      const request = await app.db.extensionRequest.findFirstOrThrow({ where: { toDate: '9999-12-31' } });
      await callAfter(
        app,
        'chat.postMessage',
        () =>
          app.click({
            userId: LEADER.userId,
            actionId: ACTION.approveExtension,
            value: String(request.id),
            message: { channel: 'DLEADER', ts: '1700000001.000001' },
          }),
        (c) => c.args.channel === OWNER.userId,
      );
      expect((await app.db.problem.findFirstOrThrow({ where: { key: 'RECT-1' } })).deadline).toBe('9999-12-31');
      const timed = async <T>(what: string, f: () => Promise<T>) => {
        const started = Date.now();
        const out = await f();
        expect(Date.now() - started, what).toBeLessThan(10_000);
        return out;
      };
      await timed('jobs', () => runJob(schedulerOn(app), 'all', new Date('2026-12-08T01:00:00Z')));
      const summary = await timed('summary', () =>
        callAfter(app, 'response_url', () => app.command('summary RECT', LEADER.userId)),
      );
      expect(JSON.stringify(summary.args)).toContain('problem');
      await timed('report', async () => {
        const uploads = app.fake.uploads.length;
        await app.command('summary RECT as:pdf', LEADER.userId);
        await app.fake.waitFor(() => app.fake.uploads.length > uploads, 30_000);
      });
      const home = await timed('home', () =>
        callAfter(app, 'views.publish', () =>
          app.event({ type: 'app_home_opened', user: OWNER.userId, channel: 'DOWNER', tab: 'home', event_ts: '1.1' }),
        ),
      );
      expect(JSON.stringify(home.args.view)).toContain('RECT-1');
      const card = await timed('show', () =>
        callAfter(app, 'response_url', () => app.command('show RECT-1', OWNER.userId)),
      );
      expect(JSON.stringify(card.args)).toContain('9999');
    },
  );
});
