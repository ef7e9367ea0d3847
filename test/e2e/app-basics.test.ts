import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { blockKitProblems } from '../support/block-kit.js';
import { OTHER } from '../support/fixtures.js';
import { postSigned, commandBody } from '../support/slack-requests.js';
import { TestApp } from '../support/test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.start();
});
afterAll(async () => {
  expect(blockKitProblems(app.fake.calls)).toEqual([]);
  await app.stop();
});
beforeEach(() => {
  // Keep every call for the Block Kit check in afterAll; tests look at calls after a marker.
});

describe('the app over HTTP', () => {
  it('answers /healthz with the database status', async () => {
    const res = await fetch(`${app.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('rejects forged, unsigned and stale requests with 401 and does nothing', async () => {
    const before = app.fake.calls.length;
    const body = commandBody({
      text: 'help',
      userId: OTHER.userId,
      teamId: 'T0TEST',
      responseUrl: app.fake.responseUrl(),
    });
    const forged = await postSigned(app.eventsUrl, body, 'application/x-www-form-urlencoded', {
      secret: 'wrong-secret',
    });
    const unsigned = await postSigned(app.eventsUrl, body, 'application/x-www-form-urlencoded', { unsigned: true });
    const stale = await postSigned(app.eventsUrl, body, 'application/x-www-form-urlencoded', {
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect([forged.status, unsigned.status, stale.status]).toEqual([401, 401, 401]);
    await new Promise((r) => setTimeout(r, 100));
    expect(app.fake.calls.slice(before).filter((c) => c.method === 'response_url')).toEqual([]);
  });

  it('acks /closeout help at once and answers with the help card', async () => {
    const res = await app.command('help', OTHER.userId);
    expect(res.status).toBe(200);
    const reply = await app.fake.waitForCall('response_url');
    expect(reply.args.response_type).toBe('ephemeral');
    const blocks = reply.args.blocks as { type: string; text?: { text: string } }[];
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: expect.stringContaining('Closeout') } });
    expect(JSON.stringify(blocks)).toContain('/closeout list');
  });

  it('answers unknown input with the closest usage', async () => {
    const before = app.fake.callsTo('response_url').length;
    await app.command('lsit overdue', OTHER.userId);
    const reply = await app.fake.waitForCall('response_url', before + 1);
    expect(reply.args.text).toContain('`lsit`');
    expect(reply.args.text).toContain('/closeout list');
  });

  it('speaks Chinese to a user whose Slack locale is zh-CN', async () => {
    app.fake.locales.set('UZHONG', 'zh-CN');
    const before = app.fake.callsTo('response_url').length;
    await app.command('help', 'UZHONG');
    const reply = await app.fake.waitForCall('response_url', before + 1);
    expect(JSON.stringify(reply.args.blocks)).toContain('问题清单');
  });
});
