import { parseEnv } from '../../src/config/env.js';
import { fixedClock } from '../../src/domain/clock.js';
import { createLogger } from '../../src/logging/logger.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import type { AdmissionLimits } from '../../src/runtime/admission.js';
import { startSlackApp, type RunningSlackApp } from '../../src/runtime/one-thread.js';
import { createTestDb, type TestDb } from './db.js';
import { FakeSlack } from './fake-slack.js';
import { ADMIN, TEAM } from './fixtures.js';
import {
  SIGNING_SECRET,
  commandBody,
  eventBody,
  interactionBody,
  postSigned,
  type PostResult,
  type SignOptions,
} from './slack-requests.js';

export interface ButtonClick {
  userId: string;
  actionId: string;
  value?: string;
  blockId?: string;
  /** The message the button sits in; omit for buttons on the App Home. */
  message?: {
    channel: string;
    ts: string;
    blocks?: unknown[];
    /** An ephemeral message (e.g. a `/closeout show` card). */ ephemeral?: boolean;
  };
  /** Selected value for static selects. */
  selected?: string;
}

export interface ViewSubmission {
  userId: string;
  callbackId: string;
  privateMetadata?: string;
  /** state.values: block_id → action_id → element state. */
  values: Record<string, Record<string, Record<string, unknown>>>;
  viewId?: string;
}

/**
 * The real Bolt app in HTTP mode on a free loopback port, backed by a per-test SQLite file and a fake Slack
 * Web API; requests are signed like Slack's. Tests drive it and assert on `fake.calls` and the database.
 */
export class TestApp {
  readonly acks: number[] = [];
  private constructor(
    readonly fake: FakeSlack,
    readonly testDb: TestDb,
    readonly deps: ServiceDeps,
    readonly clock: ReturnType<typeof fixedClock>,
    readonly running: RunningSlackApp,
  ) {}

  /** `before`: writes to the database before the app starts (what an earlier life of the bot left there). */
  static async start(
    opts: {
      at?: string;
      admins?: string[];
      limits?: AdmissionLimits;
      before?: (deps: ServiceDeps) => Promise<void>;
    } = {},
  ): Promise<TestApp> {
    const fake = await new FakeSlack().start();
    fake.teamId = TEAM;
    const testDb = createTestDb();
    const clock = fixedClock(opts.at ?? '2026-11-25T02:00:00Z');
    const admins = opts.admins ?? [ADMIN.userId];
    const deps: ServiceDeps = { db: testDb.db, clock, admins: new Set(admins) };
    await opts.before?.(deps);
    const env = parseEnv({
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      CLOSEOUT_ADMINS: admins.join(','),
      LOG_LEVEL: 'silent',
    });
    const running = await startSlackApp({
      env: { ...env, SLACK_BOT_TOKEN: 'xoxb-test' },
      deps,
      logger: createLogger('silent'),
      port: 0,
      limits: opts.limits,
    });
    return new TestApp(fake, testDb, deps, clock, running);
  }

  get db() {
    return this.testDb.db;
  }

  get eventsUrl(): string {
    return `http://127.0.0.1:${this.running.port}/slack/events`;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.running.port}`;
  }

  /**
   * Waits (bounded) until the work started after earlier acks has finished: a test that reads "the next
   * response_url post" must not take a late answer of an earlier click for it on a loaded machine.
   */
  async settled(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.running.inFlight.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  }

  async stop(): Promise<void> {
    await this.running.stop();
    await this.fake.stop();
    await this.testDb.close();
  }

  private async post(body: string, contentType: string, sign?: SignOptions): Promise<PostResult> {
    const result = await postSigned(this.eventsUrl, body, contentType, sign);
    this.acks.push(result.ms);
    return result;
  }

  /** `/closeout <text>` from a user; `respond()` answers land in fake calls as `response_url`. */
  command(text: string, userId: string, opts: { channelId?: string; sign?: SignOptions } = {}): Promise<PostResult> {
    const body = commandBody({
      text,
      userId,
      teamId: TEAM,
      channelId: opts.channelId,
      responseUrl: this.fake.responseUrl(`cmd-${userId}`),
    });
    return this.post(body, 'application/x-www-form-urlencoded', opts.sign);
  }

  click(c: ButtonClick): Promise<PostResult> {
    const payload = blockActionsPayload(c, c.message && this.fake.responseUrl(`action-${c.userId}`));
    return this.post(interactionBody(payload), 'application/x-www-form-urlencoded');
  }

  submit(v: ViewSubmission): Promise<PostResult> {
    return this.post(interactionBody(viewSubmissionPayload(v)), 'application/x-www-form-urlencoded');
  }

  event(event: Record<string, unknown>): Promise<PostResult> {
    return this.post(eventBody(TEAM, event), 'application/json');
  }
}

let views = 0;
/** A view id of its own: Slack gives each modal one, and the app treats two submissions of one id as one. */
export const newViewId = (): string => `VMODAL${++views}`;

/** Slack's view_submission payload for a modal submitted with these values (a new modal unless `viewId`). */
export function viewSubmissionPayload(v: ViewSubmission): Record<string, unknown> {
  return {
    type: 'view_submission',
    team: { id: TEAM, domain: 'test' },
    user: { id: v.userId, username: v.userId.toLowerCase(), name: v.userId.toLowerCase(), team_id: TEAM },
    api_app_id: 'A0CLOSEOUT',
    token: 'legacy',
    trigger_id: `trigger-${Date.now()}`,
    view: {
      id: v.viewId ?? newViewId(),
      type: 'modal',
      callback_id: v.callbackId,
      private_metadata: v.privateMetadata ?? '',
      state: { values: v.values },
      hash: 'h',
      title: { type: 'plain_text', text: 't' },
      blocks: [],
    },
    response_urls: [],
  };
}

/** Slack's block_actions payload for a button click (or a static select), as TestApp and app processes get it. */
export function blockActionsPayload(c: ButtonClick, responseUrl?: string): Record<string, unknown> {
  const action = c.selected
    ? {
        type: 'static_select',
        action_id: c.actionId,
        block_id: c.blockId ?? 'b',
        selected_option: { value: c.selected, text: { type: 'plain_text', text: c.selected } },
        action_ts: '1',
      }
    : {
        type: 'button',
        action_id: c.actionId,
        block_id: c.blockId ?? 'b',
        value: c.value,
        text: { type: 'plain_text', text: 'btn' },
        action_ts: '1',
      };
  const payload = {
    type: 'block_actions',
    team: { id: TEAM, domain: 'test' },
    user: { id: c.userId, username: c.userId.toLowerCase(), name: c.userId.toLowerCase(), team_id: TEAM },
    api_app_id: 'A0CLOSEOUT',
    token: 'legacy',
    trigger_id: `trigger-${Date.now()}`,
    // Slack gives a response_url for buttons in messages only (not on the App Home).
    ...(responseUrl && { response_url: responseUrl }),
    actions: [action],
    ...(c.message
      ? {
          container: {
            type: 'message',
            message_ts: c.message.ts,
            channel_id: c.message.channel,
            is_ephemeral: c.message.ephemeral ?? false,
          },
          channel: { id: c.message.channel, name: 'x' },
          message: { type: 'message', ts: c.message.ts, text: '', blocks: c.message.blocks ?? [] },
        }
      : {
          container: { type: 'view', view_id: 'VHOME' },
          view: { id: 'VHOME', type: 'home', callback_id: '', private_metadata: '', state: { values: {} } },
        }),
  };
  return payload;
}
