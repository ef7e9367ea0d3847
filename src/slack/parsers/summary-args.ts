import { z } from 'zod';
import { BOARD_CODE_PATTERN, boardCodeWord } from '../../domain/keys.js';
import { BREAKDOWNS, type Breakdown } from '../../services/summary-types.js';

/** A board code as typed: `RECT`, `rect` or `board:RECT` (see boardCodeWord). */
export const boardArg = z
  .string()
  .transform((s) => boardCodeWord(s).code)
  .pipe(z.string().regex(BOARD_CODE_PATTERN));

/** What people call each breakdown, in both languages. */
const BREAKDOWN_WORDS: Record<string, Breakdown> = {
  ...Object.fromEntries(BREAKDOWNS.map((b) => [b, b])),
  categories: 'category',
  units: 'unit',
  owners: 'owner',
  类别: 'category',
  分类: 'category',
  单位: 'unit',
  责任单位: 'unit',
  责任人: 'owner',
};

/** `by:unit`, `by=owner`, `按:单位`, `按责任人`. */
const byArg = z
  .string()
  .trim()
  .regex(/^(?:by[:：=]|按[:：=]?).+$/i)
  .transform((s) => BREAKDOWN_WORDS[s.replace(/^(?:by[:：=]|按[:：=]?)/i, '').toLowerCase()])
  .pipe(z.enum(BREAKDOWNS));

const postArg = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['post', '发布']));

/** `as:docx`, `as:word`, `as:pdf` (`导出为:pdf`): the progress report as a file. */
const AS_PREFIX = /^(?:as|导出为|格式)[:：=]/i;
const asArg = z
  .string()
  .trim()
  .transform((s) => s.replace(AS_PREFIX, '').toLowerCase())
  .transform((s) => (s === 'word' ? 'docx' : s))
  .pipe(z.enum(['docx', 'pdf']));

const QUOTED_UNIT = /^((?:unit|单位|责任单位)[:：=])["“”]/i;
const CLOSING_QUOTE = /["“”]$/;

/**
 * `unit:"Permits office"` arrives as two words (the command's words split at spaces, quotes kept only around
 * a whole word): joined back here, quotes dropped. Each word is looked at once.
 */
function joinQuotedUnit(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const open = QUOTED_UNIT.exec(words[i]!);
    if (!open) {
      out.push(words[i]!);
      continue;
    }
    const parts = [words[i]!.slice(open[0].length)];
    while (!CLOSING_QUOTE.test(parts[parts.length - 1]!) && i + 1 < words.length) parts.push(words[++i]!);
    // An unclosed quote names no unit (`unit:` alone is refused): it does not swallow the words after it.
    const closed = CLOSING_QUOTE.test(parts[parts.length - 1]!);
    out.push(open[1]! + (closed ? parts.join(' ').replace(CLOSING_QUOTE, '') : ''));
  }
  return out;
}

/** `unit:NAME` (`单位:` / `责任单位:`; quote a name with spaces): one responsible unit, matched by the service. */
const UNIT_PREFIX = /^(?:unit|单位|责任单位)[:：=]/i;
const unitArg = z
  .string()
  .transform((s) => s.replace(UNIT_PREFIX, '').trim())
  .pipe(z.string().min(1).max(200));

type ParsedSummaryArgs =
  | {
      ok: true;
      code: string | null;
      by: Breakdown;
      post: boolean;
      unit: string | null;
      /** The progress report as a file, in this format; null: the summary message. */
      as: 'docx' | 'pdf' | null;
    }
  | { ok: false };

/**
 * `/closeout summary [CODE] [by:category|unit|owner] [unit:NAME] [post] [as:docx|pdf]`, in any order, each at
 * most once; a file goes to the asker's DM, so `post` and `as:` do not go together.
 */
export function parseSummaryArgs(words: string[]): ParsedSummaryArgs {
  const args = joinQuotedUnit(words);
  let code: string | null = null;
  let by: Breakdown | null = null;
  let post = false;
  let unit: string | null = null;
  let as: 'docx' | 'pdf' | null = null;
  // A bare `post` is always the flag (a board called POST is still reachable as `board:POST`).
  for (const arg of args) {
    const asBoard = boardArg.safeParse(arg);
    if (AS_PREFIX.test(arg)) {
      const parsed = asArg.safeParse(arg);
      if (!parsed.success || as !== null) return { ok: false };
      as = parsed.data;
    } else if (UNIT_PREFIX.test(arg)) {
      const parsed = unitArg.safeParse(arg);
      if (!parsed.success || unit !== null) return { ok: false };
      unit = parsed.data;
    } else if (postArg.safeParse(arg).success) {
      if (post) return { ok: false };
      post = true;
    } else if (/^(?:by[:：=]|按)/i.test(arg)) {
      const asBy = byArg.safeParse(arg);
      if (!asBy.success || by !== null) return { ok: false };
      by = asBy.data;
    } else if (asBoard.success && code === null) code = asBoard.data;
    else return { ok: false };
  }
  if (post && as !== null) return { ok: false };
  return { ok: true, code, by: by ?? 'category', post, unit, as };
}
