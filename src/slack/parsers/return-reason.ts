import { z } from 'zod';
import { decisionReason } from '../../domain/inputs.js';
import { LANGUAGES } from '../../domain/types.js';
import type { MessageOrigin } from '../refresh/message-origin.js';
import { REASON_INPUT } from '../blocks/closeout-decision.js';
import { LIMITS } from '../blocks/limits.js';

const origin = z.object({
  kind: z.enum(['card', 'prompt', 'request', 'home']),
  channel: z.string().optional(),
  ts: z.string().optional(),
  responseUrl: z.string().url().optional(),
});

/** What the Return modal carries: the request, the leader's language (no lookup before the ack) and the origin. */
const returnMetadata = z.object({
  requestId: z.number().int().positive(),
  lang: z.enum(LANGUAGES),
  origin,
});
export type ReturnMetadata = z.infer<typeof returnMetadata> & { origin: MessageOrigin };

export function encodeReturnMetadata(metadata: ReturnMetadata): string {
  const value = JSON.stringify(returnMetadata.parse(metadata));
  if (value.length <= LIMITS.privateMetadata) return value;
  // A response_url is the only optional bulk; without it the message is simply not updated.
  const { responseUrl: _dropped, ...rest } = metadata.origin;
  return JSON.stringify(returnMetadata.parse({ ...metadata, origin: rest }));
}

export function decodeReturnMetadata(raw: string): ReturnMetadata | null {
  try {
    const parsed = returnMetadata.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const reasonValues = z.object({
  [REASON_INPUT.block]: z.object({ [REASON_INPUT.action]: z.object({ value: z.string().nullable().optional() }) }),
});

/** The typed reason (possibly empty) from the modal's state values. */
export function typedReason(values: unknown): string {
  const parsed = reasonValues.safeParse(values);
  return parsed.success ? (parsed.data[REASON_INPUT.block][REASON_INPUT.action].value ?? '') : '';
}

/** The reason when it is acceptable (non-blank, ≤ 3000 characters), else null. */
export function validReason(typed: string): string | null {
  const parsed = decisionReason.safeParse(typed);
  return parsed.success ? parsed.data : null;
}
