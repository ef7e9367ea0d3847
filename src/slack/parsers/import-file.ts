import { z } from 'zod';
import { fileShareEvent } from './file-share.js';
import { BOARD_CODE_PATTERN, boardCodeWord } from '../../domain/keys.js';
import { DATE_ORDERS, type DateOrder } from '../../services/import-dates.js';
import { tokenize } from './command-text.js';
import { cutToSlackLimit, SLACK_INPUT_MAX } from './slack-input.js';

/** Payloads of the file-import feature: a file dropped into the bot's DM, and the preview's buttons. */

/** Names a list file may have; anything else dropped in the DM is left to the chat-reply feature. */
const LIST_FILE = /\.(csv|tsv|txt|xlsx|xls)$/i;

export interface SharedListFile {
  channel: string;
  userId: string;
  ts: string;
  fileId: string;
  fileName: string;
  /** `board:RECT` typed with the file. */
  boardCode: string | null;
  /** Other words typed with the file that could be a board code (`RECT`); the handler checks which is one. */
  codeWords: string[];
  /** `dmy` or `mdy` typed with the file: how to read 03/04/2023. */
  dateOrder: DateOrder | undefined;
}

/** A list file a person dropped into their DM with the bot, or null for any other message. */
export function parseSharedListFile(event: unknown): SharedListFile | null {
  const r = fileShareEvent.safeParse(event);
  if (!r.success || r.data.bot_id) return null;
  const m = r.data;
  const direct = m.channel_type ? m.channel_type === 'im' : m.channel.startsWith('D');
  const file = m.files.find((f) => LIST_FILE.test(f.name ?? ''));
  if (!direct || !file) return null;
  let boardCode: string | null = null;
  const codeWords: string[] = [];
  let dateOrder: DateOrder | undefined;
  for (const token of tokenize(cutToSlackLimit(m.text ?? '', SLACK_INPUT_MAX.messageText))) {
    const { code, prefixed } = boardCodeWord(token);
    if ((DATE_ORDERS as readonly string[]).includes(code.toLowerCase())) dateOrder = code.toLowerCase() as DateOrder;
    else if (BOARD_CODE_PATTERN.test(code)) {
      if (prefixed) boardCode ??= code;
      else codeWords.push(code);
    }
  }
  return {
    channel: m.channel,
    userId: m.user,
    ts: m.ts,
    fileId: file.id,
    fileName: file.name ?? file.id,
    boardCode,
    codeWords,
    dateOrder,
  };
}

/** What the Import button carries: the board, the file, the plan's fingerprint and the date order. */
const applyValue = z.object({
  b: z.string().regex(BOARD_CODE_PATTERN),
  f: z.string().regex(/^F[A-Z0-9]+$/),
  n: z.string().max(255),
  h: z.string().regex(/^[\w-]{1,64}$/),
  d: z.enum(DATE_ORDERS).optional(),
});
type ImportButtonValue = z.infer<typeof applyValue>;

export function encodeImportValue(value: ImportButtonValue): string {
  return JSON.stringify(value);
}

export function decodeImportValue(raw: string | undefined): ImportButtonValue | null {
  try {
    const r = applyValue.safeParse(JSON.parse(raw ?? ''));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}
