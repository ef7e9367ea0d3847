import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { t } from '../../src/i18n/index.js';
import { createLogger } from '../../src/logging/logger.js';
import { BOT_USER, dmOf } from '../../src/playground/people.js';
import { startPlayground, type RunningPlayground } from '../../src/playground/start.js';
import { browserAvailable, ensurePageBuilt, launch, poll } from './browser.js';

const USER = 'U0DEMOL01';
/** A 2×2 PNG, so the image block loads without leaving the machine. */
const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAEklEQVR4nGP4z8DwHxkzkC4AAPJRD/EwVT7MAAAAAElFTkSuQmCC';

/** Every block and element type the renderer knows, plus one it does not. */
const GALLERY = [
  { type: 'header', text: { type: 'plain_text', text: 'Gallery :tada:', emoji: true } },
  {
    type: 'section',
    block_id: 'mrkdwn',
    text: {
      type: 'mrkdwn',
      text: '*bold* _italic_ ~strike~ `code` <https://example.test/x|a link> <@U0DEMO01> &lt;escaped&gt; &amp; more\n• first\n• second\n&gt; quoted line :large_green_circle:\n> raw quote',
    },
    accessory: {
      type: 'overflow',
      action_id: 'more',
      options: [{ text: { type: 'plain_text', text: 'Edit' }, value: 'edit' }],
    },
  },
  {
    type: 'section',
    fields: [
      { type: 'mrkdwn', text: '*Owner*\nWang' },
      { type: 'mrkdwn', text: '*Due*\nDec 20' },
    ],
  },
  { type: 'divider' },
  {
    type: 'context',
    elements: [
      { type: 'mrkdwn', text: 'context _note_' },
      { type: 'image', image_url: PNG, alt_text: 'dot' },
    ],
  },
  { type: 'image', image_url: PNG, alt_text: 'a chart', title: { type: 'plain_text', text: 'Chart' } },
  {
    type: 'actions',
    elements: [
      { type: 'button', action_id: 'go', text: { type: 'plain_text', text: 'Go' }, style: 'primary', value: 'v' },
      { type: 'button', action_id: 'stop', text: { type: 'plain_text', text: 'Stop' }, style: 'danger' },
      {
        type: 'static_select',
        action_id: 'pick',
        placeholder: { type: 'plain_text', text: 'Pick one' },
        options: [{ text: { type: 'plain_text', text: 'One' }, value: '1' }],
      },
      { type: 'users_select', action_id: 'who', placeholder: { type: 'plain_text', text: 'Someone' } },
      { type: 'datepicker', action_id: 'when' },
    ],
  },
  { type: 'video_of_the_future', block_id: 'odd' },
];

describe.runIf(browserAvailable())('the page draws Block Kit', () => {
  let playground: RunningPlayground;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await ensurePageBuilt();
    playground = await startPlayground({
      port: 0,
      logger: createLogger('warn'),
      databaseUrl: `file:${path.join(inject('testDbDir'), `playground-blocks-${process.pid}.db`)}`,
      scheduler: false,
    });
    browser = await launch();
    page = await browser.newPage();
    playground.workspace.post({ channel: dmOf(USER), user: BOT_USER, text: 'gallery', blocks: GALLERY });
    await page.goto(`${playground.url}/?as=${USER}`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await playground?.stop();
  });

  it('renders every block type the bot sends, with mrkdwn formatting and escapes', async () => {
    const message = page.locator('.message', { hasText: 'Gallery' });
    await poll(() => message.count()).toBe(1);
    expect(await message.locator('.block.header').textContent()).toBe('Gallery 🎉');
    const text = message.locator('[data-block="mrkdwn"], .section-text').first();
    expect(await text.locator('b').textContent()).toBe('bold');
    expect(await text.locator('i').textContent()).toBe('italic');
    expect(await text.locator('s').textContent()).toBe('strike');
    expect(await text.locator('code').textContent()).toBe('code');
    expect(await text.locator('a').getAttribute('href')).toBe('https://example.test/x');
    expect(await text.locator('.mention').textContent()).toBe('@Wang Fang');
    expect(await text.textContent()).toContain('<escaped> & more');
    expect(await text.textContent()).toContain('• first\n• second');
    // Consecutive quoted lines make one quote, escaped (`&gt;`) or not.
    expect(await text.locator('blockquote').textContent()).toMatch(/quoted line 🟢\s+raw quote/);
    expect(await message.locator('.field').count()).toBe(2);
    expect(await message.locator('hr.divider').count()).toBe(1);
    expect(await message.locator('.block.context').textContent()).toContain('context note');
    expect(await message.locator('.block.image figcaption').textContent()).toBe('Chart');
    expect(await message.locator('.btn-primary').textContent()).toBe('Go');
    expect(await message.locator('.btn-danger').textContent()).toBe('Stop');
    expect(await message.locator('select[data-action="pick"] option').allTextContents()).toEqual(['Pick one', 'One']);
    expect(await message.locator('select[data-action="who"] option').count()).toBe(10);
    expect(await message.locator('input[type=date]').count()).toBe(1);
    await message.getByRole('button', { name: 'More actions' }).click();
    expect(await message.getByRole('menuitem').textContent()).toBe('Edit');
  });

  it('shows a block type it does not know as a visible placeholder, and the rest of the page still works', async () => {
    const message = page.locator('.message', { hasText: 'Gallery' });
    expect(await message.locator('.unknown-block').textContent()).toContain('video_of_the_future');
    await page.locator('.sidebar .nav-item', { hasText: 'rect-findings' }).click();
    await poll(() => page.locator('.main-head').textContent()).toContain('rect-findings');
  });

  it('switches everyone’s language: the page’s words and the bot’s answers', async () => {
    await page.getByLabel('Language').selectOption('zh-CN');
    await poll(() => page.locator('.sidebar').textContent()).toContain(t('zh-CN', 'playground.channels'));
    const box = page.locator('.conversation-main .composer-input');
    await box.fill('/closeout help');
    await box.press('Enter');
    const answer = page.locator('.message.ephemeral', { hasText: t('zh-CN', 'cmd.help.title') });
    await poll(() => answer.count()).toBe(1);
  }, 60_000);
});
