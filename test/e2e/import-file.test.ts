import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createProblem } from '../../src/services/problems.js';
import { importCsv } from '../../src/services/csv-import.js';
import { blockKitProblems } from '../support/block-kit.js';
import type { SlackCall } from '../support/fake-slack.js';
import { LEADER, OWNER, seedBoard } from '../support/fixtures.js';
import { settle, textOf } from '../support/slack-calls.js';
import { TestApp } from '../support/test-app.js';

let app: TestApp;
let n = 0;

const MEMBERS = [
  { id: 'U0ZHANG', name: 'zhangsan', real_name: '张三', profile: { real_name: '张三', display_name: '张三' } },
  { id: 'U0WANG1', name: 'wangwu', real_name: '王五', profile: { real_name: '王五', email: 'ww1@example.gov.cn' } },
  { id: 'U0WANG2', name: 'wangwu2', real_name: '王五', profile: { real_name: '王五', email: 'ww2@example.gov.cn' } },
  { id: 'U0GONE', name: 'gone', real_name: '赵六', deleted: true, profile: { real_name: '赵六' } },
];

beforeAll(async () => {
  app = await TestApp.start();
  await seedBoard(app.deps);
});
beforeEach(() => {
  app.fake.on('users.list', () => ({ ok: true, members: MEMBERS, response_metadata: { next_cursor: '' } }));
  app.fake.on('users.lookupByEmail', (args) =>
    args.email === 'lisi@example.gov.cn'
      ? { ok: true, user: { id: 'U0LISI', name: 'lisi', profile: { real_name: '李四' } } }
      : { ok: false, error: 'users_not_found' },
  );
});
afterAll(async () => {
  expect(blockKitProblems(app.fake.calls)).toEqual([]);
  await app.stop();
});

