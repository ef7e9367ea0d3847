import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { DomainError, type DomainErrorCode } from '../../src/domain/errors.js';
import type { MessageKey } from '../../src/i18n/index.js';
import { createTestDb, type TestDb } from './db.js';
import { makeDeps } from './fixtures.js';

/** A fresh migrated database and fixed-clock deps for every test of the calling file. */
export function useDb(at?: string) {
  const ctx = {} as { t: TestDb } & ReturnType<typeof makeDeps>;
  beforeEach(() => {
    ctx.t = createTestDb();
    Object.assign(ctx, makeDeps(ctx.t.db, at));
  });
  afterEach(() => ctx.t.close());
  return ctx;
}

/** Awaits a refusal and checks its code, message key and (some of) its params. */
export async function expectRefusal(
  work: Promise<unknown>,
  code: DomainErrorCode,
  key: MessageKey,
  params?: Record<string, string | number>,
): Promise<DomainError> {
  const error = await work.then(
    () => {
      throw new Error(`expected ${code} ${key}, but it succeeded`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  const d = error as DomainError;
  expect({ code: d.code, key: d.key }).toEqual({ code, key });
  if (params) expect(d.params).toMatchObject(params);
  return d;
}

/** Audit rows, oldest first, with before/after parsed. */
export async function auditRows(db: Db, where: { action?: string; targetType?: string; targetId?: string } = {}) {
  const rows = await db.auditEvent.findMany({ where, orderBy: { id: 'asc' } });
  return rows.map((r) => ({
    ...r,
    before: r.before === null ? null : (JSON.parse(r.before) as Record<string, unknown>),
    after: r.after === null ? null : (JSON.parse(r.after) as Record<string, unknown>),
  }));
}

/**
 * Runs a script from test/services/procs in its own Node process (a second instance of the app, as far
 * as SQLite is concerned). The script prints "ready" once connected and waits for "go" on stdin, so the
 * test decides when the processes race; its last stdout line is its JSON result.
 */
export function spawnProc(script: string, args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('test/services/procs', script), ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let onReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    if (out.includes('ready\n')) onReady();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const killer = setTimeout(() => child.kill(), 30_000);
  const result = new Promise<string>((resolve, reject) =>
    child.on('close', (code) => {
      clearTimeout(killer);
      if (code === 0) resolve(out.trim().split('\n').at(-1) ?? '');
      else reject(new Error(`${script} exited with ${code}: ${err}`));
    }),
  );
  return { ready, result, go: () => child.stdin.end('go\n') };
}
