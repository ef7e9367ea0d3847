import { z } from 'zod';
import { boardArg } from './summary-args.js';

const exportArgs = z.union([z.tuple([]), z.tuple([boardArg])]);

export type ParsedExportArgs = { ok: true; code: string | null } | { ok: false };

/** `/closeout export [CODE]`: at most one argument, a board code. */
export function parseExportArgs(args: string[]): ParsedExportArgs {
  const result = exportArgs.safeParse(args);
  return result.success ? { ok: true, code: result.data[0] ?? null } : { ok: false };
}
