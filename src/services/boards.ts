import { Prisma } from '../db/generated/client.js';
import { conflict, forbidden, invalid } from '../domain/errors.js';
import { boardEdit, boardInput, type BoardEdit, type BoardInput } from '../domain/inputs.js';
import { WITHDRAWN, type Actor } from '../domain/types.js';
import { canLead, findBoard, isAdmin, requireAdmin } from './access.js';
import { audit } from './audit.js';
import { transact, type ServiceDeps } from './deps.js';
import { isKnownCalendar } from './official-days.js';
import { validate } from './validate.js';

/** Serialised list columns stay inside this module; callers see arrays. */
function toRow(input: { reminderOffsets?: number[]; categories?: string[] }) {
  return {
    ...(input.reminderOffsets && { reminderOffsets: input.reminderOffsets.join(',') }),
    ...(input.categories && { categories: JSON.stringify(input.categories) }),
  };
}

export function reminderOffsets(board: { reminderOffsets: string }): number[] {
  return board.reminderOffsets.split(',').filter(Boolean).map(Number);
}

export function categories(board: { categories: string }): string[] {
  return JSON.parse(board.categories) as string[];
}

/** A country code the holiday packages do not know is refused like any other bad field. */
async function requireKnownCalendar(calendar: string): Promise<void> {
  if (!(await isKnownCalendar(calendar)))
    throw invalid('error.invalid_field', {
      field: 'calendar',
      reason: `${calendar} is not a country the holiday data knows (use a code such as CN, US, GB, or weekends or none)`,
    });
}

export async function createBoard(deps: ServiceDeps, actor: Actor, raw: BoardInput) {
  requireAdmin(deps, actor);
  const input = validate(boardInput, raw);
  await requireKnownCalendar(input.calendar);
  const now = deps.clock.now();
  try {
    return await transact(deps.db, async (tx) => {
      const existing = await tx.board.findUnique({
        where: { teamId_code: { teamId: actor.teamId, code: input.code } },
      });
      if (existing) throw conflict('error.board_exists', { code: input.code });
      const { leaders, reminderOffsets: _r, categories: _c, ...fields } = input;
      const board = await tx.board.create({
        data: {
          ...fields,
          ...toRow(input),
          channelId: input.channelId ?? null,
          deadline: input.deadline ?? null,
          teamId: actor.teamId,
          createdBy: actor.userId,
          createdAt: now,
          leaders: { create: [...new Set(leaders)].map((userId) => ({ userId })) },
        },
        include: { leaders: true },
      });
      await audit(tx, actor, now, { action: 'board.create', targetType: 'board', targetId: board.id, after: board });
      return board;
    });
  } catch (e) {
    // Another process created the same code between our check and insert.
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002')
      throw conflict('error.board_exists', { code: input.code });
    throw e;
  }
}

/**
 * Fields a board's own leaders may change. The rest — channel, cadence, time zone, language, leaders and
 * the archived flag — shape everyone's reminders and who may decide, so they stay with admins.
 */
const LEADER_BOARD_FIELDS: ReadonlySet<string> = new Set([
  'name',
  'calendar',
  'deadline',
  'categories',
  'reminderOffsets',
  'nudgeDaysBefore',
  'roundReport',
  'ledger',
]);

/**
 * Setting the ledger (again) forgets Slack's last refusal, so it is tried once more after the cause is
 * fixed; a new channel needs its own canvas, so the old one's id is forgotten too.
 */
function ledgerReset(before: { channelId: string | null }, input: { ledger?: string; channelId?: string | null }) {
  const moved = input.channelId !== undefined && input.channelId !== before.channelId;
  return {
    ...(input.ledger !== undefined || moved ? { ledgerRefused: null } : {}),
    ...(moved ? { ledgerCanvasId: null } : {}),
  };
}

