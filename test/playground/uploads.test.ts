import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { PlaygroundServer } from '../../src/playground/server.js';
import { MAX_UPLOAD_BYTES } from '../../src/playground/page-contract.js';
import { TravelClock } from '../../src/playground/time-travel.js';

const OWNER = 'U0DEMO01';
const TOKEN = 'xoxb-uploads-test';

/** The page's upload route and the file URL it answers with, over HTTP (no bot needed). */
describe('attaching a file in the page', () => {
  const server = new PlaygroundServer({
    token: TOKEN,
    signingSecret: 'secret',
    clock: new TravelClock(null),
    logger: createLogger('silent'),
    eventsUrl: () => 'http://127.0.0.1:9/slack/events',
    language: () => 'en',
    setLanguage: async () => {},
    travel: () => Promise.reject(new Error('no travel here')),
  });
  let base = '';
  beforeAll(async () => {
    base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
  });
  afterAll(() => server.close());

  const upload = (name: string, body: string | Uint8Array, type = 'application/octet-stream', user = OWNER) =>
    fetch(`${base}/pg/upload?user=${user}&name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'content-type': type },
      body,
    });

  it('keeps the bytes, and files.info and the permalink give them back as a download', async () => {
    const res = await upload('proof.html', '<script>alert(1)</script>');
    expect(res.status).toBe(200);
    const { file } = (await res.json()) as { file: { id: string; permalink: string } };
    expect(file.permalink).toBe(`${base}/files/${file.id}/proof.html`);
    const info = await fetch(`${base}/api/files.info`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: `file=${file.id}`,
    });
    expect(await info.json()).toMatchObject({ ok: true, file: { id: file.id, name: 'proof.html', size: 25 } });
    const served = await fetch(file.permalink);
    expect(served.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''proof.html");
    expect(served.headers.get('content-type')).toBe('application/octet-stream');
    expect(await served.text()).toBe('<script>alert(1)</script>');
  });

  it('refuses a file over 5 MB, an unknown person, and a body a cross-site form could send', async () => {
    const big = await upload('big.pdf', new Uint8Array(MAX_UPLOAD_BYTES + 1));
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ ok: false, error: 'file_too_large' });
    expect((await upload('a.pdf', 'x', 'application/octet-stream', 'U0NOBODY')).status).toBe(400);
    expect((await upload('a.pdf', 'x', 'text/plain')).status).toBe(415);
    expect((await upload('a.pdf', 'x', 'multipart/form-data; boundary=x')).status).toBe(415);
    expect(server.ws.files.size).toBe(1);
  });

  it('the bot’s upload URL takes no bytes from a browser: its file ids are counted, so any page could guess one', async () => {
    const api = await fetch(`${base}/api/files.getUploadURLExternal`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'filename=RECT-report.pdf&length=3',
    });
    const { upload_url: url, file_id: id } = (await api.json()) as { upload_url: string; file_id: string };
    // What a cross-site page's fetch(…, { mode: 'no-cors' }) to loopback sends.
    const forged = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      body: 'forged',
    });
    expect(forged.status).toBe(403);
    const noOrigin = await fetch(url, { method: 'POST', headers: { 'sec-fetch-site': 'cross-site' }, body: 'forged' });
    expect(noOrigin.status).toBe(403);
    expect(server.ws.files.get(id)?.bytes).toBeNull();
    // The bot's own upload (slack/upload/file.ts: Node's fetch) sends neither header.
    expect((await fetch(url, { method: 'POST', body: 'pdf' })).status).toBe(200);
    expect(server.ws.files.get(id)?.bytes?.toString()).toBe('pdf');
  });
});
