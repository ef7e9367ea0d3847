import { z } from 'zod';

/**
 * A `message` event of subtype `file_share`: files dropped into the bot's DM or a thread. One schema for both
 * uses of it (a list file to import, evidence for a closeout request); ids and names are bounded like
 * everything a person sends.
 */
export const fileShareEvent = z.object({
  type: z.literal('message'),
  subtype: z.literal('file_share'),
  channel: z.string().min(1),
  channel_type: z.string().optional(),
  user: z.string().min(1),
  text: z.string().optional(),
  ts: z.string().min(1),
  thread_ts: z.string().optional(),
  bot_id: z.string().optional(),
  files: z
    .array(z.object({ id: z.string().regex(/^F[A-Z0-9]{1,30}$/), name: z.string().max(1000).optional() }))
    .min(1)
    .max(100),
});
