import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Language } from '../../src/domain/types.js';
import { t, type MessageKey } from '../../src/i18n/index.js';
import { createLogger } from '../../src/logging/logger.js';
import { dmOf } from '../../src/playground/people.js';
import { startPlayground, type RunningPlayground } from '../../src/playground/start.js';
import { browserAvailable, ensurePageBuilt, launch, poll, screenshotPath } from './browser.js';

const LEADER = 'U0DEMOL01';
const OTHER_LEADER = 'U0DEMOL02';
const OWNER = 'U0DEMO01';
/** Generous: CI machines are shared, and a step waits on the bot, the page and the browser. */
const TIMEOUT = 30_000;
/** The evidence file the owner attaches to the closeout request. */
const EVIDENCE = 'queue-report.pdf';
const PDF = '%PDF-1.4 queue times, one month';
const STEP = 90_000;

/**
 * Issue 14's journey in a real browser against `startPlayground` (the real bot, the stand-in Slack, the
 * page): a leader creates a problem with three measures, the owner reports from the card and requests
 * closeout, another leader approves, time travel brings the next round's prompt and round post, the owner
 * answers by typing, a leader reads the summary with its chart, and the App Home. Once per language.
 */
describe.runIf(browserAvailable()).each<{ lang: Language; shots: boolean }>(
  [
    { lang: 'en' as const, shots: true },
    { lang: 'zh-CN' as const, shots: false },
  ].filter((l) => !process.env.PLAYGROUND_LANG || l.lang === process.env.PLAYGROUND_LANG),
)('the playground in a browser ($lang)', ({ lang, shots }) => {
  const tr = (key: MessageKey, params?: Record<string, string | number>) => t(lang, key, params);
  const title = lang === 'en' ? 'Queue times at the permit window' : '审批窗口排队时间过长';
  let playground: RunningPlayground;
  let browser: Browser;
  let page: Page;
  let key = '';

  const shot = async (name: string) => {
    // The scheduler's toast would cover the composer in the picture.
    await page.evaluate("document.querySelector('.toast')?.remove()");
    await page.screenshot({ path: screenshotPath(shots ? name : `${lang}-${name}`) });
  };
  const actAs = async (user: string) => {
    await page.getByLabel(tr('playground.acting_as')).selectOption(user);
    await poll(() => page.evaluate("localStorage.getItem('closeout-playground-persona')")).toBe(user);
  };
  const openChannel = () => page.locator('.sidebar .nav-item', { hasText: 'rect-findings' }).click();
  const openDm = async () => {
    await page.locator('.sidebar .nav-item', { hasText: 'Closeout' }).click();
    await page.getByRole('tab', { name: tr('playground.tab.messages') }).click();
  };
  const type = async (text: string) => {
    const box = page.locator('.conversation-main .composer-input');
    await box.fill(text);
    await box.press('Enter');
  };
  const modal = () => page.getByRole('dialog');
  const closed = () => poll(() => modal().count()).toBe(0);
  const input = (blockId: string) => modal().locator(`[data-block="${blockId}"]`);

  beforeAll(async () => {
    await ensurePageBuilt();
    playground = await startPlayground({
      port: 0,
      logger: createLogger('warn'),
      databaseUrl: `file:${path.join(inject('testDbDir'), `playground-${lang}-${process.pid}.db`)}`,
      language: lang,
      scheduler: false,
    });
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: lang });
    page.setDefaultTimeout(TIMEOUT);
    await page.goto(`${playground.url}/?as=${LEADER}`);
  }, 120_000);

  // What the page showed when a step failed, to see why.
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail')
      await page?.screenshot({ path: screenshotPath(`failed-${lang}-${task.name.slice(0, 40)}.png`) });
  });

  afterAll(async () => {
    await browser?.close();
    await playground?.stop();
  });

  it(
    'a leader creates a problem with three measures in the `new` modal',
    async () => {
      await openChannel();
      await type('/closeout new');
      await poll(() => modal().getAttribute('aria-label')).toBe(tr('new.modal.title'));
      await input('title').locator('input').fill(title);
      await input('owner').locator('select').selectOption(OWNER);
      await input('unit')
        .locator('input')
        .fill(lang === 'en' ? 'Permit office' : '行政审批科');
      await input('deadline').locator('input').fill('2027-01-31');
      await input('measures').locator('textarea').fill('Open a second window\nOnline booking\nWeekly queue report');
      await modal().locator('[data-submit]').click();
      await closed();
      const created = page.locator('.message.ephemeral', { hasText: title }).last();
      await poll(() => created.textContent()).toContain(tr('playground.ephemeral'));
      key = /RECT-\d+/.exec((await created.textContent()) ?? '')?.[0] ?? '';
      expect(key).toMatch(/^RECT-3[2-9]$/);
    },
    STEP,
  );

  it(
    'the owner reports progress from the card, then requests closeout',
    async () => {
      await actAs(OWNER);
      await openDm();
      await type(`/closeout show ${key}`);
      const card = page.locator('.message.ephemeral', { hasText: title }).last();
      await card.getByRole('button', { name: tr('btn.report') }).click();
      await poll(() => modal().getAttribute('aria-label')).toBe(tr('report.modal.title'));
      await modal().locator('[data-block="health"] input[type=radio]').nth(1).check();
      await modal().locator('[data-block="percent"] input').fill('60');
      await modal()
        .locator('[data-block="note"] textarea, [data-block="note"] input')
        .first()
        .fill(lang === 'en' ? 'Second window open' : '已开设第二个窗口');
      await modal().locator('[data-block="measures_done"] input[type=checkbox]').first().check();
      await shot('modal.png');
      await modal().locator('[data-submit]').click();
      await closed();
      await poll(() => page.locator('.conversation-main').textContent()).toContain('60%');

      await type(`/closeout show ${key}`);
      await page
        .locator('.message.ephemeral', { hasText: title })
        .last()
        .getByRole('button', { name: tr('btn.request_closeout') })
        .click();
      await poll(() => modal().getAttribute('aria-label')).toBe(tr('closeout.modal.title'));
      await modal()
        .locator('[data-block="evidence"] textarea')
        .fill(lang === 'en' ? 'Queues under 15 minutes for a month.' : '连续一个月排队时间低于15分钟。');
      // The demo board requires evidence files: without one the request is refused inline.
      await modal().locator('[data-submit]').click();
      await poll(() => input('evidence_files').locator('[role=alert]').textContent()).toBe(
        tr('error.evidence_files_required'),
      );
      // The page's own limits answer at once; nothing is uploaded.
      const picker = input('evidence_files').locator('input[type=file]');
      expect(await picker.getAttribute('accept')).toContain('.pdf');
      await picker.setInputFiles({ name: 'huge.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(6 << 20) });
      await poll(() => input('evidence_files').locator('.file-input [role=alert]').textContent()).toBe(
        tr('playground.file.too_big', { name: 'huge.pdf', max: 5 }),
      );
      const many = Array.from({ length: 11 }, (_, i) => ({
        name: `photo-${i}.png`,
        mimeType: 'image/png',
        buffer: Buffer.from('png'),
      }));
      await picker.setInputFiles(many);
      await poll(() => input('evidence_files').locator('.file-input [role=alert]').textContent()).toBe(
        tr('playground.file.too_many', { max: 10 }),
      );
      await picker.setInputFiles({ name: EVIDENCE, mimeType: 'application/pdf', buffer: Buffer.from(PDF) });
      await poll(() => input('evidence_files').locator('.file-chip').textContent()).toContain(EVIDENCE);
      await shot('closeout-files.png');
      await modal().locator('[data-submit]').click();
      await closed();
    },
    STEP,
  );

  it(
    'another leader approves the request from their DM',
    async () => {
      await actAs(OTHER_LEADER);
      await openDm();
      const request = page.locator('.message', { hasText: key }).last();
      // The attached file is a link in the request, served back by the stand-in as a download.
      const link = request.getByRole('link', { name: EVIDENCE });
      const href =
        (await link.getAttribute('href').catch(async (err: unknown) => {
          // Seen once under CI's load: say what the stand-in holds and what the page shows, for the next look.
          const held = playground.workspace.messages
            .filter((m) => m.channel === dmOf(OTHER_LEADER))
            .map((m) => `${m.ts}: ${JSON.stringify(m.blocks ?? m.text).slice(0, 800)}`);
          const shown = await page
            .locator('.conversation-main')
            .textContent({ timeout: 1_000 })
            .catch(() => '?');
          throw new Error(`${String(err)}\nstand-in:\n${held.join('\n')}\npage:\n${shown}`);
        })) ?? '';
      expect(href).toMatch(new RegExp(`^${playground.url}/files/F\\d+/${EVIDENCE}$`));
      const served = await fetch(href);
      expect(served.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''${EVIDENCE}`);
      expect(await served.text()).toBe(PDF);
      // Exact: "Approve, long-term" is a button of the same message.
      await request.getByRole('button', { name: tr('btn.approve'), exact: true }).click();
      await poll(() => page.locator('.message', { hasText: key }).last().textContent()).toContain(
        tr('playground.edited'),
      );
    },
    STEP,
  );

  it(
    'time travel to the next round brings the prompt DM and the round post',
    async () => {
      await actAs(OWNER);
      await openDm();
      await page.getByRole('button', { name: tr('playground.time.round') }).click();
      // The whole scheduler runs, including the digest's chart (the first chart of a process takes a while).
      await poll(() => page.getByRole('status').textContent(), { timeout: 60_000 }).toMatch(/\d+/);
      const prompt = page.locator('.conversation-main .message', { hasText: tr('btn.no_change') }).last();
      await poll(() => prompt.textContent()).toMatch(lang === 'en' ? /update round \d+/ : /第 \d+ 轮进展更新/);
      expect(await prompt.getByRole('button', { name: tr('btn.report') }).count()).toBeGreaterThan(0);
      await shot('prompt-dm.png');
      // The round's post in the board channel: the digest of the round that just ended, in the board's
      // language (the demo board's is Chinese).
      await openChannel();
      const digest = page.locator('.conversation-main .message', { hasText: /第 \d+ 轮进展汇总/ }).last();
      await poll(() => digest.locator('.block.header').textContent()).toMatch(/第 \d+ 轮进展汇总/);
      await shot('round-post.png');
    },
    STEP,
  );

  it(
    'the board channel shows its live ledger as a tab, rewritten after the round',
    async () => {
      await openChannel();
      await page.getByRole('tab', { name: tr('playground.tab.ledger') }).click();
      const canvas = page.locator('.canvas');
      // The board's language (the demo board's is Chinese): its title, a table per status, owners by name.
      await poll(() => canvas.locator('h1').textContent()).toContain('（RECT）整改台账');
      expect(await canvas.locator('table').count()).toBeGreaterThan(2);
      const row = canvas.locator('tr', { hasText: key });
      await poll(() => row.textContent()).toContain(title);
      expect(await row.textContent()).toContain(lang === 'en' ? 'Wang Fang' : '王芳');
      expect(await row.textContent()).toContain(t('zh-CN', 'status.closed'));
      await shot('playground-ledger.png');
      await page.getByRole('tab', { name: tr('playground.tab.messages') }).click();
      await poll(() => page.locator('.conversation-main .message').count()).toBeGreaterThan(0);
    },
    STEP,
  );

  it(
    'the owner answers the prompt by typing in the DM',
    async () => {
      await openDm();
      const prompt = page.locator('.conversation-main .message', { hasText: tr('btn.no_change') }).last();
      const open = /RECT-\d+/.exec((await prompt.textContent()) ?? '')?.[0];
      expect(open).toBeTruthy();
      const note = lang === 'en' ? 'online booking is live' : '网上预约已上线';
      await type(`${open} 85% ${note}`);
      // The bot answers in the message's thread.
      const mine = page.locator('.conversation-main .message', { hasText: note }).last();
      await mine.locator('.replies').click();
      const thread = page.locator('.thread');
      await poll(() => thread.textContent()).toContain(tr('chat.edit'));
      await poll(() => thread.textContent()).toContain('85%');
      await thread.getByRole('button', { name: tr('playground.close') }).click();
    },
    STEP,
  );

  it(
    'time travel to the nudge posts who has not reported yet; +1 day moves the clock a day',
    async () => {
      const now = async () =>
        Date.parse(((await (await fetch(`${playground.url}/pg/state`)).json()) as { now: string }).now);
      const before = await now();
      const clock = () => page.locator('.time-travel .clock').textContent();
      await page.getByRole('button', { name: tr('playground.time.nudge') }).click();
      await poll(now, { timeout: 60_000 }).toBeGreaterThan(before);
      await poll(clock, { timeout: 60_000 }).not.toContain(tr('playground.time.busy'));
      // The board's nudge goes to its channel, in the board's language (the demo board's is Chinese).
      await openChannel();
      const nudge = page.locator('.conversation-main .message', {
        hasText: /第 \d+ 轮进展更新将于 .+ 截止。以下 \d+ 人尚未报送/,
      });
      await poll(() => nudge.count()).toBeGreaterThan(0);

      const atNudge = await now();
      await page.getByRole('button', { name: tr('playground.time.day') }).click();
      await poll(now).toBeGreaterThanOrEqual(atNudge + 24 * 60 * 60_000);
      expect(await now()).toBeLessThan(atNudge + 25 * 60 * 60_000);
      await poll(clock, { timeout: 60_000 }).not.toContain(tr('playground.time.busy'));
    },
    STEP,
  );

  it(
    'a leader reads the summary with its chart',
    async () => {
      await actAs(LEADER);
      await openDm();
      await type('/closeout summary');
      const chart = page.locator('.conversation-main .image-file img').last();
      await poll(() => chart.evaluate((img: { naturalWidth: number }) => img.naturalWidth)).toBeGreaterThan(100);
      await poll(() => page.locator('.conversation-main .message.ephemeral').last().textContent()).toContain('RECT');
      await chart.scrollIntoViewIfNeeded();
      await shot('summary-chart.png');
    },
    STEP,
  );

  it(
    'the App Home shows the leader’s board dashboard and the owner’s open problems',
    async () => {
      await page.locator('.sidebar .nav-item', { hasText: 'Closeout' }).click();
      await page.getByRole('tab', { name: tr('playground.tab.home') }).click();
      await poll(() => page.locator('.home').textContent()).toContain(tr('home.boards.title.leader'));
      await shot('app-home.png');
      await actAs(OWNER);
      await poll(() => page.locator('.home').textContent()).toContain(tr('home.mine.title'));
      await poll(() => page.locator('.home').textContent()).not.toContain(key + ' ');
    },
    STEP,
  );
});
