import type { Language } from '../domain/types.js';
import { createLogger } from '../logging/logger.js';
import type { LevelWithSilent } from 'pino';
import { startPlayground, type RunningPlayground } from './start.js';

interface RunPlaygroundOptions {
  port: number;
  language: Language;
  /** LOG_LEVEL when the operator set one; the playground is quiet (warnings) otherwise. */
  logLevel?: LevelWithSilent;
  out: NodeJS.WritableStream;
}

/** What `npm start` (no Slack settings) and `closeout playground` print: where to go, how to go real. */
function banner(url: string, seeded: boolean): string {
  return [
    '',
    '  Closeout playground — the real bot, talking to a stand-in Slack on this machine.',
    '',
    `    Open ${url} in your browser.`,
    `    Data: data/playground.db${seeded ? ' (demo board RECT created)' : ''}; delete it to start over.`,
    '',
    '  To connect a real Slack workspace instead, create the app from manifest.yml and set',
    '  SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode); see README.md.',
    '  Stop with Ctrl+C.',
    '',
  ].join('\n');
}

/** Starts the playground, prints the banner, and stops cleanly on SIGINT/SIGTERM (resolving then). */
export async function runPlayground(opts: RunPlaygroundOptions): Promise<void> {
  const logger = createLogger(opts.logLevel ?? 'warn');
  const running: RunningPlayground = await startPlayground({ port: opts.port, language: opts.language, logger });
  opts.out.write(`${banner(running.url, running.seeded)}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await running.stop();
}
