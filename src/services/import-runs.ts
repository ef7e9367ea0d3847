import os from 'node:os';
import { setImmediate as yieldToOthers } from 'node:timers/promises';
import { conflict } from '../domain/errors.js';
import type { Actor } from '../domain/types.js';
import { transact, type ServiceDeps, type Tx } from './deps.js';
import { undoBatch, type BatchJournal } from './import-undo.js';

/**
 * An import's progress, kept in the database (ImportRun, ImportBatch) so that "all or nothing" survives the
 * process. Each batch commits with its journal (what it wrote) and the run's heartbeat; the last one marks
 * the run done. A run still `running` whose writer is gone (a SIGKILL, a power cut) is rolled BACK at the
 * next start of the bot or of any CLI command, and by the bot's periodic sweep: its batches are taken back
 * newest first, each in a short transaction, as a failed batch's are. Rolling back rather than forward: a
 * killed command did not happen, so running the same file again does what it says (a file without keys
 * would otherwise create its problems twice).
 */

/** This process, as the owner of the runs it writes: the host says whether its pid can be checked here. */
const PROCESS_OWNER = `${os.hostname()}:${process.pid}`;

/** Runs this process is writing or undoing right now: one of its own not in here was left by a failed undo. */
const active = new Set<number>();

/** A run is taken for dead once its heartbeat is this old (batches take ~50 ms; a stuck query ends at 60 s). */
const STALE_MS = 120_000;

export interface RunInfo {
  id: number;
  actor: Actor;
  at: Date;
}

/** Opens a run before the first batch; `rows` is the plan's size. */
export async function startRun(deps: ServiceDeps, actor: Actor, at: Date, boardId: number, rows: number) {
  const run = await deps.db.importRun.create({
    data: {
      teamId: actor.teamId,
      boardId,
      actorId: actor.userId,
      at,
      rows,
      owner: PROCESS_OWNER,
      heartbeatAt: new Date(),
    },
    select: { id: true },
  });
  active.add(run.id);
  return { id: run.id, actor, at } satisfies RunInfo;
}

/** The writer is done with the run (written, or taken back, or given up to a later settle). */
export function releaseRun(run: RunInfo): void {
  active.delete(run.id);
}

/**
 * In a batch's transaction, before its writes: the run is still this process's to write (a process that
 * took this one for dead may have taken it back), and its heartbeat moves.
 */
export async function continueRun(tx: Tx, run: RunInfo, rows: number): Promise<void> {
  const { count } = await tx.importRun.updateMany({
    where: { id: run.id, state: 'running', owner: PROCESS_OWNER },
    data: { rowsDone: { increment: rows }, heartbeatAt: new Date() },
  });
  if (count !== 1) throw conflict('import.changed');
}

/** In a batch's transaction, after its writes: its journal, or for the last batch the run's end. */
export async function recordBatch(tx: Tx, run: RunInfo, journal: BatchJournal, last: boolean): Promise<void> {
  if (!last) {
    await tx.importBatch.create({ data: { runId: run.id, journal: JSON.stringify(journal) }, select: { id: true } });
    return;
  }
  await tx.importBatch.deleteMany({ where: { runId: run.id } });
  await tx.importRun.update({ where: { id: run.id }, data: { state: 'done' }, select: { id: true } });
}

export interface UndoneRun {
  runId: number;
  boardId: number;
  boardCode: string;
  rows: number;
  rowsDone: number;
  /** What stayed because someone changed it after the import wrote it. */
  kept: string[];
}

/**
 * Takes back a run this process holds (`running` or `undoing` with this owner): batch by batch, newest first,
 * each with the deletion of its journal, so a crash during the undo leaves a run the next start finishes.
 * Returns null when the run is not this process's (another one settled it).
 */
export async function undoRun(deps: ServiceDeps, runId: number, why: 'failed' | 'cut off'): Promise<UndoneRun | null> {
  const claimed = await deps.db.importRun.updateMany({
    where: { id: runId, state: { in: ['running', 'undoing'] }, owner: PROCESS_OWNER },
    data: { state: 'undoing', heartbeatAt: new Date() },
  });
  if (claimed.count !== 1) return null;
  active.add(runId);
  try {
    return await undoBatches(deps, runId, why);
  } finally {
    active.delete(runId);
  }
}

