import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import type { Db } from '../../src/db/client.js';
import { fixedClock } from '../../src/domain/clock.js';
import { runCli } from '../../src/cli/program.js';
import { testDbReady } from './db.js';

function capture(isTTY: boolean) {
  const chunks: string[] = [];
  const stream = new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, callback) {
      chunks.push(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      callback();
    },
  });
  // cli-progress draws only on a stream that says it is a terminal.
  if (isTTY) Object.assign(stream, { isTTY: true, columns: 80 });
  return { stream, text: () => chunks.join('') };
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process against `url`, with a fixed clock, capturing its output. */
export async function cli(
  args: string[],
  opts: { url: string; env?: Record<string, string>; isTTY?: boolean; at?: string },
): Promise<CliRun> {
  await testDbReady(opts.url); // a PostgreSQL test database may still be being made
  const out = capture(false);
  const err = capture(opts.isTTY ?? false);
  const code = await runCli(args, {
    stdout: out.stream,
    stderr: err.stream,
    env: { DATABASE_URL: opts.url, ...opts.env },
    isTTY: opts.isTTY ?? false,
    clock: fixedClock(opts.at ?? '2026-11-25T02:00:00Z'),
  });
  return { code, stdout: out.text(), stderr: err.text() };
}

/** A digest of every stored problem, measure, closeout request and audit event: equal digests, unchanged data. */
export async function checksum(db: Db): Promise<{ problems: number; measures: number; digest: string }> {
  const [problems, measures, requests, audits, boards] = await Promise.all([
    db.problem.findMany({ orderBy: { id: 'asc' } }),
    db.measure.findMany({ orderBy: { id: 'asc' } }),
    db.closeoutRequest.findMany({ orderBy: { id: 'asc' } }),
    db.auditEvent.findMany({ orderBy: { id: 'asc' } }),
    db.board.findMany({ orderBy: { id: 'asc' } }),
  ]);
  const digest = createHash('sha256')
    .update(JSON.stringify({ problems, measures, requests, audits, boards }))
    .digest('hex');
  return { problems: problems.length, measures: measures.length, digest };
}

export const HEADER = 'key,title,description,category,source,owner,unit,deadline,status,measures';

/** CSV text from rows of cells, quoting every cell (as spreadsheets do with line breaks). */
export function csv(rows: string[][], header = HEADER): string {
  return [header, ...rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(','))].join('\r\n') + '\r\n';
}
