import { IANAZone } from 'luxon';
import { z } from 'zod';
import { ConfigError } from './config-error.js';
import { SLACK_USER_PATTERN } from './slack-user-id.js';

const envSchema = z.object({
  SLACK_BOT_TOKEN: z.string().startsWith('xoxb-', 'must be a bot token starting with xoxb-').optional(),
  SLACK_SIGNING_SECRET: z.string().min(1, 'must not be empty').optional(),
  SLACK_APP_TOKEN: z.string().startsWith('xapp-', 'must be an app-level token starting with xapp-').optional(),
  SLACK_API_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
  DATABASE_URL: z
    .string()
    // Either PostgreSQL spelling works: db/database.ts opens both (db/postgres.ts's isPostgresUrl).
    .regex(/^(file:|postgres(ql)?:\/\/)/, 'must start with file: (SQLite) or postgres:// / postgresql:// (PostgreSQL)')
    .default('file:./data/closeout.db'),
  DATABASE_POOL_SIZE: z.coerce
    .number({ error: 'must be a whole number from 1 to 100' })
    .int('must be a whole number from 1 to 100')
    .min(1, 'must be a whole number from 1 to 100')
    .max(100, 'must be a whole number from 1 to 100')
    .default(10),
  PORT: z.coerce.number({ error: 'must be a port number from 1 to 65535' }).int().min(1).max(65535).default(3000),
  // How long a stop (SIGTERM) may take in all: a deploy's grace period is usually 30 s.
  SHUTDOWN_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a whole number of milliseconds from 1000 to 600000' })
    .int('must be a whole number of milliseconds from 1000 to 600000')
    .min(1_000, 'must be a whole number of milliseconds from 1000 to 600000')
    .max(600_000, 'must be a whole number of milliseconds from 1000 to 600000')
    .default(25_000),
  CLOSEOUT_ADMINS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    )
    .refine((ids) => ids.every((id) => SLACK_USER_PATTERN.test(id)), {
      error: (issue) =>
        `must be comma-separated Slack user IDs like U0123ABCD (not: ${(issue.input as string[]).filter((id) => !SLACK_USER_PATTERN.test(id)).join(', ')})`,
    }),
  CLOSEOUT_SCHEDULER: z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
  CLOSEOUT_TIMEZONE: z
    .string()
    .refine((tz) => IANAZone.isValidZone(tz), 'must be an IANA time zone such as Asia/Shanghai')
    .default('UTC'),
  CLOSEOUT_LANGUAGE: z.enum(['en', 'zh-CN'], { error: 'must be en or zh-CN' }).default('en'),
  /** New boards' working-day calendar (issue 22); existing boards keep theirs. */
  CLOSEOUT_CALENDAR: z
    .string()
    .transform((s) => (/^[a-z]{2}$/i.test(s) ? s.toUpperCase() : s.toLowerCase()))
    .pipe(z.string().regex(/^(?:none|weekends|[A-Z]{2})$/, 'must be a country code such as CN or US, weekends or none'))
    .default('weekends'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
});

export type Env = z.infer<typeof envSchema>;

/** Parses the environment; empty strings count as unset so `FOO=` in a .env file falls back to the default. */
export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  return result.data;
}

/** What the Slack app additionally needs: a bot token and one way to receive events. */
export function requireSlackEnv(env: Env): asserts env is Env & { SLACK_BOT_TOKEN: string } {
  const problems: string[] = [];
  if (!env.SLACK_BOT_TOKEN) problems.push('SLACK_BOT_TOKEN: required to run the bot (xoxb-…)');
  if (!env.SLACK_SIGNING_SECRET && !env.SLACK_APP_TOKEN) {
    problems.push('SLACK_SIGNING_SECRET or SLACK_APP_TOKEN: set one (HTTP mode or Socket Mode)');
  }
  if (problems.length) throw new ConfigError(problems);
}
