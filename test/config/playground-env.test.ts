import { describe, expect, it } from 'vitest';
import { wantsPlayground } from '../../src/config/start-mode.js';

describe('wantsPlayground: what `npm start` runs', () => {
  it('serves the playground when no Slack variable is set outside production', () => {
    expect(wantsPlayground({})).toBe(true);
    expect(wantsPlayground({ PORT: '4000', NODE_ENV: 'development', SLACK_BOT_TOKEN: ' ' })).toBe(true);
  });

  it('runs the bot (or its configuration error) when any Slack variable is set', () => {
    for (const name of ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'SLACK_API_URL']) {
      expect(wantsPlayground({ [name]: 'x' })).toBe(false);
    }
  });

  it('never serves the playground in production', () => {
    expect(wantsPlayground({ NODE_ENV: 'production' })).toBe(false);
  });
});
