import { conflict, forbidden, invalid, notFound } from '../domain/errors.js';
import { EVIDENCE_FILE_SELECT } from './evidence-files.js';
import {
  decisionReason,
  measureStatus,
  measureText,
  isoDate,
  problemEdit,
  problemInput,
  slackUser,
  type ProblemEdit,
  type ProblemInput,
} from '../domain/inputs.js';
import type { Actor, MeasureStatus } from '../domain/types.js';
import { canLead, findBoard, findProblem, requireLeader, requireOwnerOrLeader } from './access.js';
import { audit } from './audit.js';
import { recordOwed, type Owed } from './deliveries.js';
import { transact, type ServiceDeps, type Tx } from './deps.js';
import { loadBoardCalendar } from './calendar.js';
import { validate } from './validate.js';
import { priorSubmission, recordSubmission, transactOnce, type Once } from './view-submissions.js';

type ValidProblem = ReturnType<typeof problemInput.parse>;

/** Takes the board's next number atomically; numbers are never handed out twice, even after a rollback elsewhere. */
async function nextProblemNumber(tx: Tx, boardId: number): Promise<number> {
  const board = await tx.board.update({ where: { id: boardId }, data: { nextProblemNumber: { increment: 1 } } });
  return board.nextProblemNumber - 1;
}

/** Inserts a validated problem and its measures; shared by the `new` flow and the CSV import. */
export async function insertProblem(
  tx: Tx,
  actor: Actor,
  at: Date,
  board: { id: number; code: string },
  input: ValidProblem,
  number: number,
) {
  const { measures, ...fields } = input;
  const problem = await tx.problem.create({
    data: {
      ...fields,
      category: fields.category ?? null,
      source: fields.source ?? null,
      unit: fields.unit ?? null,
      deadline: fields.deadline ?? null,
      teamId: actor.teamId,
      boardId: board.id,
      number,
      key: `${board.code}-${number}`,
      nextMeasureNumber: measures.length + 1,
      createdBy: actor.userId,
      createdAt: at,
      measures: {
        create: measures.map((text, i) => ({ teamId: actor.teamId, number: i + 1, text, createdAt: at })),
      },
    },
    include: { measures: true },
  });
  await audit(tx, actor, at, {
    action: 'problem.create',
    targetType: 'problem',
    targetId: problem.key,
    after: problem,
  });
  return problem;
}

/** A new problem as its owner's "assigned to you" shows it. */
export interface CreatedProblem {
  key: string;
  title: string;
  ownerId: string;
  deadline: string | null;
  unit: string | null;
  measures: { text: string }[];
}

/**
 * Leaders and admins create problems on their boards. The key's number is taken and committed before
 * the problem is written, so a creation that fails afterwards leaves a gap rather than a number that a
 * later problem would reuse (someone may already have seen it, e.g. in a log or an error message).
 * `owed`: the owner's message, recorded with the problem.
 */
export async function createProblem(
  deps: ServiceDeps,
  actor: Actor,
  boardCode: string,
  raw: ProblemInput,
  owed?: Owed<CreatedProblem>,
  opts: Once = {},
) {
  const input = validate(problemInput, raw);
  const now = deps.clock.now();
  const { viewId } = opts;
  const replay = (tx: Tx, key: string) =>
    tx.problem.findUniqueOrThrow({ where: { teamId_key: { teamId: actor.teamId, key } }, include: { measures: true } });
  const taken = await transact(deps.db, async (tx) => {
    const prior = await priorSubmission(tx, viewId, 'problem');
    if (prior !== null) return { replayed: await replay(tx, prior) } as const;
    const board = await findBoard(tx, actor.teamId, boardCode);
    if (board.archived) throw conflict('error.board_archived', { code: board.code });
    await requireLeader(deps, tx, actor, board);
    return { replayed: null, board, number: await nextProblemNumber(tx, board.id) } as const;
  });
  if (taken.replayed) return taken.replayed;
  const { board, number } = taken;
  return transactOnce(deps.db, viewId, async (tx) => {
    // A second submission that raced past the check above: the first one's problem, and a gap in the numbers.
    const prior = await priorSubmission(tx, viewId, 'problem');
    if (prior !== null) return replay(tx, prior);
    const problem = await insertProblem(tx, actor, now, board, input, number);
    await recordOwed(tx, owed, problem, board, now);
    await recordSubmission(tx, actor, viewId, 'problem', problem.key, now);
    return problem;
  });
}

const OWNER_EDITABLE: ReadonlySet<string> = new Set(['description', 'unit', 'source']);

