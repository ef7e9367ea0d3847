import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUSY_TEXT } from '../../src/runtime/admission.js';
import { TestApp } from '../support/test-app.js';

/** The whole bot on one thread (tests, the playground) bounds its work as npm start's front does. */
let app: TestApp;
beforeAll(async () => {
  app = await TestApp.start({ limits: { maxQueue: 2, perUser: 1, maxAgeMs: 60_000 } });
});
afterAll(() => app.stop());

const answers = () => app.fake.callsTo('response_url').length;

async function metric(name: string, labels = ''): Promise<number> {
  const text = await (await fetch(`${app.baseUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `));
  return line ? Number(line.split(' ')[1]) : 0;
}

describe('admission in one thread', () => {
  it('caps each person’s share and the queue; what was acked is answered, the rest told busy', async () => {
    app.fake.latencyMs = 300; // each answer takes a while: the first command is still running
    try {
      expect((await app.command('help', 'U1')).text).toBe('');
      expect((await app.command('help', 'U1')).json).toEqual({ response_type: 'ephemeral', text: BUSY_TEXT });
      expect((await app.command('help', 'U2')).text).toBe('');
      expect((await app.command('help', 'U3')).json).toEqual({ response_type: 'ephemeral', text: BUSY_TEXT });
      expect(await metric('closeout_queue_depth')).toBe(2);
    } finally {
      app.fake.latencyMs = 0;
    }
    await app.fake.waitFor(() => answers() === 2);
    expect(await metric('closeout_requests_acked_total')).toBe(2);
    expect(await metric('closeout_requests_refused_total', '{reason="user"}')).toBe(1);
    expect(await metric('closeout_requests_refused_total', '{reason="full"}')).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(answers()).toBe(2);
    expect(await metric('closeout_queue_depth')).toBe(0);
  });
});