export async function editBoard(deps: ServiceDeps, actor: Actor, code: string, raw: BoardEdit) {
  const input = validate(boardEdit, raw);
  if (input.calendar !== undefined) await requireKnownCalendar(input.calendar);
  const now = deps.clock.now();
  return transact(deps.db, async (tx) => {
    const found = await findBoard(tx, actor.teamId, code);
    if (!isAdmin(deps, actor)) {
      if (!(await canLead(deps, tx, actor, found.id))) throw forbidden('error.not_leader', { code: found.code });
      if (Object.keys(input).some((f) => !LEADER_BOARD_FIELDS.has(f))) throw forbidden('error.not_admin');
    }
    const before = await tx.board.findUniqueOrThrow({ where: { id: found.id }, include: { leaders: true } });
    const { leaders, reminderOffsets: _r, categories: _c, ...fields } = input;
    if (leaders) {
      await tx.boardLeader.deleteMany({ where: { boardId: before.id } });
      await tx.boardLeader.createMany({
        data: [...new Set(leaders)].map((userId) => ({ boardId: before.id, userId })),
      });
    }
    const after = await tx.board.update({
      where: { id: before.id },
      data: { ...fields, ...toRow(input), ...ledgerReset(before, input) },
      include: { leaders: true },
    });
    await audit(tx, actor, now, { action: 'board.edit', targetType: 'board', targetId: before.id, before, after });
    return after;
  });
}

/**
 * Admins retire a board: it drops out of lists, prompts and digests, but nothing is deleted and
 * `editBoard(…, { archived: false })` brings it back. Archiving an archived board changes nothing.
 */
export async function archiveBoard(deps: ServiceDeps, actor: Actor, code: string) {
  requireAdmin(deps, actor);
  const now = deps.clock.now();
  return transact(deps.db, async (tx) => {
    const before = await findBoard(tx, actor.teamId, code);
    if (before.archived) return tx.board.findUniqueOrThrow({ where: { id: before.id }, include: { leaders: true } });
    const after = await tx.board.update({
      where: { id: before.id },
      data: { archived: true },
      include: { leaders: true },
    });
    await audit(tx, actor, now, {
      action: 'board.archive',
      targetType: 'board',
      targetId: before.id,
      before: { archived: false },
      after: { archived: true },
    });
    return after;
  });
}

export async function getBoard(deps: Pick<ServiceDeps, 'db'>, teamId: string, code: string) {
  const board = await findBoard(deps.db, teamId, code);
  return deps.db.board.findUniqueOrThrow({ where: { id: board.id }, include: { leaders: true } });
}

export async function listBoards(
  deps: Pick<ServiceDeps, 'db'>,
  teamId: string,
  opts: { includeArchived?: boolean } = {},
) {
  return deps.db.board.findMany({
    where: { teamId, ...(opts.includeArchived ? {} : { archived: false }) },
    include: { leaders: true },
    orderBy: { code: 'asc' },
  });
}

/** How many problems each board of the team has on its list (withdrawn ones are not), by board id. */
export async function problemCountsByBoard(
  deps: Pick<ServiceDeps, 'db'>,
  teamId: string,
): Promise<Map<number, number>> {
  const counts = await deps.db.problem.groupBy({
    by: ['boardId'],
    where: { teamId, status: { not: WITHDRAWN } },
    _count: { _all: true },
  });
  return new Map(counts.map((c) => [c.boardId, c._count._all]));
}

/** Boards the user leads (all boards for admins); archived ones only when asked (the Home shows them). */
export async function boardsLedBy(deps: ServiceDeps, actor: Actor, opts: { includeArchived?: boolean } = {}) {
  const all = await listBoards(deps, actor.teamId, opts);
  if (isAdmin(deps, actor)) return all;
  return all.filter((b) => b.leaders.some((l) => l.userId === actor.userId));
}

/** A board by the code someone typed; refuses an unknown code. */
export async function boardByCode(deps: Pick<ServiceDeps, 'db'>, teamId: string, code: string) {
  return findBoard(deps.db, teamId, code);
}

/** Whether a board already has this code (a new board's code is refused on the form before the ack). */
export async function boardCodeTaken(deps: Pick<ServiceDeps, 'db'>, teamId: string, code: string): Promise<boolean> {
  const board = await deps.db.board.findUnique({ where: { teamId_code: { teamId, code } }, select: { id: true } });
  return board !== null;
}

/** A board by its id (e.g. the board of a delivery). */
export function boardById(deps: Pick<ServiceDeps, 'db'>, id: number) {
  return deps.db.board.findUniqueOrThrow({ where: { id } });
}

/** The Slack IDs of a board's leaders. */
export async function boardLeaderIds(deps: Pick<ServiceDeps, 'db'>, boardId: number): Promise<string[]> {
  const rows = await deps.db.boardLeader.findMany({ where: { boardId }, select: { userId: true } });
  return rows.map((r) => r.userId);
}
