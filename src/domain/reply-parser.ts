import { PROBLEM_KEY_IN_TEXT } from './keys.js';
import type { Health } from './types.js';

/**
 * Reads a progress reply typed in chat ("OPS-12 60% at risk hired two clerks", "RECT-3 完成60% 有风险 …"):
 * the problem keys it names, a percentage, a health word, and the rest as the note.
 *
 * Tokens that only label the reply (at its start or end, or a clause of their own) are taken out of the
 * note; tokens inside a sentence ("we are 60% done with hiring") are still picked up but the sentence is
 * kept as written, so the note never loses the user's words.
 */
export interface ParsedReply {
  /** Problem keys named, upper-case, in order of appearance, without duplicates. */
  keys: string[];
  /** The first percentage from 0 to 100, or null. */
  percent: number | null;
  /** The first health word that is not negated ("not blocked", "无风险"), or null. */
  health: Health | null;
  note: string;
  /** Only a thank-you or an acknowledgement ("ok", "收到", ":+1:") with nothing to record. */
  acknowledgement: boolean;
}

interface ParseOptions {
  /** When given, only keys of these boards count (so "COVID-19" is not read as a problem key). */
  boardCodes?: readonly string[];
}

type Kind = 'key' | 'percent' | 'health';
interface Token {
  kind: Kind;
  start: number;
  end: number;
  /** False for tokens that must stay in the note (a measure key such as RECT-3.2). */
  removable: boolean;
  key?: string;
  percent?: number;
  health?: Health;
}

const KEY = PROBLEM_KEY_IN_TEXT;

/** `\s*(?:[:：]\s*)?`, not `\s*[:：]?\s*`: two adjacent `\s*` could share a run of spaces, quadratically. */
const PERCENT_PREFIX = String.raw`(?:(?:已完成|完成了|完成度|完成率|完成|进度|进展)\s*(?:[:：]\s*)?)?`;
const DIGIT_PERCENT = new RegExp(
  String.raw`${PERCENT_PREFIX}(?<![\d.])(\d{1,3}(?:\.\d+)?)\s*(?:%|％|percent(?![A-Za-z])|pct(?![A-Za-z]))(?:\s*(?:done|complete|completed)(?![A-Za-z]))?`,
  'gi',
);
const CHINESE_PERCENT = new RegExp(`${PERCENT_PREFIX}百分之(一百|百|[零〇一二两三四五六七八九十]{1,3}|\\d{1,3})`, 'g');

