import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { closeServer, createDoor, DOOR_TIMEOUTS, openDoor, type SlackDoor } from '../../src/runtime/door.js';
import { SIGNING_SECRET } from '../support/slack-requests.js';

/**
 * A client that trickles a request (slowloris) holds a connection and, for a body, up to the body limit of
 * memory. The door closes such a connection once the request has taken longer than any Slack request would.
 */
let door: SlackDoor | undefined;
afterEach(async () => {
  if (door) await closeServer(door);
  door = undefined;
});

async function open(): Promise<number> {
  door = await createDoor({
    settings: { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_APP_TOKEN: undefined, SLACK_API_URL: undefined },
    logger: createLogger('silent'),
    health: (_req, res) => res.writeHead(200).end(),
    stopping: () => false,
    timeouts: { headersMs: 200, requestMs: 400, checkEveryMs: 50 },
  });
  return openDoor(door, 0, '127.0.0.1');
}

/** Writes `head` on a raw connection and never finishes; resolves with what came back once the server closes it. */
function stall(port: number, head: string, ms: number): Promise<{ closed: boolean; reply: string }> {
  return new Promise((resolve) => {
    let reply = '';
    const socket = net.connect(port, '127.0.0.1', () => socket.write(head));
    socket.setEncoding('utf8').on('data', (chunk: string) => (reply += chunk));
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ closed: false, reply });
    }, ms);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ closed: true, reply });
    });
    socket.on('error', () => undefined);
  });
}

describe('the door against slow clients', () => {
  it('closes a connection whose body stops arriving, with 408', async () => {
    const port = await open();
    const head =
      'POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"a":';
    const result = await stall(port, head, 3_000);
    expect(result.closed).toBe(true);
    expect(result.reply).toMatch(/^HTTP\/1\.1 408/);
  });

  it('closes a connection whose headers never end', async () => {
    const port = await open();
    const result = await stall(port, 'POST /slack/events HTTP/1.1\r\nHost: x\r\nX-Slow: ', 3_000);
    expect(result.closed).toBe(true);
  });

  it('allows a Slack request far less than Node’s five minutes by default', () => {
    expect(DOOR_TIMEOUTS.requestMs).toBeLessThanOrEqual(10_000);
    expect(DOOR_TIMEOUTS.headersMs).toBeLessThan(DOOR_TIMEOUTS.requestMs);
  });
});
