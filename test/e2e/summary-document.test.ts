import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveCloseout } from '../../src/services/closeout.js';
import { createProblem, editProblem } from '../../src/services/problems.js';
import { blockKitProblems } from '../support/block-kit.js';
import { LEADER, OTHER, OWNER } from '../support/fixtures.js';
import type { SlackCall } from '../support/fake-slack.js';
import { seedSummaryDataset, SUMMARY_NOW } from '../support/summary-dataset.js';
import { TestApp } from '../support/test-app.js';

let app: TestApp;
let dir: string;
beforeAll(async () => {
  app = await TestApp.start({ at: SUMMARY_NOW });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-doc-'));
  await seedSummaryDataset(app.deps, app.clock);
  // Three units: "Permits office" (7 problems), "Permits office annex" (1) and 市场监管局 (1).
  await editProblem(app.deps, LEADER, 'RECT-4', { unit: '市场监管局' });
  await createProblem(app.deps, LEADER, 'RECT', {
    title: 'Annex signage',
    ownerId: OWNER.userId,
    unit: 'Permits office annex',
    deadline: '2026-12-02',
    measures: [],
  });
  // A long-term closeout (issue 23): its outcome and mechanisms are in the summary and the document.
  const pending = await app.db.closeoutRequest.findFirstOrThrow({
    where: { state: 'pending', problem: { key: 'RECT-5' } },
  });
  await approveCloseout(app.deps, LEADER, pending.id, undefined, {
    longTerm: { mechanisms: ['Rules on permit handling issued', '每月通报'], followUpDate: '2027-03-01' },
  });
});
afterAll(async () => {
  expect(blockKitProblems(app.fake.calls)).toEqual([]);
  await app.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs `/closeout <text>`, returns its answer and (after `method` was called) the calls it made. */
async function command(text: string, userId: string, until?: string) {
  const start = app.fake.calls.length;
  const before = app.fake.callsTo('response_url').length;
  expect((await app.command(text, userId)).status).toBe(200);
  const reply = (await app.fake.waitForCall('response_url', before + 1, 20_000)).args as {
    text: string;
    blocks?: unknown[];
  };
  if (until) await app.fake.waitFor((calls) => calls.slice(start).some((c) => c.method === until), 30_000);
  return { reply, calls: app.fake.calls.slice(start) };
}

const uploadSteps = (calls: SlackCall[]) =>
  calls
    .map((c) => c.method)
    .filter((m) => ['files.getUploadURLExternal', 'file_upload', 'files.completeUploadExternal'].includes(m));

function pdfText(bytes: Buffer): string {
  const file = path.join(dir, `f${Date.now()}.pdf`);
  fs.writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

async function docxText(bytes: Buffer): Promise<string> {
  const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('\n');
}

describe('/closeout summary as:pdf|as:docx', () => {
  it('DMs the leader the progress report as a PDF through the upload flow', async () => {
    const { reply, calls } = await command('summary RECT as:pdf', LEADER.userId, 'files.completeUploadExternal');
    expect(reply.text).toBe(
      ':page_facing_up: Sent the progress report `RECT-report-2026-11-25.pdf` to your DM with me.',
    );
    expect(uploadSteps(calls)).toEqual(['files.getUploadURLExternal', 'file_upload', 'files.completeUploadExternal']);
    const ticket = calls.find((c) => c.method === 'files.getUploadURLExternal')!;
    expect(ticket.args.filename).toBe('RECT-report-2026-11-25.pdf');
    const complete = calls.find((c) => c.method === 'files.completeUploadExternal')!;
    expect(complete.args).toMatchObject({
      channel_id: 'DLEADER',
      files: [{ title: 'RECT progress report — Nov 25' }],
      initial_comment: ':page_facing_up: Rectification list (RECT) progress report as of Nov 25',
    });
    const pdf = app.fake.uploads.at(-1)!.body;
    expect(Number(ticket.args.length)).toBe(pdf.length);
    const text = pdfText(pdf);
    expect(text).toMatch(/^\s*Problems\s+9\s*$/m);
    expect(text).toMatch(/^\s*Overdue\s+2\s*$/m);
    for (const key of ['RECT-1', 'RECT-2']) expect(text).toContain(key);
    expect(text).toContain('User UOWNER'); // owners by name (users.info), not by ID
  });

  it('narrows the document to one unit, matching a near-miss name', async () => {
    const { reply } = await command('summary RECT unit:"Permit ofice" as:docx', LEADER.userId, 'file_upload');
    expect(reply.text).toContain('Only the problems of *Permits office* (the closest unit to “Permit ofice”).');
    const text = await docxText(app.fake.uploads.at(-1)!.body);
    expect(text).toContain('Rectification list (RECT) — progress report: Permits office');
    expect(text).toContain('RECT-1');
    expect(text).not.toContain('RECT-4'); // 市场监管局's
    expect(text).not.toContain('Annex signage');
  });

  it('has the outcome figures `/closeout summary` shows, and the lasting mechanisms', async () => {
    const { reply } = await command('summary RECT', LEADER.userId);
    expect(JSON.stringify(reply)).toContain('Closed 3: 2 rectified, 1 long-term; 2 lasting mechanisms');
    await command('summary RECT as:docx', LEADER.userId, 'file_upload');
    const text = await docxText(app.fake.uploads.at(-1)!.body);
    expect(text).toContain(
      'Closed\n3\nClosed: rectified\n2\nClosed: rectified long-term\n1\nLasting mechanisms created\n2',
    );
    expect(text).toContain('Not rectifiable (still open)\n0');
    expect(text).toContain(
      'RECT-5\nDuplicate inspections\nPermits office\n1. Rules on permit handling issued\n2. 每月通报\nMar 1, 2027',
    );
  });

  it('refuses members before reading anything', async () => {
    const { reply, calls } = await command('summary RECT as:pdf', OTHER.userId);
    expect(reply.text).toBe(':no_entry: Only leaders of board RECT can do that.');
    expect(uploadSteps(calls)).toEqual([]);
  });
});

describe('/closeout summary unit:NAME', () => {
  it('narrows the summary to one unit, exactly named in Chinese', async () => {
    const { reply } = await command('summary RECT 单位:市场监管局', LEADER.userId);
    const text = JSON.stringify(reply.blocks);
    expect(text).toContain('Only the problems of *市场监管局*.');
    expect(text).toContain('*1 problem* · 0 closed (0%) · 0 overdue · 1 without an update this round');
    expect(text).not.toContain('rectified'); // the board's outcomes are not this unit's
  });

  it('posts one unit’s summary in the channel, saying which unit', async () => {
    const { reply, calls } = await command('summary RECT unit:"Permits office annex" post', LEADER.userId);
    expect(reply.text).toContain('Posted the RECT summary');
    const post = calls.find((c) => c.method === 'chat.postMessage')!;
    const text = JSON.stringify(post.args.blocks);
    expect(text).toContain('Only the problems of *Permits office annex*.');
    expect(text).toContain('*1 problem* · 0 closed (0%)');
  });

  it('answers an ambiguous name with the candidates, and changes nothing', async () => {
    const { reply, calls } = await command('summary RECT unit:permits', LEADER.userId);
    expect(reply.text).toBe(
      '“permits” could be several units on RECT: “Permits office”, “Permits office annex”. Say which, e.g. `/closeout summary RECT unit:"Permits office"`.',
    );
    expect(reply.blocks).toBeUndefined();
    expect(uploadSteps(calls)).toEqual([]);
  });

  it('answers an unknown unit with some that exist', async () => {
    const { reply } = await command('summary RECT unit:Harbour', LEADER.userId);
    expect(reply.text).toMatch(/^No responsible unit on RECT is called “Harbour”\. Units there include: “/);
    expect(reply.text).toContain('“市场监管局”');
  });

  it('explains the new words in the usage', async () => {
    const { reply } = await command('summary RECT as:xlsx', LEADER.userId);
    expect(reply.text).toContain('`as:docx` / `as:pdf`');
  });
});
