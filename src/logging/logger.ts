import { LogLevel, type Logger as SlackLogger } from '@slack/logger';
import { pino, type Logger, type LevelWithSilent } from 'pino';

export type { Logger } from 'pino';

/** JSON logs on stdout; tokens and secrets are redacted wherever they appear in logged objects. */
export function createLogger(level: LevelWithSilent, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'closeout' },
      redact: {
        paths: [
          'token',
          '*.token',
          'botToken',
          'appToken',
          'signingSecret',
          'headers.authorization',
          '*.headers.authorization',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

const toSlackLevel: Record<string, LogLevel> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
  fatal: LogLevel.ERROR,
  silent: LogLevel.ERROR,
};

/** Bolt and the Web API client log through this, so their lines share our format and redaction. */
export function slackLogger(base: Logger, name = 'slack'): SlackLogger {
  let child = base.child({ component: name });
  const write =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...msg: unknown[]) => {
      const [first, ...rest] = msg;
      if (first instanceof Error) child[level]({ err: first }, rest.map(String).join(' '));
      else child[level](msg.map((m) => (typeof m === 'string' ? m : JSON.stringify(m))).join(' '));
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    // The level is owned by LOG_LEVEL; Bolt's attempts to change it are ignored on purpose.
    setLevel: () => undefined,
    getLevel: () => toSlackLevel[child.level] ?? LogLevel.INFO,
    setName: (next: string) => {
      child = base.child({ component: next });
    },
  };
}
