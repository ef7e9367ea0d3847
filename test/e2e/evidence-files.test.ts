import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportCsv } from '../../src/services/csv-export.js';
import { createProblem } from '../../src/services/problems.js';
import type { SlackCall } from '../support/fake-slack.js';
import { VIEW } from '../../src/slack/ids.js';
import { blockKitProblems } from '../support/block-kit.js';
import { LEADER, OWNER, seedBoard } from '../support/fixtures.js';
import { TestApp } from '../support/test-app.js';
import {
  allText,
  blockOf,
  callAfter,
  callsSince,
  openByCommand,
  settle,
  state,
  submitView,
} from '../support/modals.js';

let app: TestApp;
const ZH_OWNER = 'UZHOWNER';

beforeAll(async () => {
  app = await TestApp.start();
  app.fake.locales.set(ZH_OWNER, 'zh-CN');
  await seedBoard(app.deps);
  await seedBoard(app.deps, { code: 'PROOF', name: 'Evidence required', evidenceRequired: true });
  const make = (board: string, ownerId: string, title: string) =>
    createProblem(app.deps, { teamId: OWNER.teamId, userId: 'UADMIN' }, board, {
      title,
      ownerId,
      deadline: '2026-12-20',
    });
  await make('RECT', OWNER.userId, 'Backlog of cases'); // RECT-1
  await make('PROOF', OWNER.userId, 'Unsafe stairwell'); // PROOF-1
  await make('PROOF', ZH_OWNER, 'Fire doors blocked'); // PROOF-2
  app.fake.shareFile('F0PROOF1', 'inspection-report.pdf', Buffer.from('%PDF-1.4 report'));
  app.fake.shareFile('F0PHOTO1', 'stairs <@UADMIN> & rail.jpg', Buffer.from('jpeg-bytes-here'));
});
afterAll(async () => {
  expect(blockKitProblems(app.fake.calls)).toEqual([]);
  await app.stop();
});

