import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/client.js';
import { createTestDb, type TestDb } from '../support/db.js';
import { cli } from '../support/cli.js';

let t: TestDb;
beforeEach(() => {
  t = createTestDb();
});
afterEach(() => t.close());

const create = ['board', 'create', '--code', 'RECT', '--name', 'Findings', '--channel', 'C0BOARD'];

describe('closeout CLI: usage', () => {
  it('prints help and the version with exit code 0', async () => {
    const help = await cli(['--help'], { url: t.url });
    expect(help.code).toBe(0);
    for (const command of ['migrate', 'board', 'import', 'export', 'demo', 'run-job'])
      expect(help.stdout).toContain(command);
    const version = await cli(['--version'], { url: t.url });
    expect(version).toMatchObject({ code: 0, stdout: '0.1.0\n' });
  });

  it('rejects an unknown command, a missing option and a bad number with exit code 1', async () => {
    const unknown = await cli(['frobnicate'], { url: t.url });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    const missing = await cli(['board', 'create', '--code', 'RECT', '--name', 'x'], { url: t.url });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("required option '--channel <id>' not specified");
    const badNumber = await cli([...create, '--cycle-days', 'two'], { url: t.url });
    expect(badNumber.code).toBe(1);
    expect(badNumber.stderr).toContain('must be a whole number');
    expect(await t.db.board.count()).toBe(0);
  });

  it('refuses run-job without a bot token unless it is a dry run (run-job itself is tested in test/jobs)', async () => {
    const run = await cli(['run-job', 'cycle-prompts', '--at', '2026-11-25T09:00:00Z'], { url: t.url });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('SLACK_BOT_TOKEN');
  });
});