async function undoBatches(deps: ServiceDeps, runId: number, why: 'failed' | 'cut off'): Promise<UndoneRun> {
  const run = await deps.db.importRun.findUniqueOrThrow({ where: { id: runId } });
  const ctx = { actor: { teamId: run.teamId, userId: run.actorId }, at: run.at };
  const kept: string[] = run.kept ? (JSON.parse(run.kept) as string[]) : [];
  for (;;) {
    const more = await transact(deps.db, async (tx) => {
      const batch = await tx.importBatch.findFirst({ where: { runId }, orderBy: { id: 'desc' } });
      if (!batch) return false;
      kept.push(...(await undoBatch(tx, ctx, JSON.parse(batch.journal) as BatchJournal)));
      await tx.importBatch.delete({ where: { id: batch.id } });
      await tx.importRun.update({
        where: { id: runId },
        data: { heartbeatAt: new Date(), kept: kept.length ? JSON.stringify(kept) : null },
        select: { id: true },
      });
      return true;
    });
    if (!more) break;
    await yieldToOthers();
  }
  const board = await deps.db.board.findUnique({ where: { id: run.boardId }, select: { code: true } });
  const boardCode = board?.code ?? String(run.boardId);
  await transact(deps.db, async (tx) => {
    await tx.importRun.update({ where: { id: runId }, data: { state: 'undone' }, select: { id: true } });
    // A failed batch's import never showed (it is planned again, or refused): its history is nothing. One cut
    // off by a crash, or one that left someone's change in place, says so in the board's history.
    if (why === 'failed' && !kept.length) return;
    await tx.auditEvent.create({
      data: {
        teamId: run.teamId,
        actorId: run.actorId,
        action: 'import.undo',
        targetType: 'board',
        targetId: String(run.boardId),
        after: JSON.stringify({ run: run.id, why, rows: run.rows, rowsDone: run.rowsDone, kept }),
        createdAt: deps.clock.now(),
      },
      select: { id: true },
    });
  });
  return { runId, boardId: run.boardId, boardCode, rows: run.rows, rowsDone: run.rowsDone, kept };
}

/**
 * Whether the process that owns a run is gone. On this host its pid says so at once (this very process: gone
 * unless it is writing or undoing the run now, e.g. after an undo that failed); anywhere, a heartbeat older
 * than STALE_MS does (another host, or a pid reused since by some other process).
 */
export function ownerGone(run: { id?: number; owner: string; heartbeatAt: Date }, now = Date.now()): boolean {
  const at = run.owner.lastIndexOf(':');
  const pid = Number(run.owner.slice(at + 1));
  if (run.owner.slice(0, at) === os.hostname() && Number.isSafeInteger(pid) && pid > 0) {
    if (pid === process.pid) return run.id !== undefined && !active.has(run.id);
    if (!processExists(pid)) return true;
  }
  return now - run.heartbeatAt.getTime() > STALE_MS;
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, under another user.
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

interface SettleOptions {
  /** Whether a run's writer is gone (tests: a writer that "crashed" in this very process). */
  gone?: (run: { id: number; owner: string; heartbeatAt: Date }) => boolean;
}

/**
 * Finds the imports cut off by a dead process and takes them back (see the top of this file). Safe with
 * several processes settling at once: a run is claimed by a conditional update before it is touched.
 */
export async function settleImports(deps: ServiceDeps, opts: SettleOptions = {}): Promise<UndoneRun[]> {
  const gone = opts.gone ?? ownerGone;
  const open = await deps.db.importRun.findMany({
    where: { state: { in: ['running', 'undoing'] } },
    select: { id: true, state: true, owner: true, heartbeatAt: true },
  });
  const settled: UndoneRun[] = [];
  for (const run of open) {
    if (!gone(run)) continue;
    const { count } = await deps.db.importRun.updateMany({
      where: { id: run.id, state: run.state, owner: run.owner, heartbeatAt: run.heartbeatAt },
      data: { state: 'undoing', owner: PROCESS_OWNER, heartbeatAt: new Date() },
    });
    if (count !== 1) continue;
    const undone = await undoRun(deps, run.id, 'cut off');
    if (undone) settled.push(undone);
  }
  return settled;
}