describe('evidence files on a closeout request', () => {
  it('the closeout modal has an optional file input for PDFs, photos and Office documents (up to 10)', async () => {
    const view = await openByCommand(app, 'close RECT-1', OWNER.userId);
    expect(view.callback_id).toBe(VIEW.closeout);
    const files = blockOf(view, 'evidence_files');
    expect(files).toMatchObject({ type: 'input', optional: true, element: { type: 'file_input', max_files: 10 } });
    expect(files?.element?.filetypes).toEqual(expect.arrayContaining(['pdf', 'jpg', 'png', 'docx', 'xlsx']));
  });

  it('records each file as files.info describes it, and lists them as escaped links in the leaders’ DM', async () => {
    const view = await openByCommand(app, 'close RECT-1', OWNER.userId);
    const from = app.fake.calls.length;
    const res = await submitView(app, OWNER.userId, view, {
      evidence: state.text('Report and photo attached.'),
      evidence_files: state.files([
        { id: 'F0PROOF1', name: 'spoofed-name.exe' },
        { id: 'F0PHOTO1', name: 'photo.jpg' },
      ]),
    });
    expect(res.json).toEqual({ response_action: 'clear' });
    const dm = await app.fake.waitFor((calls) =>
      calls.slice(from).find((c) => c.method === 'chat.postMessage' && c.args.channel === LEADER.userId),
    );
    // Each file was read back from Slack, and what Slack said is what was kept (not the submitted name).
    const asked = callsSince(app, from, 'files.info').map((c) => c.args.file);
    expect(asked.sort()).toEqual(['F0PHOTO1', 'F0PROOF1']);
    const rows = await app.db.evidenceFile.findMany({
      where: { request: { problem: { key: 'RECT-1' } } },
      orderBy: { id: 'asc' },
      select: { fileId: true, name: true, filetype: true, size: true, permalink: true, addedBy: true },
    });
    expect(rows).toEqual([
      {
        fileId: 'F0PROOF1',
        name: 'inspection-report.pdf',
        filetype: 'pdf',
        size: 15,
        permalink: 'https://test.slack.com/files/F0PROOF1',
        addedBy: OWNER.userId,
      },
      {
        fileId: 'F0PHOTO1',
        name: 'stairs <@UADMIN> & rail.jpg',
        filetype: 'jpg',
        size: 15,
        permalink: 'https://test.slack.com/files/F0PHOTO1',
        addedBy: OWNER.userId,
      },
    ]);
    const text = allText(dm);
    expect(text).toContain('Evidence files (2)');
    expect(text).toContain('<https://test.slack.com/files/F0PROOF1|inspection-report.pdf>');
    // A file name cannot mention anyone or break its link.
    expect(text).toContain('stairs &lt;@UADMIN&gt; &amp; rail.jpg');
    expect(text).not.toContain('<@UADMIN>');
  });

  it('the card (`/closeout show`) lists the files too', async () => {
    const card = await callAfter(app, 'response_url', () => app.command('show RECT-1', LEADER.userId));
    const text = JSON.stringify(card.args);
    expect(text).toContain('<https://test.slack.com/files/F0PROOF1|inspection-report.pdf>');
  });

  it('a board that requires evidence files refuses a request without them, inline, and saves nothing', async () => {
    const view = await openByCommand(app, 'close PROOF-1', OWNER.userId);
    expect(blockOf(view, 'evidence_files')).not.toHaveProperty('optional');
    const res = await submitView(app, OWNER.userId, view, { evidence: state.text('Fixed the rail.') });
    expect(res.json).toEqual({
      response_action: 'errors',
      errors: { evidence_files: 'This board asks for evidence files: attach at least one file to the request.' },
    });
    await settle(100);
    expect(await app.db.closeoutRequest.count({ where: { problem: { key: 'PROOF-1' } } })).toBe(0);
    expect((await app.db.problem.findFirstOrThrow({ where: { key: 'PROOF-1' } })).status).toBe('open');
  });

  it('refuses in Chinese for a Chinese-speaking owner', async () => {
    const view = await openByCommand(app, 'close PROOF-2', ZH_OWNER);
    const res = await submitView(app, ZH_OWNER, view, { evidence: state.text('已清理') });
    expect(res.json).toMatchObject({
      response_action: 'errors',
      errors: { evidence_files: '本清单要求上传整改证明材料：请至少附上一个文件后再申请销号。' },
    });
    expect(await app.db.closeoutRequest.count({ where: { problem: { key: 'PROOF-2' } } })).toBe(0);
  });

  it('accepts the request on the required board once a file is attached', async () => {
    const view = await openByCommand(app, 'close PROOF-1', OWNER.userId);
    const res = await submitView(app, OWNER.userId, view, {
      evidence: state.text('Rail fixed, see report.'),
      evidence_files: state.files([{ id: 'F0PROOF1', name: 'inspection-report.pdf' }]),
    });
    expect(res.json).toEqual({ response_action: 'clear' });
    await app.fake.waitFor(
      async () => (await app.db.evidenceFile.count({ where: { request: { problem: { key: 'PROOF-1' } } } })) === 1,
    );
    expect((await app.db.problem.findFirstOrThrow({ where: { key: 'PROOF-1' } })).status).toBe('closeout_requested');
  });

  it('refuses more than ten files inline', async () => {
    const view = await openByCommand(app, 'close PROOF-2', ZH_OWNER);
    const many = Array.from({ length: 11 }, (_, i) => ({ id: `F0MANY${i}`, name: `f${i}.pdf` }));
    const res = await submitView(app, ZH_OWNER, view, {
      evidence: state.text('很多文件'),
      evidence_files: state.files(many),
    });
    expect(res.json).toMatchObject({ response_action: 'errors', errors: { evidence_files: expect.any(String) } });
    expect(await app.db.closeoutRequest.count({ where: { problem: { key: 'PROOF-2' } } })).toBe(0);
  });

  it('exports the files with their links (and import ignores the column)', async () => {
    const { csv } = await exportCsv(app.deps, LEADER, 'RECT');
    expect(csv.split('\r\n')[0]).toContain('outcome,mechanisms,follow-up date,evidence files');
    expect(csv).toContain('inspection-report.pdf <https://test.slack.com/files/F0PROOF1>');
  });
});