interface EditOptions {
  /** The version the editor saw: a newer one means someone else changed the problem meanwhile (refused). */
  expectedVersion?: number;
  /** Why the deadline moves; required when it does. */
  reason?: string;
}

/**
 * Leaders edit everything, closed problems included (to correct the record); an owner may edit the
 * description, unit and source of their own open problem (title, category and deadline are the
 * leaders' commitments). Fields given with their current value are not changes; an edit that changes
 * nothing records nothing. A moved deadline keeps its original and its reason (DeadlineChange).
 */
export async function editProblem(
  deps: ServiceDeps,
  actor: Actor,
  key: string,
  raw: ProblemEdit,
  opts: EditOptions = {},
) {
  const input = validate(problemEdit, raw);
  const now = deps.clock.now();
  return transact(deps.db, async (tx) => {
    const before = await findProblem(tx, actor.teamId, key);
    if (!(await canLead(deps, tx, actor, before.boardId))) {
      if (before.ownerId !== actor.userId) throw forbidden('error.not_owner', { key: before.key });
      if (Object.keys(input).some((f) => !OWNER_EDITABLE.has(f)))
        throw forbidden('error.not_leader', { code: boardCodeOf(before.key) });
      ensureNotClosed(before);
    }
    ensureNotWithdrawn(before);
    if (opts.expectedVersion !== undefined && opts.expectedVersion !== before.version)
      throw conflict('error.problem_changed', { key: before.key });
    const changes = changedFields(before, input);
    if (Object.keys(changes).length === 0) return before;
    const deadlineMoved = changes.deadline !== undefined;
    const reason = deadlineMoved ? deadlineReason(opts.reason) : undefined;
    const after = await tx.problem.update({
      where: { id: before.id },
      data: {
        ...changes,
        version: { increment: 1 },
        ...(deadlineMoved && before.originalDeadline === null && { originalDeadline: before.deadline }),
      },
    });
    if (deadlineMoved) {
      await recordDeadlineMove(tx, {
        teamId: actor.teamId,
        problemId: before.id,
        from: before.deadline,
        to: after.deadline,
        reason: reason ?? '',
        actorId: actor.userId,
        at: now,
      });
    }
    await audit(tx, actor, now, {
      action: deadlineMoved ? 'problem.deadline' : 'problem.edit',
      targetType: 'problem',
      targetId: before.key,
      before: pick(before, Object.keys(changes)),
      after: { ...changes, ...(reason && { reason }) },
    });
    return after;
  });
}

type Editable = Record<keyof ReturnType<typeof problemEdit.parse>, unknown>;

/** The named fields whose value differs from the row's. */
function changedFields<T extends Partial<Editable>>(row: Editable, input: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(input).filter(([f, v]) => v !== undefined && row[f as keyof Editable] !== v),
  ) as Partial<T>;
}

function pick(row: object, fields: string[]): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f, (row as Record<string, unknown>)[f]]));
}

/** Later than before; a deadline set where there was none is not an extension. */
function isLater(from: string | null, to: string | null): boolean {
  return from !== null && (to === null || to > from);
}

/**
 * One entry of a problem's deadline history (`show`, the summary, the export, the report), whichever path
 * moved it: a leader's edit, an import, an approved extension. `extended` defaults to whether it is later.
 */
export function recordDeadlineMove(
  tx: Tx,
  move: {
    teamId: string;
    problemId: number;
    from: string | null;
    to: string | null;
    reason: string;
    actorId: string;
    at: Date;
    requestedBy?: string;
    extended?: boolean;
  },
) {
  return tx.deadlineChange.create({
    data: {
      teamId: move.teamId,
      problemId: move.problemId,
      fromDate: move.from,
      toDate: move.to,
      extended: move.extended ?? isLater(move.from, move.to),
      reason: move.reason,
      actorId: move.actorId,
      ...(move.requestedBy !== undefined && { requestedBy: move.requestedBy }),
      createdAt: move.at,
    },
    select: { id: true },
  });
}

function deadlineReason(reason: string | undefined): string {
  const result = decisionReason.safeParse(reason ?? '');
  if (!result.success) throw invalid('error.deadline_reason_required');
  return result.data;
}

export function ensureNotWithdrawn(problem: { status: string; key: string }): void {
  if (problem.status === 'withdrawn') throw conflict('error.problem_withdrawn', { key: problem.key });
}

/** The board code of a problem key: keys are `CODE-n` and codes never contain a dash. */
export function boardCodeOf(problemKey: string): string {
  return problemKey.slice(0, problemKey.lastIndexOf('-'));
}

interface MeasureEdit {
  text?: string;
  ownerId?: string | null;
  deadline?: string | null;
  status?: MeasureStatus;
}

