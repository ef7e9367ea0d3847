import { boardArg } from './summary-args.js';

type ParsedExportArgs = { ok: true; code: string | null; format: 'csv' | 'xlsx' | null } | { ok: false };

/** `/closeout export [CODE] [xlsx|csv]`: a board code and a file format, each at most once, in any order. */
export function parseExportArgs(args: string[]): ParsedExportArgs {
  let code: string | null = null;
  let format: 'csv' | 'xlsx' | null = null;
  for (const arg of args) {
    const word = arg.toLowerCase();
    if ((word === 'xlsx' || word === 'csv' || word === 'excel') && format === null) {
      format = word === 'csv' ? 'csv' : 'xlsx';
      continue;
    }
    const board = boardArg.safeParse(arg);
    if (!board.success || code !== null) return { ok: false };
    code = board.data;
  }
  return { ok: true, code, format };
}
