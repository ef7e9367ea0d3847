import { invalid, notFound } from '../domain/errors.js';
import { evidenceFiles, type EvidenceFileInput } from '../domain/evidence.js';
import type { Actor } from '../domain/types.js';
import type { Db } from '../db/client.js';
import { findProblem, requireOwnerOrLeader } from './access.js';
import { audit } from './audit.js';
import { transact, type ServiceDeps, type Tx } from './deps.js';

/** A recorded evidence file as views show it (a link named after the file). */
export interface EvidenceFileView {
  fileId: string;
  name: string;
  filetype: string;
  size: number;
  permalink: string;
}

export const EVIDENCE_FILE_SELECT = {
  fileId: true,
  name: true,
  filetype: true,
  size: true,
  permalink: true,
} as const;

/** Checked like every other input: at most ten, each bounded; a bad list changes nothing. */
export function validFiles(files: readonly unknown[] | undefined): EvidenceFileInput[] {
  const result = evidenceFiles.safeParse(files ?? []);
  if (!result.success) throw invalid('error.evidence_files_invalid');
  // The same file twice (shared again in a thread) is one piece of evidence.
  const seen = new Set<string>();
  return result.data.filter((f) => !seen.has(f.fileId) && seen.add(f.fileId));
}

/** Whether a problem's board requires evidence files on a closeout request. */
export async function evidenceRequiredFor(deps: Pick<ServiceDeps, 'db'>, teamId: string, key: string) {
  const problem = await findProblem(deps.db, teamId, key);
  const board = await deps.db.board.findUniqueOrThrow({
    where: { id: problem.boardId },
    select: { evidenceRequired: true },
  });
  return board.evidenceRequired;
}

/** Records files on a request inside the caller's transaction; files already on it are skipped. */
export async function recordEvidenceFiles(
  tx: Tx,
  actor: Actor,
  requestId: number,
  files: readonly EvidenceFileInput[],
  at: Date,
): Promise<EvidenceFileInput[]> {
  if (!files.length) return [];
  const known = await tx.evidenceFile.findMany({
    where: { requestId, fileId: { in: files.map((f) => f.fileId) } },
    select: { fileId: true },
  });
  const have = new Set(known.map((f) => f.fileId));
  const fresh = files.filter((f) => !have.has(f.fileId));
  for (const f of fresh) {
    await tx.evidenceFile.create({
      data: { ...f, teamId: actor.teamId, requestId, addedBy: actor.userId, createdAt: at },
    });
  }
  return fresh;
}

/** The files of one request, oldest first. */
export function filesOfRequest(db: Db | Tx, requestId: number): Promise<EvidenceFileView[]> {
  return db.evidenceFile.findMany({ where: { requestId }, orderBy: { id: 'asc' }, select: EVIDENCE_FILE_SELECT });
}

/**
 * Files shared later (in the bot's DM with the key, or in a card's thread) join the problem's pending
 * request: by its owner or a leader, like the request itself. Returns the request and what was added.
 */
export async function attachEvidenceFiles(
  deps: ServiceDeps,
  actor: Actor,
  key: string,
  raw: readonly unknown[],
): Promise<{ key: string; requestId: number; added: EvidenceFileInput[] }> {
  const files = validFiles(raw);
  const now = deps.clock.now();
  return transact(deps.db, async (tx) => {
    const problem = await findProblem(tx, actor.teamId, key);
    await requireOwnerOrLeader(deps, tx, actor, problem);
    const request = await tx.closeoutRequest.findFirst({
      where: { problemId: problem.id, state: 'pending' },
      orderBy: { id: 'desc' },
      select: { id: true },
    });
    if (!request) throw notFound('error.no_pending_request', { key: problem.key });
    const added = await recordEvidenceFiles(tx, actor, request.id, files, now);
    if (added.length) {
      await audit(tx, actor, now, {
        action: 'closeout.evidence_add',
        targetType: 'closeout',
        targetId: request.id,
        after: { files: added.map((f) => f.name) },
      });
    }
    return { key: problem.key, requestId: request.id, added };
  });
}

/** Whether a problem (by key) has a closeout request waiting: files shared with its key are then evidence. */
export async function hasPendingRequest(deps: Pick<ServiceDeps, 'db'>, teamId: string, key: string) {
  const found = await deps.db.closeoutRequest.findFirst({
    where: { teamId, state: 'pending', problem: { teamId, key: key.toUpperCase() } },
    select: { id: true },
  });
  return found !== null;
}
