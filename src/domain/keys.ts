/**
 * Identifiers as people and Slack write them: board codes, problem keys, Slack member IDs and mentions.
 * The one copy of each pattern; parsers upper-case what was typed before testing it.
 */
import { SLACK_USER_ID } from '../config/slack-user-id.js';

/** A board code: 2–10 letters or digits, starting with a letter (RECT). */
const CODE = '[A-Z][A-Z0-9]{1,9}';
export const BOARD_CODE_PATTERN = new RegExp(`^${CODE}$`);

/** `board:` or `清单:` before a code, as the list filter spells it (colon half- or full-width). */
const BOARD_PREFIX = /^(?:board|清单)[:：]/i;

/**
 * A board code as typed where a command takes one — `RECT`, `rect`, `board:RECT`, `清单：RECT` — trimmed,
 * without its prefix and upper-cased, whether or not it is a valid code; `prefixed` says a prefix was there.
 */
export function boardCodeWord(word: string): { code: string; prefixed: boolean } {
  const text = word.trim();
  const prefix = BOARD_PREFIX.exec(text);
  return {
    code: text
      .slice(prefix ? prefix[0].length : 0)
      .trim()
      .toUpperCase(),
    prefixed: prefix !== null,
  };
}

/**
 * The board code at the start of a command's words: boardCodeWord of the first, or of the first two when the
 * first is a prefix alone (`board: RECT`, with a space after the colon, arrives as two words); undefined
 * when there are no words.
 */
export function boardCodeWords(words: readonly string[]): { code: string; prefixed: boolean } | undefined {
  const [first, second] = words;
  if (first === undefined) return undefined;
  const bare = BOARD_PREFIX.exec(first.trim())?.[0] === first.trim();
  return boardCodeWord(bare && second !== undefined ? first.trim() + second : first);
}

/**
 * A problem key as the app writes it: `CODE-n` (RECT-12). Free text is scanned more loosely (reply-parser's
 * KEY: any case, full-width dash) and so are spreadsheet cells (import-plan: leading zeros), each then
 * normalised to this form.
 */
export const PROBLEM_KEY_PATTERN = new RegExp(`^${CODE}-\\d{1,9}$`);

/**
 * A problem key inside free text (chat replies, a message shared with files): any case, a half- or
 * full-width dash; group 1 is the code, 2 the number, 3 a measure's `.n` when there is one. Global: use
 * with matchAll. Bounded quantifiers and lookarounds keep it linear.
 */
export const PROBLEM_KEY_IN_TEXT = /(?<![A-Za-z0-9_])([A-Za-z][A-Za-z0-9]{1,9})[-－](\d{1,6})(\.\d+)?(?![A-Za-z0-9_])/g;

/** The first problem key written in a text (`整改材料（rect-12）` → RECT-12), normalised, or null. */
export function firstKeyIn(text: string): string | null {
  for (const m of text.matchAll(PROBLEM_KEY_IN_TEXT)) return `${(m[1] ?? '').toUpperCase()}-${Number(m[2])}`;
  return null;
}

/** A Slack member ID (U…, W…): config/ owns it, below everything, so env.ts can check admin IDs too. */
export { SLACK_USER_PATTERN } from '../config/slack-user-id.js';

/** A member mention as Slack escapes it in text, `<@U123>` or `<@U123|name>`; group 1 is the member ID. */
const MENTION = `<@(${SLACK_USER_ID})(?:\\|[^>]*)?>`;
export const USER_MENTION = new RegExp(`^${MENTION}$`);
/** A mention at the start of a longer text (`<@U123|name> the note`). */
export const LEADING_USER_MENTION = new RegExp(`^${MENTION}`);

/** A Slack channel ID: public (C…) or private (G…). */
export const SLACK_CHANNEL_PATTERN = /^[CG][A-Z0-9]{2,}$/;
