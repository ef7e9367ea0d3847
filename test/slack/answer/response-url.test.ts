import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSlackResponseUrl, postToResponseUrl } from '../../../src/slack/answer/response-url.js';

let hits = 0;
let server: http.Server;
let url = '';
beforeAll(async () => {
  server = http.createServer((_req, res) => {
    hits++;
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('response_url hosts', () => {
  it.each([
    ['https://hooks.slack.com/commands/T1/1/abc', true],
    ['https://hooks.slack-gov.com/actions/T1/1/abc', true],
    ['http://hooks.slack.com/commands/T1/1/abc', false],
    ['https://hooks.slack.com.evil.example/x', false],
    ['https://evil.example/hooks.slack.com', false],
    ['https://user:pw@hooks.slack.com/x', false],
    ['javascript:alert(1)', false],
    ['not a url', false],
  ])('%s → %s', (candidate, ok) => {
    expect(isSlackResponseUrl(candidate)).toBe(ok);
  });

  it('accepts the configured SLACK_API_URL’s origin only', () => {
    expect(isSlackResponseUrl('http://127.0.0.1:4000/response/x', 'http://127.0.0.1:4000/api/')).toBe(true);
    expect(isSlackResponseUrl('http://127.0.0.1:4001/response/x', 'http://127.0.0.1:4000/api/')).toBe(false);
  });

  it('never fetches a URL that is not Slack’s, and posts to one that is', async () => {
    await expect(postToResponseUrl(`${url}/steal`, { text: 'secret' })).rejects.toThrow(/not on a Slack host/);
    expect(hits).toBe(0);
    await postToResponseUrl(`${url}/response/1`, { text: 'hello' }, { apiUrl: `${url}/api/` });
    expect(hits).toBe(1);
  });
});
