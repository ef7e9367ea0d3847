import { z } from 'zod';
import { notFound } from '../../domain/errors.js';
import type { MessageOrigin } from '../refresh/message-origin.js';
import { CARD_BLOCK_PREFIX } from '../blocks/problem-card.js';
import { PROBLEM_KEY_PATTERN } from '../../domain/keys.js';

/** The parts of a block_actions payload the button handlers use; anything else Slack sends is ignored. */
const blockActionPayload = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: z.string().min(1), team_id: z.string().optional() }),
  team: z
    .object({ id: z.string().min(1) })
    .nullable()
    .optional(),
  trigger_id: z.string().min(1),
  response_url: z.string().url().optional(),
  container: z
    .object({
      type: z.string(),
      channel_id: z.string().optional(),
      message_ts: z.string().optional(),
      is_ephemeral: z.boolean().optional(),
    })
    .optional(),
  channel: z.object({ id: z.string() }).optional(),
  actions: z
    .array(
      z.object({
        action_id: z.string(),
        block_id: z.string().optional(),
        value: z.string().optional(),
        /** Overflow menus and selects carry their choice here instead of a value. */
        selected_option: z.object({ value: z.string() }).nullish(),
      }),
    )
    .min(1),
});

export interface ButtonClick {
  teamId: string;
  userId: string;
  triggerId: string;
  responseUrl?: string;
  actionId: string;
  blockId: string;
  value: string;
  /** Where the button was: a message (channel, and ts unless it was ephemeral) or a view (App Home, modal). */
  container: { kind: 'message'; channel: string; ts?: string } | { kind: 'view' };
}

/** Parses a button click, or returns null for a payload that is not one (logged by the caller). */
export function parseButtonClick(body: unknown): ButtonClick | null {
  const parsed = blockActionPayload.safeParse(body);
  if (!parsed.success) return null;
  const p = parsed.data;
  const action = p.actions[0]!;
  const teamId = p.team?.id ?? p.user.team_id;
  if (!teamId) return null;
  const channel = p.container?.channel_id ?? p.channel?.id;
  const onMessage = p.container?.type === 'message' && channel !== undefined;
  return {
    teamId,
    userId: p.user.id,
    triggerId: p.trigger_id,
    ...(p.response_url && { responseUrl: p.response_url }),
    actionId: action.action_id,
    blockId: action.block_id ?? '',
    value: action.value ?? action.selected_option?.value ?? '',
    container: onMessage
      ? {
          kind: 'message',
          channel: channel!,
          ...(!p.container?.is_ephemeral && p.container?.message_ts && { ts: p.container.message_ts }),
        }
      : { kind: 'view' },
  };
}

/**
 * The message a click came from, to update it in place later: a card (our card's block ids), the App
 * Home, or else `fallback` — a cycle prompt for the owner's buttons, a closeout request for a leader's.
 */
export function originOf(click: ButtonClick, fallback: 'prompt' | 'request'): MessageOrigin {
  if (click.container.kind === 'view') return { kind: 'home' };
  const kind = click.blockId.startsWith(CARD_BLOCK_PREFIX) ? 'card' : fallback;
  return {
    kind,
    channel: click.container.channel,
    ...(click.container.ts && { ts: click.container.ts }),
    ...(click.responseUrl && { responseUrl: click.responseUrl }),
  };
}

const problemKey = z.string().trim().toUpperCase().regex(PROBLEM_KEY_PATTERN);
const requestId = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);

/** A button value that names a problem (RECT-12), or null. */
export function keyValue(value: string): string | null {
  const r = problemKey.safeParse(value);
  return r.success ? r.data : null;
}

/** A button value that names a closeout request (its id), or null. */
function requestIdValue(value: string): number | null {
  const r = requestId.safeParse(value);
  return r.success ? r.data : null;
}

/** The problem key a button carries; a value that is not one is refused as "no such problem". */
export function requireKeyValue(value: string): string {
  const key = keyValue(value);
  if (!key) throw notFound('error.problem_not_found', { key: value });
  return key;
}

/** The closeout request id a button carries; refused as "no such request" otherwise. */
export function requireRequestIdValue(value: string): number {
  const id = requestIdValue(value);
  if (id === null) throw notFound('error.closeout_not_found', { id: value });
  return id;
}

const CHECK_VALUE = /^(\d{1,9}):(\d{1,4})$/;

/** The effectiveness check and round an answer button carries (`checkId:round`); refused as unknown otherwise. */
export function requireCheckValue(value: string): { checkId: number; round: number } {
  const match = CHECK_VALUE.exec(value);
  const checkId = Number(match?.[1]);
  if (!match || !(checkId > 0)) throw notFound('effectiveness.not_found');
  return { checkId, round: Number(match[2]) };
}
