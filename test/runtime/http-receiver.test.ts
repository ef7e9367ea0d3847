import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { ReceiverEvent } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, slackLogger } from '../../src/logging/logger.js';
import { BusyError } from '../../src/runtime/admission.js';
import { BODY_LIMIT, BODY_MAX_DEPTH, nestedDeeperThan, SlackHttpReceiver } from '../../src/runtime/http-receiver.js';
import { SIGNING_SECRET, commandBody, postSigned } from '../support/slack-requests.js';

const LIMIT = 64 * 1024;
const BUDGET = 2 * LIMIT;
let bodiesFull = 0;
let server: http.Server;
let port: number;
let tooLarge = 0;
const seen: Record<string, unknown>[] = [];
let busy = false;

beforeAll(async () => {
  const receiver = new SlackHttpReceiver({
    signingSecret: SIGNING_SECRET,
    logger: slackLogger(createLogger('silent')),
    health: (_req, res) => res.writeHead(200).end(),
    stopping: () => false,
    tooLarge: () => tooLarge++,
    bodiesFull: () => bodiesFull++,
    bodyLimit: LIMIT,
    bodyBudget: BUDGET,
  });
  receiver.init({
    processEvent: async ({ body, ack }: ReceiverEvent) => {
      if (busy) throw new BusyError('full');
      seen.push(body);
      await ack();
    },
  });
  server = http.createServer(receiver.requestListener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

/** Sends `head` (and then `chunks`, one at a time) on a raw connection; resolves with what came back. */
function raw(head: string, chunks: Buffer[] = []): Promise<{ response: string; sent: number }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let response = '';
    let sent = 0;
    let closed = false;
    socket.setEncoding('utf8').on('data', (d: string) => (response += d));
    socket.on('error', () => {}); // the server may close while we write: that is the point
    socket.on('close', () => {
      closed = true;
      resolve({ response, sent });
    });
    socket.write(head, async () => {
      for (const chunk of chunks) {
        if (closed || response) break;
        await new Promise<void>((done) => socket.write(chunk, () => done()));
        sent += chunk.length;
        await new Promise((r) => setTimeout(r, 1));
      }
    });
    setTimeout(() => reject(new Error(`no answer; got ${JSON.stringify(response)}`)), 5_000).unref();
  });
}

