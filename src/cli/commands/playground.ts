import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { UserError } from '../errors.js';

/** `closeout playground [--port N]`: the local playground (what `npm start` runs without Slack settings). */
export function registerPlayground(program: Command, ctx: CliContext): void {
  program
    .command('playground')
    .description('Try Closeout without Slack: the real bot against a local stand-in, in your browser')
    .option('--port <n>', 'port on 127.0.0.1 (default: PORT, else 3000)')
    .action(async (opts: { port?: string }) => {
      const env = ctx.env();
      const port = opts.port === undefined ? env.PORT : Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UserError(`--port: "${opts.port}" is not a port number from 0 to 65535.`);
      // Loaded only for this command: the playground (web server, stand-in Slack, the bot) is heavy.
      const { runPlayground } = await import('../../playground/run.js');
      await runPlayground({
        port,
        language: env.CLOSEOUT_LANGUAGE,
        logLevel: ctx.io.env.LOG_LEVEL ? env.LOG_LEVEL : undefined,
        out: ctx.io.stdout,
      }).catch((error: unknown) => {
        if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE')
          throw new UserError(`Port ${port} is already in use; choose another with --port.`);
        throw error;
      });
    });
}
