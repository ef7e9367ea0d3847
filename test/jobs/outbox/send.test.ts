import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../../src/jobs/outbox/messages.js';
import { createWebApiSender, type SlackRendering } from '../../../src/jobs/outbox/send.js';
import type { Outgoing } from '../../../src/jobs/types.js';
import { createLogger } from '../../../src/logging/logger.js';
import { FakeSlack } from '../../support/fake-slack.js';
import { FAST_RETRY } from '../../support/jobs.js';

/** The sender's seam: rendering and readers' languages come from its caller, so jobs import no Slack code. */
let fake: FakeSlack;
beforeEach(async () => {
  fake = await new FakeSlack().start();
});
afterEach(() => fake.stop());

const board = { code: 'RECT', name: 'Rectification', timezone: 'Asia/Shanghai', language: 'en' as const };
const out = (recipient: string): Outgoing => ({
  key: `notice:${recipient}`,
  recipient,
  message: { kind: 'failure-notice', board, today: '2026-11-25' } as unknown as OutboundMessage,
  since: new Date('2026-11-25T00:00:00Z'),
});

function sender(rendering: SlackRendering) {
  return createWebApiSender({
    token: 'xoxb-test',
    apiUrl: fake.apiUrl,
    logger: createLogger('silent'),
    retry: FAST_RETRY,
    ...rendering,
  });
}

describe('createWebApiSender: what it is given to render with', () => {
  it('posts what the injected render returns, a DM in its reader’s language and a channel post in the board’s', async () => {
    const rendered: string[] = [];
    const s = sender({
      render: (message) => {
        rendered.push(message.board.language);
        return { text: `rendered in ${message.board.language}`, blocks: [] };
      },
      readerLanguages: () => async () => new Map([['U0ZHANG', 'zh-CN' as const]]),
    });
    await s.send(out('U0ZHANG'));
    await s.send(out('C0BOARD'));
    expect(rendered).toEqual(['zh-CN', 'en']);
    expect(fake.messages.map((m) => m.text)).toEqual(['rendered in zh-CN', 'rendered in en']);
  });

  it('without reader languages, a DM is rendered in the board’s language', async () => {
    const s = sender({ render: (message) => ({ text: message.board.language, blocks: [] }) });
    await s.send(out('U0ZHANG'));
    expect(fake.messages.map((m) => m.text)).toEqual(['en']);
  });
});
