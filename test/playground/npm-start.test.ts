import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { ensurePageBuilt } from './browser.js';
import { freePort } from '../support/free-port.js';

/** `npm start` on a fresh machine: no Slack variables, so the playground, on loopback, with its banner. */
describe('npm start with no Slack settings', () => {
  const cwd = path.join(inject('testDbDir'), `npm-start-${process.pid}`);
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('SLACK_') && k !== 'NODE_ENV'),
  );
  let child: ReturnType<typeof spawn>;
  let out = '';
  let port = 0;

  beforeAll(async () => {
    await ensurePageBuilt();
    fs.mkdirSync(cwd, { recursive: true });
    port = await freePort();
    child = spawn(process.execPath, ['--import', 'tsx', path.resolve('src/main.ts')], {
      cwd,
      env: { ...env, PORT: String(port), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.stderr!.setEncoding('utf8').on('data', (c: string) => (out += c));
    const until = Date.now() + 60_000;
    while (!out.includes(`http://127.0.0.1:${port}`) && child.exitCode === null && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 90_000);

  afterAll(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('prints a banner saying where the playground is and how to connect a real workspace', () => {
    expect(out).toContain('Closeout playground');
    expect(out).toContain(`Open http://127.0.0.1:${port} in your browser.`);
    expect(out).toMatch(/SLACK_BOT_TOKEN.*SLACK_SIGNING_SECRET/s);
    expect(fs.existsSync(path.join(cwd, 'data/playground.db'))).toBe(true);
  });

  it('serves the page and the seeded demo workspace on 127.0.0.1', async () => {
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="app">');
    const state = (await (await fetch(`http://127.0.0.1:${port}/pg/state?user=U0DEMOL01`)).json()) as {
      personas: { id: string; role: string }[];
      channels: { name: string }[];
    };
    expect(state.personas.map((p) => p.role)).toEqual(['admin', 'leader', 'leader', ...Array(6).fill('owner')]);
    expect(state.channels.map((c) => c.name)).toContain('rect-findings');
  });

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
