import type { Command } from 'commander';
import { DEMO_BOARD, DEMO_LEADERS, DEMO_OWNERS, seedDemo } from '../../services/demo.js';
import { DomainError } from '../../domain/errors.js';
import type { CliContext } from '../context.js';
import { UserError } from '../errors.js';

export function registerDemo(program: Command, ctx: CliContext): void {
  program
    .command('demo')
    .description(`Create the demo board ${DEMO_BOARD}: 31 problems, 81 measures, a few cycles of history`)
    .option('--channel <id>', 'Slack channel for its reminders and digests (C…)')
    .action((opts: { channel?: string }) =>
      ctx.withServices(async ({ deps, actor }) => {
        const demo = await seedDemo(deps, actor, { channelId: opts.channel }).catch((err: unknown) => {
          if (err instanceof DomainError && err.key === 'error.board_exists') {
            throw new UserError(
              `Board ${DEMO_BOARD} already exists in team ${actor.teamId}, so the demo was not created. ` +
                'Run it against another database (DATABASE_URL) or team (--team).',
            );
          }
          throw err;
        });
        const s = demo.byStatus;
        ctx.out(
          `Created demo board ${demo.code} in team ${actor.teamId}: ${demo.problems} problems, ${demo.measures} measures, ` +
            `${demo.updates} progress updates.`,
        );
        ctx.out(
          `Status: ${s.closed ?? 0} closed, ${s.closeout_requested ?? 0} awaiting closeout, ${s.in_progress ?? 0} in progress, ` +
            `${s.open ?? 0} open; ${demo.overdue} overdue.`,
        );
        ctx.out(
          `Owners are placeholders (${DEMO_OWNERS[0]}…${DEMO_OWNERS.at(-1)}), leaders ${DEMO_LEADERS.join(', ')}: ` +
            `reassign them to real Slack users (e.g. export, replace the owner IDs, import).`,
        );
        ctx.out(`See it with: closeout export --board ${demo.code}`);
      }),
    );
}
