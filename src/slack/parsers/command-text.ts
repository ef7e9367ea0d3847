import { closest, distance } from 'fastest-levenshtein';
import { cutToSlackLimit, SLACK_INPUT_MAX } from './slack-input.js';
import { scanWords } from './words.js';

/** The `/closeout` subcommands, with the Chinese words people may type instead. */
export const SUBCOMMANDS = [
  'help',
  'new',
  'list',
  'show',
  'report',
  'close',
  'summary',
  'export',
  'import',
  'board',
  'board',
  'edit',
  'reassign',
  'measures',
  'reopen',
  'withdraw',
  'restore',
  'calendar',
  'extend',
  'away',
  'deputy',
] as const;
export type Subcommand = (typeof SUBCOMMANDS)[number];

const ALIASES: Record<string, Subcommand> = {
  帮助: 'help',
  新建: 'new',
  列表: 'list',
  清单: 'list',
  查看: 'show',
  汇报: 'report',
  进展: 'report',
  销号: 'close',
  汇总: 'summary',
  导出: 'export',
  导入: 'import',
  修改: 'edit',
  编辑: 'edit',
  更换责任人: 'reassign',
  整改措施: 'measures',
  措施: 'measures',
  重新打开: 'reopen',
  撤销: 'withdraw',
  恢复: 'restore',
  日历: 'calendar',
  延期: 'extend',
  外出: 'away',
  代理: 'deputy',
  '?': 'help',
  ls: 'list',
};

type ParsedCommand =
  { ok: true; sub: Subcommand; args: string[] } | { ok: false; input: string; suggestion: Subcommand | null };

/** Splits on whitespace, keeping "quoted phrases" (straight or curly quotes) together; linear (see words.ts). */
export function tokenize(text: string): string[] {
  return scanWords(text, false).map((w) => w.value);
}

/** Words longer than this are no misspelt subcommand (the longest is 8 letters), so get no suggestion. */
const SUGGEST_MAX = 20;

/**
 * `/closeout <sub> args…`; empty text means help; unknown words get the closest subcommand as a hint. The
 * caller cuts the text to Slack's limit (SLACK_INPUT_MAX.commandText); this cuts again so no caller can forget.
 */
export function parseCommandText(text: string): ParsedCommand {
  const [first, ...args] = tokenize(cutToSlackLimit(text, SLACK_INPUT_MAX.commandText).trim());
  if (first === undefined) return { ok: true, sub: 'help', args: [] };
  const word = first.toLowerCase();
  const sub = (SUBCOMMANDS as readonly string[]).includes(word) ? (word as Subcommand) : ALIASES[first];
  if (sub) return { ok: true, sub, args };
  if (word.length > SUGGEST_MAX) return { ok: false, input: first, suggestion: null };
  const guess = closest(word, [...SUBCOMMANDS]) as Subcommand;
  return { ok: false, input: first, suggestion: distance(word, guess) <= 2 ? guess : null };
}
