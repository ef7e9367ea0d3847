import { closest, distance } from 'fastest-levenshtein';
import { z } from 'zod';
import { BOARD_CODE_PATTERN, SLACK_USER_PATTERN, USER_MENTION } from '../../domain/keys.js';
import { LIST_VIEWS, type ListView } from '../../services/queries.js';
import { LIMITS } from '../blocks/limits.js';
import { scanWords } from './words.js';

/** What `/closeout list` shows; the same shape travels in the paging buttons. */
const listQuery = z.object({
  view: z.enum(LIST_VIEWS).optional(),
  owner: z.string().regex(SLACK_USER_PATTERN).optional(),
  board: z.string().trim().toUpperCase().regex(BOARD_CODE_PATTERN).optional(),
  category: z.string().trim().min(1).max(75).optional(),
  unit: z.string().trim().min(1).max(200).optional(),
});
export type ListQuery = z.infer<typeof listQuery>;

/** The words people type for each view, English first (the one we suggest). */
const VIEW_WORDS: Record<string, ListView> = {
  mine: 'mine',
  my: 'mine',
  我的: 'mine',
  open: 'open',
  未销号: 'open',
  overdue: 'overdue',
  late: 'overdue',
  逾期: 'overdue',
  stale: 'stale',
  未更新: 'stale',
  closed: 'closed',
  已销号: 'closed',
  all: 'all',
  全部: 'all',
};

type FilterField = 'board' | 'category' | 'unit';
const FILTER_KEYS: Record<string, FilterField> = {
  board: 'board',
  清单: 'board',
  category: 'category',
  cat: 'category',
  类别: 'category',
  unit: 'unit',
  单位: 'unit',
  责任单位: 'unit',
};

export type ListArgsError =
  | { kind: 'unknown'; arg: string; suggestion: string | null }
  | { kind: 'twice'; arg: string; what: string }
  | { kind: 'value'; arg: string; what: FilterField | 'user' };

type ParsedListArgs = { ok: true; query: ListQuery } | { ok: false; error: ListArgsError };

/** `key:value` (value may be "quoted", straight or curly, and the colon full-width), a quoted phrase, or a word. */
function tokens(text: string): { raw: string; key?: string; value: string }[] {
  return scanWords(text, true).map((w) => {
    if (w.key !== undefined) return { raw: w.raw, key: w.key, value: w.value };
    // A whole quoted "category:Livelihood services" is a key:value too.
    const colon = w.quoted ? w.value.search(/[:：]/) : -1;
    return colon > 0
      ? { raw: w.raw, key: w.value.slice(0, colon).toLowerCase(), value: w.value.slice(colon + 1) }
      : { raw: w.raw, value: w.value };
  });
}

/**
 * Parses the text after `/closeout list`: a view word, an @-mention (Slack sends `<@U123|name>`), and
 * `board:`, `category:` and `unit:` filters, in any order. Anything else is reported with a suggestion.
 */
export function parseListArgs(text: string): ParsedListArgs {
  const raw: Record<string, string> = {};
  const setOnce = (field: keyof ListQuery, value: string, arg: string): ListArgsError | null => {
    if (raw[field] !== undefined) return { kind: 'twice', arg, what: field };
    raw[field] = value;
    return null;
  };
  for (const tok of tokens(text.trim())) {
    let error: ListArgsError | null;
    if (tok.key !== undefined) {
      const field = FILTER_KEYS[tok.key];
      if (!field)
        return { ok: false, error: { kind: 'unknown', arg: tok.raw, suggestion: suggestKey(tok.key, tok.value) } };
      const parsed = listQuery.shape[field].safeParse(tok.value);
      if (!parsed.success || parsed.data === undefined)
        return { ok: false, error: { kind: 'value', arg: tok.raw, what: field } };
      error = setOnce(field, parsed.data, tok.raw);
    } else if (USER_MENTION.test(tok.value)) {
      error = setOnce('owner', USER_MENTION.exec(tok.value)![1]!, tok.raw);
    } else {
      const view = VIEW_WORDS[tok.value.toLowerCase()];
      if (!view) return { ok: false, error: { kind: 'unknown', arg: tok.raw, suggestion: suggestView(tok.value) } };
      error = setOnce('view', view, tok.raw);
    }
    if (error) return { ok: false, error };
  }
  const query = listQuery.safeParse(raw);
  if (!query.success) return { ok: false, error: { kind: 'value', arg: text, what: 'user' } };
  return { ok: true, query: query.data };
}

/** Words longer than this are no misspelt view or key (the longest is 8 letters): no suggestion. */
const SUGGEST_MAX = 20;

function suggestView(word: string): string | null {
  if (word.length > SUGGEST_MAX) return null;
  if (word.startsWith('@')) return null; // an unescaped mention: the manifest escapes them, so this is rare
  const guess = closest(word.toLowerCase(), [...LIST_VIEWS]);
  return distance(word.toLowerCase(), guess) <= 2 ? guess : null;
}

function suggestKey(key: string, value: string): string | null {
  if (key.length > SUGGEST_MAX) return null;
  const keys = ['board', 'category', 'unit'];
  const guess = closest(key, keys);
  return distance(key, guess) <= 2 ? `${guess}:${value}` : null;
}

/** A page of a list: the query and where the page starts. Carried in the paging buttons' values. */
const listPage = listQuery.extend({
  view: z.enum(LIST_VIEWS),
  offset: z.number().int().min(0).max(1_000_000),
});
export type ListPage = z.infer<typeof listPage>;

/** Compact JSON for a button value (≤ 2000 characters: the query's own limits keep it far below). */
export function encodeListPage(page: ListPage): string {
  const value = JSON.stringify(listPage.parse(page));
  if (value.length > LIMITS.buttonValue) throw new Error('list page value too long');
  return value;
}

/** The page a button asks for, or null when its value is not one we wrote. */
export function decodeListPage(value: string | undefined): ListPage | null {
  if (!value) return null;
  try {
    const parsed = listPage.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
