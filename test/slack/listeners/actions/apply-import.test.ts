import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { t } from '../../../../src/i18n/index.js';
import { ACTION } from '../../../../src/slack/ids.js';
import { applyImport } from '../../../../src/slack/listeners/actions/apply-import.js';
import { onClick } from '../../../../src/slack/listeners/actions/support/on-click.js';
import { importSharedFile } from '../../../../src/slack/listeners/events/import-shared-file.js';
import { buildArguments, clickArguments, fakeClient, useSlackContext } from '../../../support/bolt-arguments.js';
import { LEADER, OWNER, seedBoard, TEAM } from '../../../support/fixtures.js';

const state = useSlackContext();
const CSV = `title,owner\r\nQueue times,${OWNER.userId}\r\nForms asked twice,${OWNER.userId}\r\n`;
const dm = { channel: 'DLEADER', ts: '1700000100.000001' };

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(CSV)),
  );
});
afterEach(() => vi.unstubAllGlobals());

/** The leader drops a list into their DM with the bot; returns the Import button's value from the preview. */
async function preview(client = fakeClient()): Promise<string> {
  client.files.info!.mockImplementation(async () => ({
    ok: true,
    file: {
      id: 'F01',
      name: 'list.csv',
      size: CSV.length,
      url_private_download: 'https://files.slack.com/F01/list.csv',
    },
  }));
  client.users.list!.mockImplementation(async () => ({
    ok: true,
    members: [{ id: OWNER.userId, name: 'owner', real_name: 'Owner', profile: { real_name: 'Owner' } }],
    response_metadata: { next_cursor: '' },
  }));
  const event = {
    type: 'message',
    subtype: 'file_share',
    channel: dm.channel,
    channel_type: 'im',
    user: LEADER.userId,
    text: '',
    ts: dm.ts,
    files: [{ id: 'F01', name: 'list.csv' }],
  };
  const args = buildArguments({ team_id: TEAM, event }, client);
  await importSharedFile({ ...args, event, ctx: state.ctx } as never);
  const posted = client.calls.find((c) => c.method === 'chat.postMessage' && c.args.channel === dm.channel);
  const blocks = (posted?.args.blocks ?? []) as { type: string; elements?: { action_id: string; value: string }[] }[];
  const button = blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === ACTION.applyImport);
  if (!button) throw new Error(`no Import button in ${JSON.stringify(posted?.args)}`);
  return button.value;
}

const problems = () =>
  state.deps.db.problem.findMany({ orderBy: { key: 'asc' }, select: { key: true, title: true, ownerId: true } });

describe('applyImport', () => {
  it('writes the previewed plan and replaces the preview with what was done', async () => {
    await seedBoard(state.deps);
    const client = fakeClient();
    const value = await preview(client);
    expect(await problems()).toEqual([]); // the preview writes nothing

    const args = clickArguments({ userId: LEADER.userId, actionId: ACTION.applyImport, value, message: dm }, client);
    await onClick(state.ctx, applyImport)(args);

    expect(await problems()).toEqual([
      { key: 'RECT-1', title: 'Queue times', ownerId: OWNER.userId },
      { key: 'RECT-2', title: 'Forms asked twice', ownerId: OWNER.userId },
    ]);
    const answers = args.respond.mock.calls.map((call) => call[0] as { replace_original: boolean; text: string });
    expect(answers.every((a) => a.replace_original)).toBe(true);
    const done = { file: 'list.csv', code: 'RECT', created: 2, updated: 0, unchanged: 0 };
    expect(answers.at(-1)!.text).toBe(t('en', 'import.done', done));
  });

  it('an unreadable button value is answered as expired and nothing is written', async () => {
    await seedBoard(state.deps);
    const args = clickArguments({ userId: LEADER.userId, actionId: ACTION.applyImport, value: '{"x":1}', message: dm });
    await onClick(state.ctx, applyImport)(args);

    expect(args.respond).toHaveBeenCalledOnce();
    expect(args.respond.mock.calls[0]![0]).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(await problems()).toEqual([]);
  });
});
