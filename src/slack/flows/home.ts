import type { WebClient } from '@slack/web-api';
import type { SlackContext } from '../context.js';

// STUB (owned by the App Home helper).
export async function publishHome(_client: WebClient, _ctx: SlackContext, _teamId: string, _userId: string): Promise<void> {
  return undefined;
}

/** Republishes the Home tab of everyone affected by a change; failures are logged, never thrown. */
export async function refreshHomes(_client: WebClient, _ctx: SlackContext, _teamId: string, _userIds: string[]): Promise<void> {
  return undefined;
}
