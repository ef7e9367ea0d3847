import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { startPlayground, type RunningPlayground } from '../../src/playground/start.js';
import { browserAvailable, ensurePageBuilt, launch, poll, screenshotPath } from './browser.js';

const SHIPPED = 'Noto Sans SC Variable';

/**
 * Issue 22: in Debian's Chromium (no Chinese system font) the page in 中文 showed boxes for text laid out
 * while its file of the shipped font was still loading (the bold title, the persona label and select, the
 * channels heading, the Messages tab, the Send button), and they stayed boxes. The page now loads the
 * shipped font before its first render, and every control draws with it.
 */
describe.runIf(browserAvailable())('the playground page draws its Chinese with the font it ships', () => {
  let playground: RunningPlayground;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await ensurePageBuilt();
    playground = await startPlayground({
      port: 0,
      logger: createLogger('warn'),
      databaseUrl: `file:${path.join(inject('testDbDir'), `playground-font-${process.pid}.db`)}`,
      language: 'zh-CN',
      scheduler: false,
    });
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
    // Records, at the first moment the app puts anything on the page, which files of the font were loaded.
    await page.addInitScript(`(() => {
      new MutationObserver((_m, observer) => {
        const app = document.getElementById('app');
        if (!app || !app.firstChild) return;
        observer.disconnect();
        const faces = [...document.fonts].filter((f) => f.family.replace(/["']/g, '') === '${SHIPPED}');
        window.__fontsAtFirstRender = { total: faces.length, loaded: faces.filter((f) => f.status === 'loaded').length };
      }).observe(document, { childList: true, subtree: true });
    })()`);
    await page.goto(`${playground.url}/?as=U0DEMOL01`);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await playground?.stop();
  });

  it('every file of the font is loaded before the first render, and the bold title and the controls use it', async () => {
    await page.locator('.workspace').waitFor();
    await poll(() => page.evaluate('Boolean(window.__fontsAtFirstRender)')).toBe(true);
    const fonts = (await page.evaluate('window.__fontsAtFirstRender')) as { total: number; loaded: number };
    expect(fonts.total).toBeGreaterThan(50);
    expect(fonts.loaded).toBe(fonts.total);

    const styleOf = (selector: string) =>
      page.evaluate(`(() => {
        const el = document.querySelector(${JSON.stringify(selector)});
        const s = getComputedStyle(el);
        return { family: s.fontFamily, weight: Number(s.fontWeight), text: el.textContent ?? '' };
      })()`) as Promise<{ family: string; weight: number; text: string }>;
    const title = await styleOf('.workspace');
    expect(title.text).toContain('体验场');
    expect(title.weight).toBeGreaterThanOrEqual(700);
    for (const sel of ['.workspace', '.persona select', '.persona', '.tab.active', '.send']) {
      expect((await styleOf(sel)).family, sel).toContain(SHIPPED);
    }
    // Each Chinese character of the bold title has its glyph in a loaded file of the shipped font.
    expect(await page.evaluate(`document.fonts.check('900 17px "${SHIPPED}"', '体验场当前身份频道消息发送')`)).toBe(
      true,
    );
    await page.screenshot({ path: screenshotPath('zh-CN-font.png') });
  });
});
