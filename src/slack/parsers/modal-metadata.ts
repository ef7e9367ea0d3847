import { z } from 'zod';
import { LANGUAGES, type Language } from '../../domain/types.js';
import type { MessageOrigin } from '../refresh/message-origin.js';

const origin: z.ZodType<MessageOrigin> = z.object({
  kind: z.enum(['card', 'prompt', 'request', 'home']),
  channel: z.string().optional(),
  ts: z.string().optional(),
  responseUrl: z.string().optional(),
});

/**
 * What a modal remembers between opening and submission (its private_metadata). The language is kept so
 * inline errors are localised without a users.info call before the ack; the channel is where the user
 * typed the command, for the confirmation.
 */
const modalMetadata = z.object({
  lang: z.enum(LANGUAGES),
  channel: z.string().optional(),
  /** Problem key (report, closeout) or board code (board edit). */
  key: z.string().optional(),
  origin: origin.optional(),
  /** The problem's version when the modal opened (edit and measures: optimistic check). */
  version: z.number().int().optional(),
  /** Which change a shared modal makes (reopen, withdraw). */
  mode: z.string().max(20).optional(),
  /** "It came back" (issue 23): the check and round answered, and its DM (updated with the answer). */
  check: z
    .object({
      id: z.number().int().positive(),
      round: z.number().int().min(0),
      channel: z.string().max(30).optional(),
      ts: z.string().max(30).optional(),
    })
    .optional(),
});
export type ModalMetadata = z.infer<typeof modalMetadata>;

export function encodeMetadata(metadata: ModalMetadata): string {
  return JSON.stringify(metadata);
}

/** Tolerant: a missing or foreign private_metadata yields just the fallback language. */
export function decodeMetadata(raw: string | undefined, fallback: Language): ModalMetadata {
  if (!raw) return { lang: fallback };
  try {
    const parsed = modalMetadata.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : { lang: fallback };
  } catch {
    return { lang: fallback };
  }
}
