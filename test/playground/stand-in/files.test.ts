import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/domain/clock.js';
import { MAX_UPLOAD_BYTES } from '../../../src/playground/page-contract.js';
import {
  filesState,
  keepUpload,
  MAX_UPLOADS,
  MAX_UPLOADS_BYTES,
  safeName,
  servingHeaders,
} from '../../../src/playground/stand-in/files.js';
import { WebApi } from '../../../src/playground/stand-in/web-api.js';
import { Workspace } from '../../../src/playground/stand-in/workspace.js';

const TOKEN = 'xoxb-playground-test';
const BASE = 'http://127.0.0.1:4321';
const OWNER = 'U0DEMO01';
const OTHER = 'U0DEMO02';

function standIn() {
  const ws = new Workspace(fixedClock('2026-11-30T02:00:00Z'));
  const api = new WebApi(ws, TOKEN, { userOf: () => undefined }, { locale: () => 'en-US' }, () => BASE);
  return { ws, call: (method: string, args: Record<string, unknown>) => api.call(method, args, `Bearer ${TOKEN}`) };
}

const kept = (answer: ReturnType<typeof keepUpload>) => {
  if (!answer.ok) throw new Error(answer.error);
  return answer.file;
};

describe('files people attach in the page', () => {
  it('are kept and described as Slack describes them, in files.info too', () => {
    const { ws, call } = standIn();
    const file = kept(keepUpload(ws, BASE, OWNER, 'C:\\scans\\整改 报告.PDF', Buffer.from('%PDF-1.7 proof')));
    expect(file).toMatchObject({
      name: '整改 报告.PDF',
      title: '整改 报告.PDF',
      filetype: 'pdf',
      mimetype: 'application/pdf',
      size: 14,
      user: OWNER,
      permalink: `${BASE}/files/${file.id}/${encodeURIComponent('整改 报告.PDF')}`,
    });
    expect(file.id).toMatch(/^F[0-9]+$/);
    expect(call('files.info', { file: file.id })).toEqual({ ok: true, file });
    expect(call('files.info', { file: 'F0NONE' })).toEqual({ ok: false, error: 'file_not_found' });
  });

  it('are refused over 5 MB each, and once the playground holds 100 MB of them', () => {
    const { ws } = standIn();
    expect(keepUpload(ws, BASE, OWNER, 'big.pdf', Buffer.alloc(MAX_UPLOAD_BYTES + 1))).toEqual({
      ok: false,
      error: 'file_too_large',
    });
    expect(kept(keepUpload(ws, BASE, OWNER, 'max.pdf', Buffer.alloc(MAX_UPLOAD_BYTES))).size).toBe(MAX_UPLOAD_BYTES);
    for (let i = 1; i < MAX_UPLOADS_BYTES / MAX_UPLOAD_BYTES; i++)
      kept(keepUpload(ws, BASE, OWNER, `f${i}.pdf`, Buffer.alloc(MAX_UPLOAD_BYTES)));
    expect(keepUpload(ws, BASE, OWNER, 'one-more.txt', Buffer.from('x'))).toEqual({ ok: false, error: 'uploads_full' });
    expect(ws.files.size).toBe(MAX_UPLOADS_BYTES / MAX_UPLOAD_BYTES);
  });

  it('reach the bot in a submission only when the submitter attached them, at most ten', () => {
    const { ws } = standIn();
    const mine = Array.from({ length: 12 }, (_, i) =>
      kept(keepUpload(ws, BASE, OWNER, `p${i}.png`, Buffer.from('png'))),
    );
    const theirs = kept(keepUpload(ws, BASE, OTHER, 'theirs.pdf', Buffer.from('pdf')));
    // What the page claims about a file is replaced by what the stand-in holds.
    const claimed = [{ id: mine[0]!.id, name: 'renamed.exe', size: 1 }, { id: theirs.id }, { id: 'F0MADEUP' }, 'junk'];
    expect(filesState(ws, BASE, OWNER, claimed)).toEqual([mine[0]]);
    expect(filesState(ws, BASE, OWNER, mine).map((f) => f.id)).toEqual(mine.slice(0, 10).map((f) => f.id));
    expect(filesState(ws, BASE, OWNER, 'not a list')).toEqual([]);
  });

  it('are served back as downloads with a safe type: an uploaded HTML page never runs', () => {
    const { ws } = standIn();
    const page = kept(keepUpload(ws, BASE, OWNER, 'evil.html', Buffer.from('<script>alert(1)</script>')));
    const headers = servingHeaders({ ...ws.files.get(page.id)!, bytes: Buffer.from('x') });
    expect(headers).toMatchObject({
      'content-type': 'application/octet-stream',
      'content-disposition': "attachment; filename*=UTF-8''evil.html",
      'x-content-type-options': 'nosniff',
      'content-security-policy': 'sandbox; default-src none',
    });
    const photo = kept(keepUpload(ws, BASE, OWNER, 'site.png', Buffer.from('png')));
    expect(servingHeaders({ ...ws.files.get(photo.id)!, bytes: Buffer.from('x') })).toMatchObject({
      'content-type': 'image/png',
      'content-disposition': "attachment; filename*=UTF-8''site.png",
    });
    // The bot's own chart shows inline, as before.
    const chart = { id: 'F1', name: 'chart.png', title: 'Chart', mimetype: 'image/png', bytes: Buffer.from('x') };
    expect(servingHeaders(chart)['content-disposition']).toBe("inline; filename*=UTF-8''chart.png");
  });

  it('names are kept without folders or control characters', () => {
    expect(safeName('../../etc/passwd')).toBe('passwd');
    expect(safeName('a\u0000b\nc.pdf')).toBe('abc.pdf');
    expect(safeName('   ')).toBe('file');
    expect(Array.from(safeName(`${'长'.repeat(300)}.pdf`))).toHaveLength(200);
  });

  it('a bidi override cannot make "exe" read as "pdf", and a name of dots is no path step', () => {
    expect(safeName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(safeName('a\u2066b\u200Fc\u061C.pdf')).toBe('abc.pdf');
    // The permalink ends with the name: /files/F1/.. would take the browser to /files/.
    expect(safeName('..')).toBe('file');
    expect(safeName('.')).toBe('file');
    expect(safeName('dir/..')).toBe('file');
  });

  it('holds at most MAX_UPLOADS files however small (each is kept in memory with its name)', () => {
    const { ws } = standIn();
    for (let i = 0; i < MAX_UPLOADS; i++)
      kept(keepUpload(ws, BASE, OWNER, `${'n'.repeat(190)}${i}.txt`, Buffer.alloc(0)));
    expect(keepUpload(ws, BASE, OWNER, 'one-more.txt', Buffer.alloc(0))).toEqual({ ok: false, error: 'uploads_full' });
    expect(ws.files.size).toBe(MAX_UPLOADS);
  });
});