let shares = 0;
/** A user shares files in their DM with the bot with some text; returns the bot's answer there. */
async function share(userId: string, text: string, files: { id: string; name: string }[]): Promise<SlackCall> {
  const channel = `D${userId.slice(1)}`;
  const from = app.fake.calls.length;
  const res = await app.event({
    type: 'message',
    subtype: 'file_share',
    channel,
    channel_type: 'im',
    user: userId,
    text,
    ts: `1700000200.${String(++shares).padStart(6, '0')}`,
    files,
  });
  expect(res.status).toBe(200);
  return app.fake.waitFor((calls) =>
    calls.slice(from).find((c) => c.method === 'chat.postMessage' && c.args.channel === channel),
  );
}

describe('files shared in the bot’s DM with a key', () => {
  it('attach to the pending closeout request, read back with files.info, and record no progress update', async () => {
    app.fake.shareFile('F0EXTRA1', 'rules issued.docx', Buffer.from('docx'));
    const updates = await app.db.update.count();
    const answer = await share(OWNER.userId, '(RECT-1) proof, the new rules', [{ id: 'F0EXTRA1', name: 'x.docx' }]);
    expect(String(answer.args.text)).toContain('1 file was added to the closeout request for *RECT-1*');
    const names = await app.db.evidenceFile.findMany({
      where: { request: { problem: { key: 'RECT-1' } } },
      orderBy: { id: 'asc' },
      select: { name: true },
    });
    expect(names.map((f) => f.name)).toEqual([
      'inspection-report.pdf',
      'stairs <@UADMIN> & rail.jpg',
      'rules issued.docx',
    ]);
    await settle(100);
    expect(await app.db.update.count()).toBe(updates);
    // The same file again adds nothing.
    const again = await share(OWNER.userId, 'RECT-1', [{ id: 'F0EXTRA1', name: 'x.docx' }]);
    expect(String(again.args.text)).toContain('already on the closeout request');
  });

  it('refuses someone who neither owns the problem nor leads its board, in their language', async () => {
    app.fake.locales.set('UZHOTHER', 'zh-CN');
    app.fake.shareFile('F0OTHER1', 'mine.pdf', Buffer.from('pdf'));
    const answer = await share('UZHOTHER', 'PROOF-1 材料', [{ id: 'F0OTHER1', name: 'mine.pdf' }]);
    expect(String(answer.args.text)).toMatch(/[\u4e00-\u9fff]/);
    expect(await app.db.evidenceFile.count({ where: { fileId: 'F0OTHER1' } })).toBe(0);
  });
});

describe('the board modal', () => {
  it('shows whether evidence files are required, and saves the choice', async () => {
    const view = await openByCommand(app, 'board edit RECT', 'UADMIN');
    expect(blockOf(view, 'evidence_required')?.element).toMatchObject({
      type: 'static_select',
      initial_option: { value: 'optional' },
    });
    const res = await submitView(app, 'UADMIN', view, {
      name: state.text('Rectification list'),
      channel: state.conversation('C0BOARD'),
      timezone: state.select('Asia/Shanghai'),
      language: state.select('en'),
      leaders: state.users([LEADER.userId]),
      cycle_days: state.number('14'),
      anchor_date: state.date('2026-11-16'),
      prompt_time: state.time('09:00'),
      deadline: state.date(null),
      evidence_required: state.select('required'),
    });
    expect(res.json).toEqual({ response_action: 'clear' });
    await app.fake.waitFor(
      async () => (await app.db.board.findFirstOrThrow({ where: { code: 'RECT' } })).evidenceRequired,
    );
  });
});
