import { describe, expect, it } from 'vitest';
import { OwnerResolver, type UserDirectory, type WorkspaceUser } from '../../src/services/import-owners.js';

const people: WorkspaceUser[] = [
  { id: 'U01', handle: 'zhangsan', realName: '张三', displayName: '张三', email: 'zhangsan@example.gov.cn' },
  { id: 'U02', handle: 'zhang.san2', realName: '张三', displayName: '张三（窗口）', email: 'zs2@example.gov.cn' },
  { id: 'U03', handle: 'lisi', realName: '李 四', email: 'lisi@example.gov.cn' },
  { id: 'U04', handle: 'wang', realName: 'Wang Wu', displayName: 'wangwu' },
];

/** A directory over a fixed list, counting how often it is asked. */
function directory() {
  const asked = { list: 0, email: [] as string[] };
  const dir: UserDirectory = {
    async lookupByEmail(email) {
      asked.email.push(email);
      return people.find((p) => p.email === email) ?? null;
    },
    async listUsers() {
      asked.list++;
      return people;
    },
  };
  return { dir, asked };
}

describe('OwnerResolver', () => {
  it('takes IDs and mentions as they are, and finds people by e-mail, handle or name', async () => {
    const { dir, asked } = directory();
    const owners = new OwnerResolver(dir);
    expect(await owners.resolve('U0ABC')).toEqual({ ok: true, id: 'U0ABC' });
    expect(await owners.resolve('<@u0abc|someone>')).toEqual({ ok: true, id: 'U0ABC' });
    expect(await owners.resolve(' lisi@example.gov.cn ')).toEqual({ ok: true, id: 'U03' });
    expect(await owners.resolve('@wang')).toEqual({ ok: true, id: 'U04' });
    expect(await owners.resolve('李四')).toEqual({ ok: true, id: 'U03' });
    expect(await owners.resolve('wang wu')).toEqual({ ok: true, id: 'U04' });
    expect(await owners.resolve('李四')).toEqual({ ok: true, id: 'U03' });
    // One users.list for the whole import, however many names.
    expect(asked.list).toBe(1);
    expect(asked.email).toEqual(['lisi@example.gov.cn']);
  });

  it('lists the candidates for an ambiguous or unknown name', async () => {
    const owners = new OwnerResolver(directory().dir);
    expect(await owners.resolve('张三')).toEqual({
      ok: false,
      message:
        '"张三" matches 2 people: U01 张三 (zhangsan@example.gov.cn); U02 张三 (zs2@example.gov.cn); write the member ID or e-mail instead',
    });
    expect(await owners.resolve('李斯')).toEqual({
      ok: false,
      message: 'no one in the workspace is called "李斯" (did you mean: U03 李 四 (lisi@example.gov.cn)?)',
    });
    expect(await owners.resolve('nobody@example.gov.cn')).toEqual({
      ok: false,
      message: 'no one in the workspace has the e-mail nobody@example.gov.cn',
    });
  });

  it('without a directory (no bot token) says that names need SLACK_BOT_TOKEN', async () => {
    const result = await new OwnerResolver(null).resolve('张三');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain('set SLACK_BOT_TOKEN');
  });

  it('reads e-mail addresses as before: one @, and a dot inside the domain', async () => {
    const { dir, asked } = directory();
    const owners = new OwnerResolver(dir);
    for (const cell of ['a@b.c', 'a.b@mail.example.gov.cn', 'a@.b.c', 'a@b..c']) await owners.resolve(cell);
    for (const cell of ['a@bc', 'a@b.', 'a@.b', 'a@b@c.d', 'a b@c.d']) await owners.resolve(cell);
    expect(asked.email).toEqual(['a@b.c', 'a.b@mail.example.gov.cn', 'a@.b.c', 'a@b..c']);
  });

  it('refuses a cell too long to name anyone, without asking the directory', async () => {
    const { dir, asked } = directory();
    const cell = `a@${'.'.repeat(2_000_000)}x`;
    const result = await new OwnerResolver(dir).resolve(cell);
    expect(result).toEqual({
      ok: false,
      message: `"a@${'.'.repeat(38)}…" (2000003 characters) is too long to name a member: write the member ID, e-mail or name`,
    });
    expect(asked).toEqual({ list: 0, email: [] });
  });

  it('suggests near names in a large workspace, for the first 100 unknown names of an import only', async () => {
    // 30,000 members whose names all differ from the cell: none is within reach, so none is suggested.
    const many: WorkspaceUser[] = Array.from({ length: 30_000 }, (_, i) => ({ id: `U${i}`, realName: `Person ${i}` }));
    const owners = new OwnerResolver({ lookupByEmail: async () => null, listUsers: async () => many });
    expect(await owners.resolve('Persn 12')).toMatchObject({
      ok: false,
      message: expect.stringContaining('did you mean: U12 Person 12'),
    });
    // After 100 unknown names, the rest are reported without suggestions (the budget is per import).
    for (let i = 0; i < 99; i++) await owners.resolve(`Nobody ${i}`);
    expect(await owners.resolve('Persn 13')).toEqual({
      ok: false,
      message: 'no one in the workspace is called "Persn 13"',
    });
  });
});

describe('OwnerResolver when Slack does not answer', () => {
  /** A directory whose every call fails as `error` would, counting the calls. */
  function failing(error: unknown) {
    const asked = { calls: 0 };
    const dir: UserDirectory = {
      lookupByEmail: () => (asked.calls++, Promise.reject(error)),
      listUsers: () => (asked.calls++, Promise.reject(error)),
    };
    return { dir, asked };
  }

  it('refuses each cell that needs a look-up, asks Slack once, and still takes member IDs', async () => {
    const { dir, asked } = failing(
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'slack_webapi_request_error' }),
    );
    const owners = new OwnerResolver(dir);
    const unreachable =
      'Slack could not be reached; write the member ID (U…) instead, or run the import again when Slack can be reached';
    expect(await owners.resolve('张三')).toEqual({
      ok: false,
      message: `"张三" could not be looked up: ${unreachable}`,
    });
    expect(await owners.resolve('lisi@example.gov.cn')).toEqual({
      ok: false,
      message: `"lisi@example.gov.cn" could not be looked up: ${unreachable}`,
    });
    expect(await owners.resolve('U0ABC')).toEqual({ ok: true, id: 'U0ABC' });
    expect(asked.calls).toBe(1);
    expect(owners.unreachable).toEqual({ kind: 'unreachable', reason: unreachable });
  });

  it('names Slack’s refusal (a missing scope) as such', async () => {
    const { dir } = failing(
      Object.assign(new Error('An API error occurred: missing_scope'), { data: { error: 'missing_scope' } }),
    );
    const owners = new OwnerResolver(dir);
    const cell = await owners.resolve('张三');
    expect(cell).toMatchObject({ ok: false });
    expect(!cell.ok && cell.message).toContain('Slack refused the look-up (missing_scope)');
    expect(owners.unreachable?.kind).toBe('refused');
  });
});
