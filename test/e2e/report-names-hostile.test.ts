import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEADER, OTHER, OWNER } from '../support/fixtures.js';
import { seedSummaryDataset, SUMMARY_NOW } from '../support/summary-dataset.js';
import { TestApp } from '../support/test-app.js';

/**
 * Issue 24, hostile names: a display name is whatever a member typed in Slack. Ten thousand characters,
 * control characters (invalid in a Word document's XML) and bidi overrides must not break or stretch the
 * report, nor be kept as they came; a users.info that fails (HTTP 400) leaves the member ID.
 */
const HOSTILE = `<!here> *Wang*\u0001\u0007 \u202Eevil\u202C ${'N'.repeat(10_000)}`;

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.start({ at: SUMMARY_NOW });
  await seedSummaryDataset(app.deps, app.clock);
  app.fake.on('users.info', (args) => {
    if (args.user === OTHER.userId) return { status: 400, body: { ok: false, error: 'invalid_request' } };
    if (args.user === OWNER.userId)
      return { ok: true, user: { id: OWNER.userId, name: 'wf', profile: { display_name: HOSTILE } } };
    return undefined;
  });
});
afterAll(async () => {
  await app.stop();
});

describe('a hostile display name in the progress report', () => {
  it(
    'is cleaned and bounded in the document and in the Person table; a failing users.info leaves the ID',
    { timeout: 60_000 },
    async () => {
      const before = app.fake.uploads.length;
      expect((await app.command('summary RECT as:docx', LEADER.userId)).status).toBe(200);
      await app.fake.waitFor(() => app.fake.uploads.length > before, 30_000);
      const xml = await (
        await JSZip.loadAsync(app.fake.uploads.at(-1)!.body)
      )
        .file('word/document.xml')!
        .async('string');
      // eslint-disable-next-line no-control-regex -- what XML 1.0 forbids
      expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u202a-\u202e]/);
      expect(xml).toContain('&lt;!here&gt; *Wang*');
      expect(xml).not.toContain('N'.repeat(200));
      expect(xml).toContain(OTHER.userId);
      const [kept] = await app.db.person.findMany({ select: { userId: true, name: true } });
      expect(kept!.userId).toBe(OWNER.userId);
      expect(Array.from(kept!.name).length).toBeLessThanOrEqual(80);
      expect(kept!.name.startsWith('<!here> *Wang* evil ')).toBe(true);
    },
  );
});