/** Longest alternatives first so "有风险" wins over "风险". */
const HEALTH_WORDS: { pattern: RegExp; health: Health; zh: boolean }[] = [
  { pattern: /(?<![A-Za-z])on[\s-]?track(?![A-Za-z])/gi, health: 'on_track', zh: false },
  { pattern: /(?<![A-Za-z])at[\s-]?risk(?![A-Za-z])/gi, health: 'at_risk', zh: false },
  { pattern: /(?<![A-Za-z])blocked(?![A-Za-z])/gi, health: 'blocked', zh: false },
  { pattern: /(?:进展|进度)?正常/g, health: 'on_track', zh: true },
  { pattern: /(?:有|存在)?风险/g, health: 'at_risk', zh: true },
  { pattern: /受阻|阻塞/g, health: 'blocked', zh: true },
];
const EN_NEGATION = /(?:\bnot|\bno longer|n't|\bnever)\s+$/i;
const ZH_NEGATION = /(?:无|没有|没|不|未|不再)$/;

/** Characters that separate labels from the note ("RECT-3: 60%, at risk — hired …"). */
const FILLER = /[\s,;:|/·•\-–—，；：、。.!！?？()（）[\]【】]/;
/** Clause boundaries inside the note. */
const CLAUSE_END = /[,;，；。.!！?？\n]/;
const SENTENCE_END = /[.。!！?？]/;
/** Sticky: matched where the scan stands. */
const JOIN = /(?:and|&|和|及|与)\s*/iy;

/**
 * A reply that only thanks or acknowledges: these words, each followed by any number of separators. Checked
 * by a scan (`isAcknowledgement`), not a `^(?:(?:…|嗯|嗯嗯)[sep]*)+$` pattern: words that are repeats of one
 * another (嗯, 嗯嗯) inside a repeated group backtrack exponentially (45 × 嗯 then `?` never finished).
 */
const ACK_WORDS = [
  'thanks',
  'thank you',
  'thx',
  'ty',
  'ok',
  'okay',
  'k',
  'got it',
  'noted',
  'sure',
  'will do',
  'cool',
  'great',
  '谢谢',
  '谢谢你',
  '多谢',
  '感谢',
  '好的',
  '好',
  '收到',
  '明白',
  '明白了',
  '知道了',
  '嗯',
  '嗯嗯',
  '行',
];
const ACK_SEPARATORS = new Set([...' ,.!！。，~～']);
const EMOJI_CODE = /:[a-z0-9_+'-]+:/gi;

const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 0–100 written in Chinese numerals (五, 十五, 六十, 六十五, 一百) or digits. */
export function chineseNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  if (s === '百' || s === '一百') return 100;
  const m = /^(?:([一二两三四五六七八九])?十([一二三四五六七八九])?|([零〇一二两三四五六七八九]))$/.exec(s);
  if (!m) return null;
  if (m[3]) return CN_DIGITS[m[3]] ?? null;
  return (m[1] ? (CN_DIGITS[m[1]] ?? 0) : 1) * 10 + (m[2] ? (CN_DIGITS[m[2]] ?? 0) : 0);
}

function findTokens(text: string, opts: ParseOptions): Token[] {
  const codes = opts.boardCodes ? new Set(opts.boardCodes.map((c) => c.toUpperCase())) : null;
  const found: Token[] = [];
  for (const m of text.matchAll(KEY)) {
    const code = (m[1] ?? '').toUpperCase();
    if (codes && !codes.has(code)) continue;
    const key = `${code}-${Number(m[2])}`;
    found.push({ kind: 'key', start: m.index, end: m.index + m[0].length, removable: !m[3], key });
  }
  for (const m of text.matchAll(DIGIT_PERCENT)) {
    const value = Math.round(Number(m[1]));
    if (value <= 100)
      found.push({ kind: 'percent', start: m.index, end: m.index + m[0].length, removable: true, percent: value });
  }
  for (const m of text.matchAll(CHINESE_PERCENT)) {
    const value = chineseNumber(m[1] ?? '');
    if (value !== null && value <= 100) {
      found.push({ kind: 'percent', start: m.index, end: m.index + m[0].length, removable: true, percent: value });
    }
  }
  for (const { pattern, health, zh } of HEALTH_WORDS) {
    for (const m of text.matchAll(pattern)) {
      const before = text.slice(Math.max(0, m.index - 12), m.index);
      if ((zh ? ZH_NEGATION : EN_NEGATION).test(before)) continue;
      found.push({ kind: 'health', start: m.index, end: m.index + m[0].length, removable: true, health });
    }
  }
  // Earlier first, longer first at the same place; drop anything overlapping a token already kept.
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const tokens: Token[] = [];
  for (const tk of found) {
    const last = tokens.at(-1);
    if (!last || tk.start >= last.end) tokens.push(tk);
  }
  return tokens;
}

/**
 * Removes label tokens from the text, keeping every token that sits inside a sentence. Linear in the text's
 * length: tokens are looked up by position in maps and walked with cursors (a reply can be 40,000
 * characters of labels).
 */
function noteOf(text: string, tokens: Token[]): string {
  const removable = tokens.filter((tk) => tk.removable);
  const byStart = new Map(removable.map((tk) => [tk.start, tk]));
  const byEnd = new Map(removable.map((tk) => [tk.end, tk]));
  const tokenAt = (i: number) => byStart.get(i);
  const tokenEndingAt = (i: number) => byEnd.get(i);
  const isFiller = (i: number) => FILLER.test(text.charAt(i));
  const fillerOnly = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (!isFiller(i)) return false;
    return true;
  };

  // Leading labels: tokens and separators from the start.
  let head = 0;
  for (let i = 0; i < text.length;) {
    const tk = tokenAt(i);
    if (tk) {
      i = tk.end;
      while (i < text.length && isFiller(i) && !tokenAt(i)) i++;
      head = i;
      // "OPS-12 and OPS-13 …": a joining word between two labels belongs to them.
      JOIN.lastIndex = i;
      const join = JOIN.exec(text);
      if (join && tokenAt(i + join[0].length)) i += join[0].length;
    } else if (isFiller(i)) i++;
    else break;
  }
  // Trailing labels: the same from the end; a sentence's own full stop stays.
  let tail = text.length;
  for (let i = text.length; i > head;) {
    const tk = tokenEndingAt(i);
    if (tk) {
      i = tk.start;
      while (i > head && isFiller(i - 1) && !tokenEndingAt(i)) i--;
      tail = i;
    } else if (isFiller(i - 1)) i--;
    else break;
  }
  if (tail < text.length && tail > head && SENTENCE_END.test(text.charAt(tail)) && !tokenAt(tail)) tail++;

  // Clauses made of nothing but labels ("Hired two clerks. 60%. More next week."). Tokens are sorted and do
  // not overlap, so one cursor per list walks them once.
  const parts: string[] = [];
  let clauseStart = head;
  let nextRemovable = 0;
  const flush = (end: number) => {
    while (nextRemovable < removable.length && (removable[nextRemovable]?.start ?? 0) < clauseStart) nextRemovable++;
    let inner = 0;
    let onlyFiller = true;
    let at = clauseStart;
    for (let tk = removable[nextRemovable]; tk && tk.end <= end; tk = removable[++nextRemovable]) {
      onlyFiller &&= fillerOnly(at, tk.start);
      at = tk.end;
      inner++;
    }
    // No label inside: the clause stays whatever it holds (and is not scanned).
    if (!(inner > 0 && onlyFiller && fillerOnly(at, end))) parts.push(text.slice(clauseStart, end));
    clauseStart = end;
  };
  let nextToken = 0;
  for (let i = head; i < tail; i++) {
    while (nextToken < tokens.length && (tokens[nextToken]?.end ?? 0) <= i) nextToken++;
    const inToken = (tokens[nextToken]?.start ?? Infinity) <= i;
    if (!inToken && CLAUSE_END.test(text.charAt(i))) flush(i + 1);
  }
  flush(tail);
  return parts
    .join('')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}

