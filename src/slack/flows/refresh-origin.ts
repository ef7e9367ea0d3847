import type { WebClient } from '@slack/web-api';
import type { Language } from '../../domain/types.js';
import type { SlackContext } from '../context.js';
import type { MessageOrigin } from './origin.js';

export interface RefreshArgs {
  client: WebClient;
  ctx: SlackContext;
  origin: MessageOrigin | undefined;
  teamId: string;
  key: string;
  lang: Language;
  /** One line saying who did what, e.g. "<@U1> reported 60% · at risk". */
  note: string;
}

// STUB (owned by the cards-and-buttons helper): update the origin message in place.
export async function refreshOrigin(_a: RefreshArgs): Promise<void> {
  return undefined;
}
