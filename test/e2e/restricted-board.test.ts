import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProblem } from '../../src/services/problems.js';
import { blockKitProblems } from '../support/block-kit.js';
import { ADMIN, LEADER, OWNER, seedBoard } from '../support/fixtures.js';
import { allText, callAfter, openByCommand, state, submitView } from '../support/modals.js';
import { TestApp } from '../support/test-app.js';

/**
 * A restricted board is not opened by joining its channel (issue 20): anyone may join a public channel, so
 * only a private channel's members see the board (besides its leaders, owners and admins).
 */
const PUBLIC = 'C0PUBLIC';
const PRIVATE = 'G0PRIVATE';
const MEMBER = 'UMEMBER';
const STRANGER = 'USTRANGER';
let app: TestApp;

beforeAll(async () => {
  app = await TestApp.start();
  // MEMBER is in both channels; STRANGER in neither.
  app.fake.on('conversations.info', (args) => ({
    ok: true,
    channel: { id: args.channel, is_private: args.channel === PRIVATE },
  }));
  app.fake.on('conversations.members', (args) => ({
    ok: true,
    members: [PUBLIC, PRIVATE].includes(String(args.channel)) ? [MEMBER, LEADER.userId] : [],
    response_metadata: { next_cursor: '' },
  }));
  await seedBoard(app.deps, {
    code: 'PUB',
    name: 'Restricted, public channel',
    channelId: PUBLIC,
    visibility: 'restricted',
  });
  await seedBoard(app.deps, {
    code: 'PRIV',
    name: 'Restricted, private channel',
    channelId: PRIVATE,
    visibility: 'restricted',
  });
  await createProblem(app.deps, LEADER, 'PUB', { title: 'Public-channel secret', ownerId: OWNER.userId });
  await createProblem(app.deps, LEADER, 'PRIV', { title: 'Private-channel secret', ownerId: OWNER.userId });
});
afterAll(async () => {
  expect(blockKitProblems(app.fake.calls)).toEqual([]);
  await app.stop();
});

const answer = async (text: string, userId: string) =>
  allText(await callAfter(app, 'response_url', () => app.command(text, userId)));

describe('a restricted board', () => {
  it('in a public channel: a member of the channel who is neither leader nor owner cannot list or show it', async () => {
    expect(await answer('show PUB-1', MEMBER)).toContain('Board *PUB* is restricted');
    expect(await answer('show PUB-1', MEMBER)).not.toContain('Public-channel secret');
    expect(await answer('list board:PUB', MEMBER)).toContain('Board *PUB* is restricted');
    expect(await answer('list all', MEMBER)).not.toContain('Public-channel secret');
  });

  it('in a public channel: its leader and the owner of its problem still see it', async () => {
    expect(await answer('show PUB-1', LEADER.userId)).toContain('Public-channel secret');
    expect(await answer('show PUB-1', OWNER.userId)).toContain('Public-channel secret');
  });

  it('in a private channel: its members see it; others do not', async () => {
    expect(await answer('show PRIV-1', MEMBER)).toContain('Private-channel secret');
    expect(await answer('list all', MEMBER)).toContain('Private-channel secret');
    expect(await answer('show PRIV-1', STRANGER)).toContain('Board *PRIV* is restricted');
    expect(await answer('list all', STRANGER)).not.toContain('secret');
  });

  it('its admin is told, on saving it restricted in a public channel, that the channel does not open it', async () => {
    const save = async (code: string, channel: string) => {
      const view = await openByCommand(app, `board edit ${code}`, ADMIN.userId);
      const confirm = await callAfter(app, 'chat.postEphemeral', () =>
        submitView(app, ADMIN.userId, view, {
          name: state.text(`Board ${code}`),
          channel: state.conversation(channel),
          timezone: state.select('Asia/Shanghai'),
          language: state.select('en'),
          leaders: state.users([LEADER.userId]),
          cycle_days: state.number('14'),
          anchor_date: state.date('2026-11-16'),
          prompt_time: state.time('09:00'),
          deadline: state.date(null),
          visibility: state.select('restricted'),
          separation_of_duties: state.select('on'),
          categories: state.text(''),
        }),
      );
      return String(confirm.args.text);
    };
    expect(await save('PUB', PUBLIC)).toContain(`<#${PUBLIC}> is a public channel: anyone may join it`);
    expect(await save('PRIV', PRIVATE)).not.toContain('public channel');
  });
});
