import { callAfter } from './slack-calls.js';
import type { SlackCall } from './fake-slack.js';
import { TEAM } from './fixtures.js';
import { interactionBody, postSigned, type PostResult } from './slack-requests.js';
import type { TestApp } from './test-app.js';

/** A modal as the app sent it in views.open / views.update / a response_action. */
export interface SentView {
  callback_id: string;
  title: { text: string };
  private_metadata: string;
  blocks: {
    type: string;
    block_id?: string;
    label?: { text: string };
    element?: Record<string, unknown>;
    dispatch_action?: boolean;
  }[];
}

export const viewOf = (c: SlackCall): SentView => c.args.view as SentView;

export function blockOf(view: SentView, blockId: string) {
  return view.blocks.find((b) => b.block_id === blockId);
}

/** Element states as Slack reports them in view.state.values. */
export const state = {
  text: (value: string | null) => ({ type: 'plain_text_input', value }),
  number: (value: string | null) => ({ type: 'number_input', value }),
  select: (value: string | null) => ({
    type: 'static_select',
    selected_option: value === null ? null : { value, text: { type: 'plain_text', text: value } },
  }),
  radio: (value: string | null) => ({
    type: 'radio_buttons',
    selected_option: value === null ? null : { value, text: { type: 'plain_text', text: value } },
  }),
  checks: (values: string[]) => ({
    type: 'checkboxes',
    selected_options: values.map((value) => ({ value, text: { type: 'plain_text', text: value } })),
  }),
  multi: (values: string[]) => ({
    type: 'multi_static_select',
    selected_options: values.map((value) => ({ value, text: { type: 'plain_text', text: value } })),
  }),
  user: (id: string | null) => ({ type: 'users_select', selected_user: id }),
  users: (ids: string[]) => ({ type: 'multi_users_select', selected_users: ids }),
  conversation: (id: string | null) => ({ type: 'conversations_select', selected_conversation: id }),
  date: (d: string | null) => ({ type: 'datepicker', selected_date: d }),
  time: (t: string | null) => ({ type: 'timepicker', selected_time: t }),
  /** A file input's uploads, as Slack reports them (id and name; the app reads the rest with files.info). */
  files: (files: { id: string; name: string }[]) => ({ type: 'file_input', files }),
};

/**
 * state.values for answers given per block id, keyed by the action id the view's element really has
 * (so a test fails if the view and the parser disagree). Blocks the view lacks are refused.
 */
export function answers(view: SentView, given: Record<string, Record<string, unknown>>) {
  const out: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const [blockId, value] of Object.entries(given)) {
    const block = blockOf(view, blockId);
    if (!block?.element) throw new Error(`the view has no input block ${blockId}`);
    out[blockId] = { [String(block.element.action_id)]: value };
  }
  return out;
}

/** Submits a modal the app opened, with its private_metadata. */
export function submitView(
  app: TestApp,
  userId: string,
  view: SentView,
  given: Record<string, Record<string, unknown>>,
  viewId?: string,
): Promise<PostResult> {
  return app.submit({
    userId,
    callbackId: view.callback_id,
    privateMetadata: view.private_metadata,
    values: answers(view, given),
    ...(viewId !== undefined && { viewId }),
  });
}

/** A dispatched select inside a modal (block_actions with a view container). */
export function selectInModal(
  app: TestApp,
  a: { userId: string; view: SentView; blockId: string; value: string; viewId?: string },
): Promise<PostResult> {
  const block = blockOf(a.view, a.blockId);
  const payload = {
    type: 'block_actions',
    team: { id: TEAM, domain: 'test' },
    user: { id: a.userId, username: a.userId.toLowerCase(), name: a.userId.toLowerCase(), team_id: TEAM },
    api_app_id: 'A0CLOSEOUT',
    token: 'legacy',
    trigger_id: `trigger-${Date.now()}`,
    container: { type: 'view', view_id: a.viewId ?? 'VMODAL' },
    view: {
      id: a.viewId ?? 'VMODAL',
      hash: 'hash-1',
      type: 'modal',
      callback_id: a.view.callback_id,
      private_metadata: a.view.private_metadata,
      state: { values: {} },
      team_id: TEAM,
    },
    actions: [
      {
        type: 'static_select',
        action_id: String(block?.element?.action_id),
        block_id: a.blockId,
        selected_option: { value: a.value, text: { type: 'plain_text', text: a.value } },
        action_ts: '1',
      },
    ],
  };
  return postSigned(app.eventsUrl, interactionBody(payload), 'application/x-www-form-urlencoded');
}

export { callAfter, settle, textOf as allText } from './slack-calls.js';

/** Calls made after index `from`. */
export const callsSince = (app: TestApp, from: number, method?: string) =>
  app.fake.calls.slice(from).filter((c) => !method || c.method === method);

/** Opens a modal by command and returns it. */
export async function openByCommand(app: TestApp, text: string, userId: string): Promise<SentView> {
  const call = await callAfter(app, 'views.open', () => app.command(text, userId));
  return viewOf(call);
}
