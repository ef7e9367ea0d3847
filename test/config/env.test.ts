import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { parseEnv, requireSlackEnv } from '../../src/config/env.js';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    parseEnv(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('environment', () => {
  it('has defaults for everything optional', () => {
    expect(parseEnv({})).toEqual({
      DATABASE_URL: 'file:./data/closeout.db',
      DATABASE_POOL_SIZE: 10,
      PORT: 3000,
      SHUTDOWN_TIMEOUT_MS: 25_000,
      CLOSEOUT_ADMINS: [],
      CLOSEOUT_SCHEDULER: 'on',
      CLOSEOUT_TIMEZONE: 'UTC',
      CLOSEOUT_LANGUAGE: 'en',
      CLOSEOUT_CALENDAR: 'weekends',
      LOG_LEVEL: 'info',
    });
  });

  it('reads valid values, trimming admin IDs and treating empty variables as unset', () => {
    const env = parseEnv({
      SLACK_BOT_TOKEN: 'xoxb-1-2-3',
      SLACK_SIGNING_SECRET: 'shh',
      SLACK_APP_TOKEN: 'xapp-1-2',
      SLACK_API_URL: 'http://127.0.0.1:9999/api/',
      DATABASE_URL: 'postgres://u@localhost/closeout',
      PORT: '8080',
      SHUTDOWN_TIMEOUT_MS: '10000',
      CLOSEOUT_ADMINS: ' U0123ABCD , W9XYZ ,',
      CLOSEOUT_SCHEDULER: 'off',
      CLOSEOUT_TIMEZONE: 'Asia/Shanghai',
      CLOSEOUT_LANGUAGE: 'zh-CN',
      LOG_LEVEL: 'debug',
      UNRELATED: 'ignored',
    });
    expect(env).toMatchObject({
      PORT: 8080,
      SHUTDOWN_TIMEOUT_MS: 10_000,
      CLOSEOUT_ADMINS: ['U0123ABCD', 'W9XYZ'],
      CLOSEOUT_SCHEDULER: 'off',
      CLOSEOUT_TIMEZONE: 'Asia/Shanghai',
    });
    expect(env).not.toHaveProperty('UNRELATED');
    expect(parseEnv({ PORT: '', LOG_LEVEL: '  ' })).toMatchObject({ PORT: 3000, LOG_LEVEL: 'info' });
  });

  const bad: [string, string, RegExp][] = [
    ['SLACK_BOT_TOKEN', 'xoxp-user-token', /xoxb-/],
    ['SLACK_APP_TOKEN', 'xoxb-1', /xapp-/],
    ['SLACK_API_URL', 'ftp://example.test', /http\(s\) URL/],
    ['SLACK_API_URL', 'not a url', /http\(s\) URL/],
    ['DATABASE_URL', 'mysql://localhost/db', /file: .*postgres/],
    ['PORT', 'eighty', /port number/],
    ['PORT', '70000', /1 to 65535/],
    ['PORT', '0', /port number/],
    ['SHUTDOWN_TIMEOUT_MS', '25s', /milliseconds from 1000 to 600000/],
    ['SHUTDOWN_TIMEOUT_MS', '500', /milliseconds from 1000 to 600000/],
    ['SHUTDOWN_TIMEOUT_MS', '1e9', /milliseconds from 1000 to 600000/],
    ['CLOSEOUT_ADMINS', 'U0123ABCD,alice', /Slack user IDs.*alice/],
    ['CLOSEOUT_SCHEDULER', 'yes', /on or off/],
    ['CLOSEOUT_TIMEZONE', 'China/Beijing', /IANA time zone/],
    ['CLOSEOUT_LANGUAGE', 'fr', /en or zh-CN/],
    ['CLOSEOUT_CALENDAR', 'Mars', /country code such as CN or US, weekends or none/],
    ['LOG_LEVEL', 'verbose', /fatal, error, warn, info, debug, trace, silent/],
  ];
  for (const [name, value, reason] of bad) {
    it(`names ${name}=${value}`, () => {
      const problems = problemsOf({ [name]: value });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(new RegExp(`^${name}: `));
      expect(problems[0]).toMatch(reason);
    });
  }

  it('reports every bad variable together in one message, without a stack trace in it', () => {
    let error: ConfigError | undefined;
    try {
      parseEnv({
        PORT: 'x',
        CLOSEOUT_LANGUAGE: 'de',
        CLOSEOUT_TIMEZONE: 'Nowhere',
        SLACK_BOT_TOKEN: 'abc',
        DATABASE_URL: 'file:./ok.db',
      });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'CLOSEOUT_LANGUAGE',
      'CLOSEOUT_TIMEZONE',
      'PORT',
      'SLACK_BOT_TOKEN',
    ]);
    const lines = error!.message.split('\n');
    expect(lines[0]).toMatch(/Closeout cannot start/);
    expect(lines).toHaveLength(5);
    expect(error!.message).not.toMatch(/\bat \S+:\d+/);
  });

  it('the bot additionally needs a bot token and one way to receive events', () => {
    expect(() => requireSlackEnv(parseEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }))).not.toThrow();
    expect(() => requireSlackEnv(parseEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' }))).not.toThrow();
    let error: ConfigError | undefined;
    try {
      requireSlackEnv(parseEnv({}));
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems).toEqual([
      expect.stringMatching(/^SLACK_BOT_TOKEN: /),
      expect.stringMatching(/^SLACK_SIGNING_SECRET or SLACK_APP_TOKEN: /),
    ]);
  });
});

describe('CLOSEOUT_CALENDAR', () => {
  it('takes a country code in either case, weekends or none', () => {
    expect(parseEnv({ CLOSEOUT_CALENDAR: 'cn' }).CLOSEOUT_CALENDAR).toBe('CN');
    expect(parseEnv({ CLOSEOUT_CALENDAR: 'NONE' }).CLOSEOUT_CALENDAR).toBe('none');
    expect(parseEnv({ CLOSEOUT_CALENDAR: 'weekends' }).CLOSEOUT_CALENDAR).toBe('weekends');
  });
});
