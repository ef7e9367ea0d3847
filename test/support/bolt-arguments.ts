import type { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, vi, type Mock } from 'vitest';
import type { ServiceDeps } from '../../src/services/deps.js';
import type { SlackContext } from '../../src/slack/context.js';
import type { ActionArgs } from '../../src/slack/listeners/actions/support/on-click.js';
import type { SubmitArgs } from '../../src/slack/listeners/views/support/on-submit.js';
import { LocaleResolver } from '../../src/slack/locale.js';
import { createLogger } from '../../src/logging/logger.js';
import { createTestDb, type TestDb } from './db.js';
import { makeDeps, TEAM } from './fixtures.js';
import { blockActionsPayload, newViewId, type ButtonClick, type ViewSubmission } from './test-app.js';

/**
 * Direct handler tests, in the style of Slack's bolt-ts-starter-template: a handler is called with fake
 * Bolt arguments (`buildArguments`) and the test asserts on what was stored and on the Web API calls the
 * fake client recorded — no HTTP, no signing, no fake Slack server.
 */

type Calls = Record<string, Mock>;

/** A Web API client whose methods record their calls and answer like Slack would, just enough. */
export interface FakeClient {
  chat: Calls;
  views: Calls;
  users: Calls;
  conversations: Calls;
  files: Calls;
  /** Read by the file download (which host may get the token). */
  slackApiUrl: string;
  token: string;
  /** Every call in order, as `method` (e.g. `chat.postMessage`) and its arguments. */
  calls: { method: string; args: Record<string, unknown> }[];
}

export function fakeClient(): FakeClient {
  const calls: FakeClient['calls'] = [];
  let ts = 0;
  const method = (name: string, answer: (args: Record<string, unknown>) => object = () => ({})) =>
    vi.fn(async (args: Record<string, unknown> = {}) => {
      calls.push({ method: name, args });
      return { ok: true, ...answer(args) };
    });
  return {
    calls,
    chat: {
      postMessage: method('chat.postMessage', (args) => ({ channel: args.channel, ts: `1700000000.${++ts}` })),
      postEphemeral: method('chat.postEphemeral', () => ({ message_ts: `1700000000.${++ts}` })),
      update: method('chat.update', (args) => ({ channel: args.channel, ts: args.ts })),
    },
    views: {
      open: method('views.open', () => ({ view: { id: 'VNEW' } })),
      update: method('views.update'),
      publish: method('views.publish'),
    },
    users: {
      info: method('users.info', (args) => ({ user: { id: args.user, locale: 'en-US' } })),
      list: method('users.list', () => ({ members: [], response_metadata: { next_cursor: '' } })),
      lookupByEmail: method('users.lookupByEmail', () => ({ ok: false, user: undefined })),
    },
    files: { info: method('files.info', (args) => ({ file: { id: args.file, name: `${String(args.file)}.csv` } })) },
    slackApiUrl: 'https://slack.com/api/',
    token: 'xoxb-test',
    conversations: { open: method('conversations.open', (args) => ({ channel: { id: `D${String(args.users)}` } })) },
  };
}

export interface BoltArguments<Body> {
  ack: Mock;
  body: Body;
  client: WebClient;
  respond: Mock;
  logger: ReturnType<typeof createLogger>;
  next: Mock;
  context: Record<string, unknown>;
}

/** Fake `{ ack, body, client, respond, logger }` for a listener, sharing `client` if one is given. */
export function buildArguments<Body>(
  body: Body,
  client: FakeClient = fakeClient(),
): BoltArguments<Body> & {
  fake: FakeClient;
} {
  return {
    ack: vi.fn(async () => undefined),
    body,
    client: client as unknown as WebClient,
    respond: vi.fn(async () => undefined),
    logger: createLogger('silent'),
    next: vi.fn(async () => undefined),
    context: { teamId: TEAM, botUserId: 'UBOT' },
    fake: client,
  };
}

/** The mocks a test asserts on, beside Bolt's own argument types. */
interface Recorded {
  ack: Mock;
  respond: Mock;
  fake: FakeClient;
}

/** A button click's arguments (the block_actions payload Slack sends), typed as Bolt's. */
export function clickArguments(click: ButtonClick, client?: FakeClient): ActionArgs & Recorded {
  const responseUrl = click.message ? 'https://hooks.slack.com/actions/T0TEST/1/abc' : undefined;
  const body = blockActionsPayload(click, responseUrl) as { actions: unknown[] };
  const action = body.actions[0];
  // A literal never satisfies Bolt's payload unions; the handlers parse what they read with zod anyway.
  return { ...buildArguments(body, client), payload: action, action } as unknown as ActionArgs & Recorded;
}

/** A modal submission's arguments: `body` and `view` as Bolt passes them. */
export function submissionArguments(submission: ViewSubmission, client?: FakeClient): SubmitArgs & Recorded {
  const view = {
    id: submission.viewId ?? newViewId(),
    type: 'modal',
    team_id: TEAM,
    callback_id: submission.callbackId,
    private_metadata: submission.privateMetadata ?? '',
    state: { values: submission.values },
    hash: 'h',
    title: { type: 'plain_text', text: 't' },
    blocks: [],
  };
  const body = {
    type: 'view_submission',
    team: { id: TEAM, domain: 'test' },
    user: { id: submission.userId, name: submission.userId.toLowerCase(), team_id: TEAM },
    api_app_id: 'A0CLOSEOUT',
    token: 'legacy',
    trigger_id: 'trigger-1',
    view,
  };
  return { ...buildArguments(body, client), view, payload: view } as unknown as SubmitArgs & Recorded;
}

/**
 * A per-test database and a SlackContext on it, as startSlackApp builds one. Follow-up DMs are recorded by
 * the services with their change; `followUps` is the kick that would send them (nothing is sent here).
 */
export function useSlackContext(at?: string) {
  const state = {} as { t: TestDb; deps: ServiceDeps; ctx: SlackContext; followUps: Mock };
  beforeEach(() => {
    state.t = createTestDb();
    const { deps } = makeDeps(state.t.db, at);
    const logger = createLogger('silent');
    state.deps = deps;
    state.followUps = vi.fn(() => undefined);
    state.ctx = {
      deps,
      logger,
      env: { CLOSEOUT_LANGUAGE: 'en', CLOSEOUT_TIMEZONE: 'Asia/Shanghai', SLACK_API_URL: undefined },
      locale: new LocaleResolver('en', logger),
      followUps: { kick: state.followUps, idle: async () => undefined },
    };
  });
  afterEach(() => state.t.close());
  return state;
}
