import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEADER, OTHER, OWNER } from '../support/fixtures.js';
import { seedSummaryDataset, SUMMARY_NOW } from '../support/summary-dataset.js';
import { TestApp } from '../support/test-app.js';

/**
 * Issue 24: the progress report names owners by their Slack display name, not their member ID: one
 * users.info per distinct owner, cached across reports; an owner Slack will not describe stays an ID.
 * OWNER owns the overdue problems (RECT-1, RECT-2), OTHER one due in the next 30 days (RECT-8).
 */
let app: TestApp;
let dir: string;
beforeAll(async () => {
  app = await TestApp.start({ at: SUMMARY_NOW });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-names-'));
  await seedSummaryDataset(app.deps, app.clock);
  app.fake.on('users.info', (args) => {
    if (args.user === OTHER.userId) return { ok: false, error: 'user_not_found' };
    if (args.user === OWNER.userId)
      return {
        ok: true,
        user: { id: OWNER.userId, name: 'wf', real_name: 'Wang Fang (real)', profile: { display_name: 'Wang Fang' } },
      };
    return undefined;
  });
});
afterAll(async () => {
  await app.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function reportAs(format: 'docx' | 'pdf'): Promise<Buffer> {
  const before = app.fake.uploads.length;
  expect((await app.command(`summary RECT as:${format}`, LEADER.userId)).status).toBe(200);
  await app.fake.waitFor(() => app.fake.uploads.length > before, 30_000);
  return app.fake.uploads.at(-1)!.body;
}

const lookupsOf = (userId: string) => app.fake.callsTo('users.info').filter((c) => c.args.user === userId).length;

describe('owner names in the progress report', () => {
  it('the Word document shows the display name, not the member ID', async () => {
    const xml = await (await JSZip.loadAsync(await reportAs('docx'))).file('word/document.xml')!.async('string');
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('\n');
    expect(text).toContain('RECT-1');
    expect(text).toContain('Wang Fang');
    expect(text).not.toContain(OWNER.userId);
    // Slack refused to describe OTHER: the ID stands in.
    expect(text).toContain(OTHER.userId);
    expect(lookupsOf(OWNER.userId)).toBe(1);
    // Kept for documents made without Slack (the CLI).
    expect(await app.db.person.findMany({ select: { userId: true, name: true } })).toEqual([
      { userId: OWNER.userId, name: 'Wang Fang' },
    ]);
  });

  it('the PDF shows it too, without asking Slack again', async () => {
    const file = path.join(dir, 'report.pdf');
    fs.writeFileSync(file, await reportAs('pdf'));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('RECT-2');
    expect(text).toContain('Wang Fang');
    expect(text).not.toContain(OWNER.userId);
    expect(lookupsOf(OWNER.userId)).toBe(1);
  });
});
