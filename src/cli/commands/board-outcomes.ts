import type { Command } from 'commander';
import { editBoard } from '../../services/boards.js';
import type { CliContext } from '../context.js';
import { UserError } from '../errors.js';
import { wholeNumber } from '../options.js';

/** The closeout settings of issue 23, as flags of `board create` and `board edit`. */
export interface OutcomeOptions {
  evidence?: string;
  effectivenessDays?: number;
}

export function withOutcomeOptions(cmd: Command): Command {
  return cmd
    .option('--evidence <required|optional>', 'whether a closeout request must carry evidence files (default optional)')
    .option(
      '--effectiveness-days <n>',
      'days after a closeout the owner is asked whether the fix held; 0 = off (default 0)',
      wholeNumber,
    );
}

/** The service fields the flags set (only those given). */
export function outcomeFields(opts: OutcomeOptions): { evidenceRequired?: boolean; effectivenessDays?: number } {
  if (opts.evidence !== undefined && opts.evidence !== 'required' && opts.evidence !== 'optional')
    throw new UserError('--evidence: must be required or optional');
  return {
    ...(opts.evidence !== undefined && { evidenceRequired: opts.evidence === 'required' }),
    ...(opts.effectivenessDays !== undefined && { effectivenessDays: opts.effectivenessDays }),
  };
}

/** `closeout board edit --code RECT --evidence required --effectiveness-days 30`. */
export function registerBoardEdit(board: Command, ctx: CliContext): void {
  withOutcomeOptions(
    board
      .command('edit')
      .description("Change a board's closeout settings")
      .requiredOption('--code <code>', 'board code'),
  ).action((opts: OutcomeOptions & { code: string }) =>
    ctx.withServices(async ({ deps, actor }) => {
      const fields = outcomeFields(opts);
      if (!Object.keys(fields).length)
        throw new UserError('nothing to change: give --evidence or --effectiveness-days');
      const after = await editBoard(deps, actor, opts.code, fields);
      ctx.out(
        `Board ${after.code}: evidence files ${after.evidenceRequired ? 'required' : 'optional'}, ` +
          `effectiveness checks ${after.effectivenessDays ? `${after.effectivenessDays} days after closeout` : 'off'}.`,
      );
    }),
  );
}
