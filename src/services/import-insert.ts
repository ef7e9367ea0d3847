import type { MeasureStatus, ProblemStatus } from '../domain/types.js';
import { insertRows, isSqlite } from './bulk-insert.js';
import type { Tx } from './deps.js';

/**
 * The rows an import creates, written in bulk (bulk-insert.ts on SQLite, createMany elsewhere). Problems and
 * measures get updatedAt = createdAt, the import's timestamp, on both: while it still is, nobody has changed
 * them, and undoing the import may delete them (import-undo.ts).
 */

interface NewProblem {
  teamId: string;
  boardId: number;
  number: number;
  key: string;
  title: string;
  description: string;
  category: string | null;
  source: string | null;
  ownerId: string;
  unit: string | null;
  deadline: string | null;
  status: ProblemStatus;
  nextMeasureNumber: number;
  percent: number;
  closedAt: Date | null;
  closedBy: string | null;
  createdBy: string;
  createdAt: Date;
}
export interface NewMeasure {
  teamId: string;
  problemId: number;
  number: number;
  text: string;
  status: MeasureStatus;
  createdAt: Date;
}
interface NewAudit {
  teamId: string;
  actorId: string;
  action: string;
  targetType: string;
  targetId: string;
  before: string | null;
  after: string;
  createdAt: Date;
}

const PROBLEM_COLUMNS = [
  'teamId',
  'boardId',
  'number',
  'key',
  'title',
  'description',
  'category',
  'source',
  'ownerId',
  'unit',
  'deadline',
  'status',
  'nextMeasureNumber',
  'percent',
  'closedAt',
  'closedBy',
  'createdBy',
  'createdAt',
] as const;
const MEASURE_COLUMNS = ['teamId', 'problemId', 'number', 'text', 'status', 'createdAt'] as const;
const AUDIT_COLUMNS = [
  'teamId',
  'actorId',
  'action',
  'targetType',
  'targetId',
  'before',
  'after',
  'createdAt',
] as const;

/** The row's values in `columns` order, plus updatedAt (which Prisma fills in itself on its own writes). */
const valuesOf = <T>(row: T, columns: readonly (keyof T)[], at?: Date) => [
  ...columns.map((c) => row[c] as string | number | Date | null),
  ...(at ? [at] : []),
];

export async function createProblems(
  tx: Tx,
  rows: NewProblem[],
): Promise<{ id: number; key: string; number: number }[]> {
  if (!isSqlite(tx))
    return tx.problem.createManyAndReturn({
      data: rows.map((r) => ({ ...r, updatedAt: r.createdAt })),
      select: { id: true, key: true, number: true },
    });
  const made = await insertRows<{ id: number | bigint; key: string; number: number | bigint }>(
    tx,
    'Problem',
    [...PROBLEM_COLUMNS, 'updatedAt'],
    rows.map((r) => valuesOf(r, PROBLEM_COLUMNS, r.createdAt)),
    ['id', 'key', 'number'],
  );
  return made.map((p) => ({ id: Number(p.id), key: p.key, number: Number(p.number) }));
}

export async function createMeasures(tx: Tx, rows: NewMeasure[]): Promise<void> {
  if (!isSqlite(tx)) {
    await tx.measure.createMany({ data: rows.map((r) => ({ ...r, updatedAt: r.createdAt })) });
    return;
  }
  const values = rows.map((r) => valuesOf(r, MEASURE_COLUMNS, r.createdAt));
  await insertRows(tx, 'Measure', [...MEASURE_COLUMNS, 'updatedAt'], values);
}

export async function createAudits(tx: Tx, rows: NewAudit[]): Promise<number[]> {
  if (!isSqlite(tx))
    return (await tx.auditEvent.createManyAndReturn({ data: rows, select: { id: true } })).map((a) => a.id);
  const values = rows.map((r) => valuesOf(r, AUDIT_COLUMNS));
  const made = await insertRows<{ id: number | bigint }>(tx, 'AuditEvent', AUDIT_COLUMNS, values, ['id']);
  return made.map((a) => Number(a.id));
}