export async function editMeasure(deps: ServiceDeps, actor: Actor, key: string, number: number, edit: MeasureEdit) {
  const data = {
    ...(edit.text !== undefined && { text: validate(measureText, edit.text) }),
    ...(edit.ownerId !== undefined && { ownerId: edit.ownerId === null ? null : validate(slackUser, edit.ownerId) }),
    ...(edit.deadline !== undefined && { deadline: edit.deadline === null ? null : validate(isoDate, edit.deadline) }),
    ...(edit.status !== undefined && { status: validate(measureStatus, edit.status) }),
  };
  const now = deps.clock.now();
  return transact(deps.db, async (tx) => {
    const problem = await findProblem(tx, actor.teamId, key);
    const before = await tx.measure.findUnique({ where: { problemId_number: { problemId: problem.id, number } } });
    if (!before) throw notFound('error.measure_not_found', { key: problem.key, number });
    const measureOwner = before.ownerId === actor.userId;
    if (!measureOwner) await requireOwnerOrLeader(deps, tx, actor, problem);
    // Who owns a measure and when it is due are leaders' decisions.
    if (
      (data.ownerId !== undefined || data.deadline !== undefined) &&
      !(await canLead(deps, tx, actor, problem.boardId))
    ) {
      throw forbidden('error.not_leader', { code: boardCodeOf(problem.key) });
    }
    if (problem.status === 'closed') throw conflict('error.problem_closed', { key: problem.key });
    if (Object.keys(data).length === 0) return before;
    const after = await tx.measure.update({ where: { id: before.id }, data });
    await audit(tx, actor, now, {
      action: 'measure.edit',
      targetType: 'measure',
      targetId: `${problem.key}.${number}`,
      before,
      after,
    });
    return after;
  });
}

/** A problem with everything its card shows: measures, recent updates and the latest closeout request. */
export async function getProblemDetail(deps: Pick<ServiceDeps, 'db'>, teamId: string, key: string, recentUpdates = 5) {
  const problem = await findProblem(deps.db, teamId, key);
  const detail = await deps.db.problem.findUniqueOrThrow({
    where: { id: problem.id },
    include: {
      board: { include: { leaders: true } },
      // Retired measures stay in the database and the history, not on cards and forms.
      measures: { where: { retiredAt: null }, orderBy: { number: 'asc' } },
      updates: { orderBy: { createdAt: 'desc' }, take: recentUpdates },
      closeoutRequests: {
        orderBy: { createdAt: 'desc' },
        take: 1,
        include: { files: { orderBy: { id: 'asc' }, select: EVIDENCE_FILE_SELECT } },
      },
      deadlineChanges: { orderBy: { id: 'asc' }, select: { extended: true } },
      // The latest answered effectiveness check (issue 23): "held on …" or "came back on …".
      effectivenessChecks: {
        where: { state: { in: ['held', 'came_back'] } },
        orderBy: { answeredAt: 'desc' },
        take: 1,
        select: { state: true, answeredBy: true, answeredAt: true },
      },
    },
  });
  // The owner's absence, if any: the card says "away until …" while it lasts (issue 22).
  const ownerAbsence = await deps.db.absence.findUnique({
    where: { teamId_userId: { teamId, userId: detail.ownerId } },
    select: { startDate: true, endDate: true },
  });
  // The board's working days, so the card shows working days overdue beside calendar days (issue 22).
  return {
    ...detail,
    ownerAbsence,
    board: { ...detail.board, workCalendar: await loadBoardCalendar(deps.db, detail.board) },
  };
}

/** Refuses closed problems, and withdrawn ones (nothing is reported or requested on those). */
export function ensureNotClosed(problem: { status: string; key: string }): void {
  if (problem.status === 'closed') throw conflict('error.problem_closed', { key: problem.key });
  ensureNotWithdrawn(problem);
}

export function ensureMeasuresExist(problemKey: string, numbers: number[], existing: { number: number }[]): void {
  const known = new Set(existing.map((m) => m.number));
  const missing = numbers.find((n) => !known.has(n));
  if (missing !== undefined) throw invalid('error.measure_not_found', { key: problemKey, number: missing });
}

/** Who owns a problem now (for a card re-rendered for its owner). */
export async function problemOwnerId(deps: Pick<ServiceDeps, 'db'>, teamId: string, key: string): Promise<string> {
  const problem = await deps.db.problem.findUniqueOrThrow({
    where: { teamId_key: { teamId, key: key.toUpperCase() } },
    select: { ownerId: true },
  });
  return problem.ownerId;
}