/** The department's workbook: Chinese headers, owners by name and e-mail, deadlines as typed in Excel. */
async function workbook(rows: unknown[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('清单');
  sheet.addRow(['编号', '问题', '责任人', '完成时限', '整改措施']);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const GOOD = [
  ['', '窗口排队时间长', '张三', '2023年8月31日', '增开窗口\n[x] 网上预约'],
  ['', '材料重复提交', 'lisi@example.gov.cn', '2023/9/30', ''],
  ['', '办事指南不清', '@wangwu', '', ''],
];

/** A user drops a file into their DM with the bot; returns the bot's first answer there. */
async function drop(userId: string, name: string, bytes: Buffer, text = ''): Promise<SlackCall> {
  const id = `F0${++n}`;
  app.fake.shareFile(id, name, bytes);
  const channel = `D${userId.slice(1)}`;
  const from = app.fake.calls.length;
  const res = await app.event({
    type: 'message',
    subtype: 'file_share',
    channel,
    channel_type: 'im',
    user: userId,
    text,
    ts: `1700000100.${String(n).padStart(6, '0')}`,
    files: [{ id, name }],
  });
  expect(res.status).toBe(200);
  return app.fake.waitFor(
    (calls) => calls.slice(from).find((c) => c.method === 'chat.postMessage' && c.args.channel === channel),
    15_000,
  );
}

type Button = { action_id: string; value: string };
const buttons = (call: SlackCall): Button[] =>
  ((call.args.blocks as { type: string; elements?: Button[] }[]) ?? [])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? []);

/** Clicks a preview's button; returns the last message that replaced the preview. */
async function click(userId: string, preview: SlackCall, actionId: string, expectText: string): Promise<SlackCall> {
  const button = buttons(preview).find((b) => b.action_id === actionId)!;
  const from = app.fake.calls.length;
  await app.click({
    userId,
    actionId,
    value: button.value,
    message: { channel: String(preview.args.channel), ts: '1700000000.000001' },
  });
  return app.fake.waitFor(
    (calls) => calls.slice(from).find((c) => c.method === 'response_url' && textOf(c).includes(expectText)),
    15_000,
  );
}

describe('importing a list dropped into the DM', () => {
  it('previews a workbook with names, e-mails and Chinese dates; Import writes exactly that', async () => {
    const preview = await drop(LEADER.userId, '问题清单.xlsx', await workbook(GOOD));
    expect(textOf(preview)).toContain('*3* to create · *0* to update · *0* unchanged');
    expect(textOf(preview)).toContain('line 2: create a new problem');
    expect(buttons(preview).map((b) => b.action_id)).toEqual(['import.apply', 'import.cancel']);
    // The file was read with the bot token, through files.info; nothing is written before the click.
    expect(app.fake.callsTo('files.info').at(-1)!.args.file).toBe(`F0${n}`);
    expect(app.fake.callsTo('file_download').at(-1)!.args.authorization).toBe('Bearer xoxb-test');
    expect(await app.db.problem.count()).toBe(0);
    // The chat-reply feature leaves the file alone: one answer in the DM, the preview.
    await settle();
    expect(app.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'DLEADER')).toHaveLength(1);

    const done = await click(LEADER.userId, preview, 'import.apply', 'Imported');
    expect(done.args.text).toBe(
      ':white_check_mark: Imported `问题清单.xlsx` into *RECT*: 3 created, 0 updated, 0 unchanged.',
    );
    const rows = await app.db.problem.findMany({
      orderBy: { number: 'asc' },
      include: { measures: { orderBy: { number: 'asc' } } },
    });
    expect(rows.map((p) => [p.key, p.title, p.ownerId, p.deadline, p.measures.length])).toEqual([
      ['RECT-1', '窗口排队时间长', 'U0ZHANG', '2023-08-31', 2],
      ['RECT-2', '材料重复提交', 'U0LISI', '2023-09-30', 0],
      ['RECT-3', '办事指南不清', 'U0WANG1', null, 0],
    ]);
  });

  it('lists every bad row with its line and reason, ambiguous names with their candidates, and offers no Import', async () => {
    const before = await app.db.problem.count();
    const preview = await drop(
      LEADER.userId,
      'bad.xlsx',
      await workbook([
        ['', '王五的问题', '王五', '', ''],
        ['', '<!channel> 没人负责', '赵六', '31/08/2023', ''],
        ['RECT-1', '', '张三', '', ''],
      ]),
    );
    const text = textOf(preview);
    expect(text).toContain('3 rows are not valid, so nothing can be imported');
    expect(text).toContain(
      '*line 2*: owner: \\"王五\\" matches 2 people: U0WANG1 王五 (ww1@example.gov.cn); U0WANG2 王五 (ww2@example.gov.cn)',
    );
    expect(text).toContain('*line 3*: owner: no one in the workspace is called \\"赵六\\"');
    expect(text).toContain('deadline: \\"31/08/2023\\" could be day/month or month/day');
    expect(text).toContain('*line 4*: title: is required');
    expect(buttons(preview)).toEqual([]);
    expect(await app.db.problem.count()).toBe(before);
  });

  it('says kindly that Slack could not be reached for owners, listing each row that needed it', async () => {
    // Slack's directory keeps failing: the look-up gives up within seconds, not after the client's half hour.
    app.fake.on('users.list', () => ({ status: 503, body: { ok: false } }));
    app.fake.on('users.lookupByEmail', () => ({ status: 503, body: { ok: false } }));
    const before = await app.db.problem.count();
    const preview = await drop(LEADER.userId, 'offline.xlsx', await workbook(GOOD));
    const text = textOf(preview);
    expect(text).toContain('3 rows are not valid, so nothing can be imported');
    expect(text).toContain('*line 2*: owner: \\"张三\\" could not be looked up: Slack could not be reached');
    expect(text).toContain('*line 3*: owner: \\"lisi@example.gov.cn\\" could not be looked up');
    expect(text).toContain('*line 4*: owner: \\"@wangwu\\" could not be looked up');
    expect(text).toContain(
      ':warning: I could not reach Slack to look up the owners written as names or e-mails, so those rows are listed below',
    );
    expect(buttons(preview)).toEqual([]);
    expect(await app.db.problem.count()).toBe(before);
  }, 30_000);

  it('writes nothing when the board changed since the preview, and shows the new preview', async () => {
    const preview = await drop(LEADER.userId, 'more.csv', Buffer.from('title,owner\r\nA new one,张三\r\n'), 'RECT');
    expect(textOf(preview)).toContain('*1* to create');
    await createProblem(app.deps, LEADER, 'RECT', { title: 'Meanwhile', ownerId: OWNER.userId });
    const count = await app.db.problem.count();
    const stale = await click(LEADER.userId, preview, 'import.apply', 'changed since the preview');
    expect(buttons(stale).map((b) => b.action_id)).toEqual(['import.apply', 'import.cancel']);
    expect(await app.db.problem.count()).toBe(count);
    const cancelled = await click(LEADER.userId, stale, 'import.cancel', 'cancelled');
    expect(cancelled.args.text).toBe('Import of `more.csv` cancelled; nothing was written.');
    expect(await app.db.problem.count()).toBe(count);
  });

  it('is for leaders and admins only', async () => {
    const refused = await drop(OWNER.userId, 'mine.xlsx', await workbook(GOOD));
    expect(refused.args.text).toBe('Imports are for board leaders and admins, and you do not lead any board.');
    const named = await drop(OWNER.userId, 'mine.xlsx', await workbook(GOOD), 'board:RECT');
    expect(named.args.text).toBe(':no_entry: Only leaders of board RECT can do that.');
  });
});

describe('/closeout import and /closeout export xlsx', () => {
  it('tells a leader where to drop the file', async () => {
    const from = app.fake.callsTo('response_url').length;
    await app.command('import', LEADER.userId);
    const reply = await app.fake.waitForCall('response_url', from + 1);
    expect(String(reply.args.text)).toContain('with `RECT` as its message');
  });

  it('sends the board as an Excel workbook by DM, with owner names, that re-imports unchanged', async () => {
    const from = app.fake.callsTo('response_url').length;
    await app.command('export xlsx', LEADER.userId);
    const reply = await app.fake.waitForCall('response_url', from + 1, 15_000);
    expect(String(reply.args.text)).toMatch(/Sent `RECT-2026-11-25\.xlsx`/);
    const bytes = app.fake.uploads.at(-1)!.body;
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.getCell('G2').value).toBe('张三');
    const again = await importCsv(app.deps, LEADER, 'RECT', bytes);
    expect(again).toMatchObject({ errors: [], created: 0, updated: 0 });
  });
});
