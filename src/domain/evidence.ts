import { z } from 'zod';

/**
 * Evidence files (整改证明材料) on a closeout request: at most ten, of the kinds offices file as proof —
 * PDFs, photos and Office documents. Slack's `file_input` takes the same list as its `filetypes`.
 */
export const EVIDENCE_MAX_FILES = 10;
export const EVIDENCE_FILETYPES = [
  'pdf',
  'png',
  'jpg',
  'jpeg',
  'gif',
  'heic',
  'webp',
  'doc',
  'docx',
  'xls',
  'xlsx',
  'ppt',
  'pptx',
  'csv',
  'txt',
] as const;

/** One file as recorded: Slack's file id and what files.info said about it (bounded: it is user data). */
const evidenceFile = z.object({
  fileId: z.string().regex(/^F[A-Z0-9]{1,30}$/),
  name: z.string().trim().min(1).max(255),
  filetype: z.string().trim().max(40),
  size: z
    .number()
    .int()
    .min(0)
    .max(2 ** 40),
  permalink: z.string().max(2000),
});
export type EvidenceFileInput = z.infer<typeof evidenceFile>;

export const evidenceFiles = z.array(evidenceFile).max(EVIDENCE_MAX_FILES);

/** A link Slack can render: an http(s) URL without the characters that end or split a mrkdwn link. */
export function linkable(url: string): boolean {
  return /^https?:\/\/[^\s<>|]+$/.test(url);
}