describe('closeout migrate', () => {
  it('creates and migrates a new database file, then reports it up to date', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-cli-'));
    const url = `file:${path.join(dir, 'nested', 'closeout.db')}`;
    try {
      const first = await cli(['migrate'], { url });
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/^Applied \d+ migration\(s\)/);
      const again = await cli(['migrate'], { url });
      expect(again).toMatchObject({ code: 0, stderr: '' });
      expect(again.stdout).toContain('is up to date');
      const db = createDb(url);
      expect(await db.board.count()).toBe(0);
      await db.$disconnect();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('closeout board', () => {
  it('creates a board with every option', async () => {
    const run = await cli(
      [
        ...create,
        '--timezone',
        'America/New_York',
        '--language',
        'zh-CN',
        '--leaders',
        'U0LEAD1, U0LEAD2',
        '--cycle-days',
        '7',
        '--anchor',
        '2026-11-02',
        '--prompt-time',
        '08:30',
        '--deadline',
        '2027-06-30',
      ],
      { url: t.url },
    );
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('Created board RECT');
    const board = await t.db.board.findFirstOrThrow({ include: { leaders: true } });
    expect(board).toMatchObject({
      teamId: 'T_LOCAL',
      code: 'RECT',
      name: 'Findings',
      channelId: 'C0BOARD',
      timezone: 'America/New_York',
      language: 'zh-CN',
      cycleDays: 7,
      anchorDate: '2026-11-02',
      promptTime: '08:30',
      deadline: '2027-06-30',
      createdBy: 'operator',
    });
    expect(board.leaders.map((l) => l.userId).sort()).toEqual(['U0LEAD1', 'U0LEAD2']);
    expect(await t.db.auditEvent.count({ where: { action: 'board.create' } })).toBe(1);
  });

  it('defaults the zone and language to CLOSEOUT_TIMEZONE/CLOSEOUT_LANGUAGE and the anchor to today there', async () => {
    // 2026-11-25T02:00Z is still the 24th in Los Angeles.
    const run = await cli(create, {
      url: t.url,
      env: { CLOSEOUT_TIMEZONE: 'America/Los_Angeles', CLOSEOUT_LANGUAGE: 'zh-CN' },
      at: '2026-11-25T02:00:00Z',
    });
    expect(run.code).toBe(0);
    expect(await t.db.board.findFirstOrThrow()).toMatchObject({
      timezone: 'America/Los_Angeles',
      language: 'zh-CN',
      anchorDate: '2026-11-24',
      cycleDays: 14,
      promptTime: '09:00',
    });
  });

  it('names the bad flag, and refuses a duplicate code, with exit code 1 and nothing written', async () => {
    const badDate = await cli([...create, '--deadline', '2027-02-30'], { url: t.url });
    expect(badDate).toMatchObject({ code: 1, stdout: '' });
    expect(badDate.stderr).toBe('Error: --deadline: must be a real date as YYYY-MM-DD\n');
    const badLanguage = await cli([...create, '--language', 'fr'], { url: t.url });
    expect(badLanguage.stderr).toContain('--language: must be en or zh-CN');
    expect(await t.db.board.count()).toBe(0);

    expect((await cli(create, { url: t.url })).code).toBe(0);
    const duplicate = await cli(create, { url: t.url });
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toBe('Error: A board with code RECT already exists.\n');
    expect(await t.db.board.count()).toBe(1);
  });

  it('lists boards with their settings and problem counts', async () => {
    const empty = await cli(['board', 'list'], { url: t.url });
    expect(empty.code).toBe(0);
    expect(empty.stdout).toContain('No boards in team T_LOCAL yet');

    await cli([...create, '--leaders', 'U0LEAD1', '--timezone', 'Asia/Shanghai'], { url: t.url });
    await cli(['board', 'create', '--code', 'OPS', '--name', '运维清单', '--channel', 'C0OPS'], { url: t.url });
    const list = await cli(['board', 'list'], { url: t.url });
    expect(list.code).toBe(0);
    const lines = list.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^CODE\s+NAME\s+CHANNEL\s+TIMEZONE/);
    expect(lines[1]).toMatch(/^OPS\s+运维清单\s+C0OPS\s+UTC\s+en\s+14d @ 09:00/);
    expect(lines[2]).toMatch(
      /^RECT\s+Findings\s+C0BOARD\s+Asia\/Shanghai\s+en\s+14d @ 09:00\s+2026-11-25\s+-\s+U0LEAD1\s+0$/,
    );
  });
});

describe('closeout --team', () => {
  it('uses --team, else SLACK_TEAM_ID, else the only team with boards, else T_LOCAL', async () => {
    await cli(['--team', 'T0AAA', ...create], { url: t.url });
    expect((await t.db.board.findFirstOrThrow()).teamId).toBe('T0AAA');

    // The only team in the database is picked up without being named.
    const list = await cli(['board', 'list'], { url: t.url });
    expect(list.stdout).toContain('RECT');

    await cli(['board', 'create', '--code', 'OPS', '--name', 'Ops', '--channel', 'C0OPS'], {
      url: t.url,
      env: { SLACK_TEAM_ID: 'T0BBB' },
    });
    expect((await t.db.board.findFirstOrThrow({ where: { code: 'OPS' } })).teamId).toBe('T0BBB');

    // Two teams now: the CLI must be told which.
    const ambiguous = await cli(['board', 'list'], { url: t.url });
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toContain('several Slack workspaces (T0AAA, T0BBB)');
    const chosen = await cli(['board', 'list', '--team', 'T0BBB'], { url: t.url });
    expect(chosen.stdout).toContain('OPS');
    expect(chosen.stdout).not.toContain('RECT');
  });

  it('refuses a malformed team ID', async () => {
    const run = await cli(['--team', 'not a team', 'board', 'list'], { url: t.url });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('is not a Slack team ID');
  });
});

describe('closeout errors', () => {
  it('reports a bad environment variable with exit code 1 and no stack trace', async () => {
    const run = await cli(['board', 'list'], { url: t.url, env: { CLOSEOUT_LANGUAGE: 'fr', PORT: 'abc' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('CLOSEOUT_LANGUAGE: must be en or zh-CN');
    expect(run.stderr).toContain('PORT');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports an unknown board with exit code 1', async () => {
    const run = await cli(['export', '--board', 'NOPE'], { url: t.url });
    expect(run).toMatchObject({ code: 1, stdout: '', stderr: 'Error: There is no board with code NOPE.\n' });
  });

  it('gives exit code 2 for an unexpected failure, with the stack only when LOG_LEVEL=debug', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-cli-'));
    const file = path.join(dir, 'corrupt.db');
    fs.writeFileSync(file, 'this is not a database '.repeat(100));
    try {
      const plain = await cli(['board', 'list'], { url: `file:${file}` });
      expect(plain.code).toBe(2);
      expect(plain.stderr).toContain('Error: file is not a database');
      expect(plain.stderr).toContain('unexpected error');
      expect(plain.stderr).not.toMatch(/\n\s+at /);
      const debug = await cli(['board', 'list'], { url: `file:${file}`, env: { LOG_LEVEL: 'debug' } });
      expect(debug.code).toBe(2);
      expect(debug.stderr).toMatch(/\n\s+at /);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
