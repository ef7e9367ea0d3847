import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { blockKitProblems, schemaValidators } from './block-kit.js';

const call = (method: string, args: Record<string, unknown>) => ({ method, args, at: 0 });

describe('the Block Kit checker used by the e2e suites', () => {
  it('uses the shared Slack schemas whenever they are present (always in CI)', () => {
    const present = fs.existsSync(path.resolve('..', 'shared', 'slack-schemas', 'block-kit.schema.json'));
    expect(schemaValidators() !== null).toBe(present);
  });

  it('accepts a valid message, modal and home view', () => {
    const section = { type: 'section', text: { type: 'mrkdwn', text: 'hi' } };
    expect(
      blockKitProblems([
        call('chat.postMessage', { channel: 'C1', blocks: [section] }),
        call('views.open', { view: { type: 'modal', title: { type: 'plain_text', text: 'T' }, blocks: [section] } }),
        call('views.publish', { view: { type: 'home', blocks: [section] } }),
      ]),
    ).toEqual([]);
  });

  it('reports limit breaches the schema may not catch', () => {
    const long = 'x'.repeat(3001);
    const problems = blockKitProblems([
      call('chat.postMessage', { blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) }),
      call('chat.postMessage', { blocks: [{ type: 'section', text: { type: 'mrkdwn', text: long } }] }),
      call('views.open', {
        view: {
          type: 'modal',
          title: { type: 'plain_text', text: 'A title longer than 24 chars' },
          blocks: [{ type: 'divider' }],
        },
      }),
    ]);
    expect(problems.join('\n')).toMatch(/51 blocks > 50/);
    expect(problems.join('\n')).toMatch(/text 3001 > 3000/);
    expect(problems.join('\n')).toMatch(/title .* > 24/);
  });

  it.runIf(schemaValidators() !== null)('reports schema violations', () => {
    const problems = blockKitProblems([
      call('chat.postMessage', { blocks: [{ type: 'section', text: { type: 'bogus', text: 'x' } }] }),
    ]);
    expect(problems.some((p) => p.includes('schema'))).toBe(true);
  });
});
