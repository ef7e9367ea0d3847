import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { expect } from 'vitest';
import { WEB_ROOT } from '../../src/playground/web-root.js';

/** Debian's chromium (`apt-get install -y chromium`), or CHROMIUM_PATH. */
export const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (p): p is string => Boolean(p && fs.existsSync(p)),
);

export const HOW_TO_RUN =
  'Browser tests skipped: no Chromium found. Install it (as root: apt-get update && apt-get install -y chromium) ' +
  'or point CHROMIUM_PATH at a Chromium binary, then run npx vitest run --config .config/vitest.config.ts test/playground. ' +
  '.ci/run installs it and always runs them.';

/** CI must run the browser tests: there a missing Chromium is a failure, not a skip. */
export function browserAvailable(): boolean {
  if (CHROMIUM) return true;
  if (process.env.CI) throw new Error(`${HOW_TO_RUN} (CI is set, so this is an error)`);
  console.warn(HOW_TO_RUN);
  return false;
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    // Without the networking flags Chromium keeps trying hosts this machine cannot reach.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}

const root = path.resolve(import.meta.dirname, '../..');
const WEB_SRC = path.join(root, 'src/playground/web');

function newest(dir: string): number {
  return Math.max(
    ...fs.readdirSync(dir, { withFileTypes: true }).map((e) => fs.statSync(path.join(dir, e.name)).mtimeMs),
  );
}

/** Builds the page when the build is missing or older than its sources (npm ci builds it; a checkout may not have). */
export async function ensurePageBuilt(): Promise<void> {
  const index = path.join(WEB_ROOT, 'index.html');
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= newest(WEB_SRC)) return;
  await build({ configFile: path.join(root, '.config/vite.playground.config.ts'), logLevel: 'warn' });
}

/** Where screenshots go: docs/screenshots with SCREENSHOTS=docs (npm run screenshots), else a scratch folder. */
export function screenshotPath(name: string): string {
  const dir =
    process.env.SCREENSHOTS === 'docs' ? path.join(root, 'docs/screenshots') : path.join(root, '.test-output');
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

/** expect.poll with room for a shared, busy machine (its default gives up after a second). */
export function poll<T>(read: () => T | Promise<T>, opts: { timeout?: number } = {}) {
  return expect.poll(read, { timeout: opts.timeout ?? 30_000, interval: 100 });
}