/**
 * Whether `text` is one or more acknowledgement words, each followed by separators (whitespace and
 * punctuation), case-insensitively. Linear: `reachable` marks where a word may start, and each position is
 * tried against each word once (the words are a fixed set of at most 9 characters).
 */
function isAcknowledgement(text: string): boolean {
  const lower = text.toLowerCase();
  if (lower.length !== text.length) return false; // no acknowledgement word changes length when lower-cased
  const reachable = new Uint8Array(text.length + 1);
  // A word ends at `end`: it and the separators after it are where the next word may start. A position met
  // again already had its separators marked, so each is marked once.
  const wordEnd = (end: number) => {
    if (reachable[end]) return;
    reachable[end] = 1;
    for (let j = end; j < text.length && isAckSeparator(text.charAt(j)) && !reachable[j + 1]; j++) reachable[j + 1] = 1;
  };
  for (let i = 0; i < text.length; i++) {
    if (i > 0 && !reachable[i]) continue;
    for (const word of ACK_WORDS) if (lower.startsWith(word, i)) wordEnd(i + word.length);
  }
  return text !== '' && reachable[text.length] === 1;
}
const WHITE_SPACE = /\s/;
const isAckSeparator = (ch: string) => ACK_SEPARATORS.has(ch) || WHITE_SPACE.test(ch);

export function parseReply(text: string, opts: ParseOptions = {}): ParsedReply {
  const tokens = findTokens(text, opts);
  const keys = [...new Set(tokens.filter((tk) => tk.kind === 'key').map((tk) => tk.key ?? ''))];
  const percent = tokens.find((tk) => tk.kind === 'percent')?.percent ?? null;
  const health = tokens.find((tk) => tk.kind === 'health')?.health ?? null;
  const bare = text.replace(EMOJI_CODE, ' ').trim();
  const acknowledgement = tokens.length === 0 && (bare === '' || isAcknowledgement(bare));
  return { keys, percent, health, note: noteOf(text, tokens), acknowledgement };
}
