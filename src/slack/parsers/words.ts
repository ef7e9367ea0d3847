/**
 * The words of a command's text, scanned once from left to right (linear in the text's length, however many
 * quotes it holds: a quote opens a phrase only when a closing quote follows, which is known from where the
 * last closing quote is, so an unclosed quote never makes the scan look ahead again).
 */
interface Word {
  /** The word as typed, quotes and `key:` included. */
  raw: string;
  /** `key` of `key:value` (colon half- or full-width), lower-cased; only when keys were asked for. */
  key?: string;
  /** The word, or the phrase inside its quotes. */
  value: string;
  quoted: boolean;
}

const SPACE = /\s+/y;
const BARE = /\S+/y;
/** A key: anything up to a colon but whitespace, colons and opening quotes. */
const KEY = /([^\s:："“]+)[:：]/y;
const CLOSER: Record<string, string> = { '"': '"', '“': '”' };

/**
 * Splits on whitespace, keeping "quoted phrases" (straight or curly quotes) together. With `keyed`, a word
 * may start with `key:` and its value may be quoted (`category:"Livelihood services"`).
 */
export function scanWords(text: string, keyed: boolean): Word[] {
  const lastCloser = { '"': text.lastIndexOf('"'), '“': text.lastIndexOf('”') } as Record<string, number>;
  const words: Word[] = [];
  let i = 0;
  /** A quoted phrase or a bare word at `at`, or null at the end or before whitespace. */
  const valueAt = (at: number): { value: string; end: number; quoted: boolean } | null => {
    const open = text.charAt(at);
    const closer = CLOSER[open];
    if (closer && (lastCloser[open] ?? -1) > at) {
      const end = text.indexOf(closer, at + 1);
      return { value: text.slice(at + 1, end), end: end + 1, quoted: true };
    }
    BARE.lastIndex = at;
    const bare = BARE.exec(text);
    return bare ? { value: bare[0], end: at + bare[0].length, quoted: false } : null;
  };
  while (i < text.length) {
    SPACE.lastIndex = i;
    if (SPACE.exec(text)) i = SPACE.lastIndex;
    if (i >= text.length) break;
    let key: string | undefined;
    let valueStart = i;
    if (keyed) {
      KEY.lastIndex = i;
      const k = KEY.exec(text);
      // `key:` needs a value right after it; `board: RECT` is the word `board:` then `RECT`.
      if (k && KEY.lastIndex < text.length && !/\s/.test(text.charAt(KEY.lastIndex))) {
        key = (k[1] ?? '').toLowerCase();
        valueStart = KEY.lastIndex;
      }
    }
    const v = valueAt(valueStart)!;
    words.push({ raw: text.slice(i, v.end), ...(key !== undefined && { key }), value: v.value, quoted: v.quoted });
    i = v.end;
  }
  return words;
}
