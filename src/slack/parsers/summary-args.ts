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

export type ParsedSummaryArgs = { ok: true; code: string | null; by: Breakdown; post: boolean } | { ok: false };

/** `/closeout summary [CODE] [by:category|unit|owner] [post]`, in any order, each at most once. */
export function parseSummaryArgs(args: string[]): ParsedSummaryArgs {
  let code: string | null = null;
  let by: Breakdown | null = null;
  let post = false;
  // A bare `post` is always the flag (a board called POST is still reachable as `board:POST`).
  for (const arg of args) {
    const asBoard = boardArg.safeParse(arg);
    if (postArg.safeParse(arg).success) {
      if (post) return { ok: false };
      post = true;
    } else if (/^(?:by[:：=]|按)/i.test(arg)) {
      const asBy = byArg.safeParse(arg);
      if (!asBy.success || by !== null) return { ok: false };
      by = asBy.data;
    } else if (asBoard.success && code === null) code = asBoard.data;
    else return { ok: false };
  }
  return { ok: true, code, by: by ?? 'category', post };
}