describe('request bodies', () => {
  it('uses Bolt’s HTTPReceiver default limit (4 MB) unless told', () => {
    expect(BODY_LIMIT).toBe(4 * 1024 * 1024);
  });

  it('answers 413 to a body declared over the limit, before reading any of it, and closes the connection', async () => {
    const before = tooLarge;
    // Only the headers go out: were the server to wait for the body, nothing would come back.
    const { response } = await raw(
      'POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n' +
        `Content-Length: ${40 * 1024 * 1024}\r\n\r\n`,
    );
    expect(response).toMatch(/^HTTP\/1\.1 413 /);
    expect(response.toLowerCase()).toContain('connection: close');
    expect(tooLarge).toBe(before + 1);
    expect(seen).toEqual([]);
  });

  it('answers 413 to a chunked body once it passes the limit, without waiting for the rest', async () => {
    const before = tooLarge;
    const chunk = (n: number) => Buffer.from(`${n.toString(16)}\r\n${'a'.repeat(n)}\r\n`);
    // Twice the limit on offer, never finished (no last chunk): the answer comes once the limit is passed.
    const chunks = Array.from({ length: (2 * LIMIT) / 4096 }, () => chunk(4096));
    const { response, sent } = await raw(
      'POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n' +
        'Transfer-Encoding: chunked\r\n\r\n',
      chunks,
    );
    expect(response).toMatch(/^HTTP\/1\.1 413 /);
    expect(sent).toBeLessThan(2 * LIMIT);
    expect(tooLarge).toBe(before + 1);
    expect(seen).toEqual([]);
  });

  it('answers 503 with Retry-After, before reading the body, once the bodies being read would pass the budget', async () => {
    const head = (n: number) =>
      'POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n' +
      `Content-Length: ${n}\r\n\r\n`;
    // Two bodies just under the limit, whose senders never finish them: together they take the budget but
    // for a little, which a signed command still fits in.
    const held = [0, 1].map(() => net.connect(port, '127.0.0.1'));
    for (const socket of held) {
      socket.on('error', () => {});
      socket.write(head(LIMIT - 4096) + 'a'.repeat(1024));
    }
    try {
      await new Promise((r) => setTimeout(r, 50));
      const before = bodiesFull;
      const { response } = await raw(head(16 * 1024));
      expect(response).toMatch(/^HTTP\/1\.1 503 /);
      expect(response.toLowerCase()).toContain('retry-after: 5');
      expect(bodiesFull).toBe(before + 1);
      const body = commandBody({ text: 'help', userId: 'U9', teamId: 'T1', responseUrl: 'http://127.0.0.1/x' });
      const res = await postSigned(`http://127.0.0.1:${port}/slack/events`, body, 'application/x-www-form-urlencoded');
      expect(res.status).toBe(200);
      expect(seen.at(-1)).toMatchObject({ command: '/closeout', user_id: 'U9' });
    } finally {
      for (const socket of held) socket.destroy();
    }
    // Their charge is given back once their reads end: the same request is read (and refused as unsigned).
    await new Promise((r) => setTimeout(r, 50));
    const unsigned = await fetch(`http://127.0.0.1:${port}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a'.repeat(LIMIT - 1024),
    });
    expect(unsigned.status).toBe(401);
    seen.length = 0;
  });

  it('still takes a signed command', async () => {
    const body = commandBody({ text: 'help', userId: 'U1', teamId: 'T1', responseUrl: 'http://127.0.0.1/x' });
    const res = await postSigned(`http://127.0.0.1:${port}/slack/events`, body, 'application/x-www-form-urlencoded');
    expect(res.status).toBe(200);
    expect(seen).toMatchObject([{ command: '/closeout', text: 'help', user_id: 'U1' }]);
  });

  it('answers 503 with Retry-After, not an ack, to a request turned away for load', async () => {
    busy = true;
    try {
      const body = commandBody({ text: 'help', userId: 'U1', teamId: 'T1', responseUrl: 'http://127.0.0.1/x' });
      const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'event_callback', event: { type: 'message', user: 'U1' } }),
      });
      expect(res.status).toBe(401); // unsigned: never reaches admission
      const signed = await postSigned(
        `http://127.0.0.1:${port}/slack/events`,
        body,
        'application/x-www-form-urlencoded',
      );
      expect(signed.status).toBe(503);
      expect(signed.text).toBe('');
    } finally {
      busy = false;
    }
  });

  it('answers 400 to a signed body nested deeper than Slack’s, without handing it on', async () => {
    const url = `http://127.0.0.1:${port}/slack/events`;
    const nest = (n: number) => '['.repeat(n) + ']'.repeat(n);
    const before = seen.length;
    // 10,000 levels in 20 KB: structured clone, which hands a body to the engine thread, overflows its stack.
    const payload = `{"type":"block_actions","user":{"id":"U1"},"actions":[],"extra":${nest(10_000)}}`;
    const form = new URLSearchParams({ payload }).toString();
    expect((await postSigned(url, form, 'application/x-www-form-urlencoded')).status).toBe(400);
    const event = `{"type":"event_callback","event":{"type":"message","user":"U1","extra":${nest(10_000)}}}`;
    expect((await postSigned(url, event, 'application/json')).status).toBe(400);
    expect(seen.length).toBe(before);
    // As deep as allowed: taken.
    const deepest = `{"type":"event_callback","event":{"type":"message","user":"U1","x":${nest(BODY_MAX_DEPTH - 2)}}}`;
    expect((await postSigned(url, deepest, 'application/json')).status).toBe(200);
    expect(seen.length).toBe(before + 1);
    seen.length = 0;
  });
});

describe('nestedDeeperThan', () => {
  it('counts levels of objects and arrays, not of values inside them', () => {
    expect(nestedDeeperThan('text', 0)).toBe(false);
    expect(nestedDeeperThan({ a: 'b' }, 1)).toBe(false);
    expect(nestedDeeperThan({ a: { b: [1] } }, 3)).toBe(false);
    expect(nestedDeeperThan({ a: { b: [1] } }, 2)).toBe(true);
    expect(nestedDeeperThan({ a: 1, b: [{}, { c: [[]] }] }, 4)).toBe(true);
    expect(nestedDeeperThan(JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)), BODY_MAX_DEPTH)).toBe(true);
  });
});
