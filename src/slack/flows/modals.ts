import type { WebClient } from '@slack/web-api';
import type { Actor, Language } from '../../domain/types.js';
import type { SlackContext } from '../context.js';
import type { MessageOrigin } from './origin.js';

export interface OpenModalArgs {
  client: WebClient;
  triggerId: string;
  ctx: SlackContext;
  actor: Actor;
  lang: Language;
  key: string;
  origin?: MessageOrigin;
}

// STUB (owned by the commands-and-modals helper): replace with the real implementations.
export async function openReportModal(_a: OpenModalArgs): Promise<void> {
  throw new Error('openReportModal not implemented yet');
}

export async function openCloseoutModal(_a: OpenModalArgs): Promise<void> {
  throw new Error('openCloseoutModal not implemented yet');
}
