import { describe, expect, it } from 'vitest';
import { isSlackFileUrl } from '../../../src/slack/import/download.js';

const API = 'https://slack.com/api/';

describe('isSlackFileUrl: where the bot token may go with a file download', () => {
  it("accepts Slack's file hosts, commercial and GovSlack", () => {
    expect(isSlackFileUrl('https://files.slack.com/files-pri/T1-F1/download/list.csv', API)).toBe(true);
    expect(isSlackFileUrl('https://files.slack-gov.com/files-pri/T1-F1/download/list.csv', API)).toBe(true);
    expect(isSlackFileUrl('https://files.slack-gov.com/files-pri/T1-F1/list.xlsx', 'https://slack-gov.com/api/')).toBe(
      true,
    );
  });

  it('accepts the configured Slack API host (a proxy, the fake Slack in tests)', () => {
    expect(isSlackFileUrl('http://127.0.0.1:4000/files/F1', 'http://127.0.0.1:4000/api/')).toBe(true);
  });

  it('refuses every other host, plain http, look-alikes and URLs with credentials', () => {
    for (const url of [
      'https://files.example.com/list.csv',
      'http://files.slack.com/list.csv',
      'http://files.slack-gov.com/list.csv',
      'https://files.slack.com.evil.example/list.csv',
      'https://evilslack-gov.com/list.csv',
      'https://files.slack-gov.com.evil.example/list.csv',
      'https://user:pw@files.slack.com/list.csv',
      'not a url',
    ])
      expect(isSlackFileUrl(url, API), url).toBe(false);
  });
});
