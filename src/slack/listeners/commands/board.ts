import { localDate } from '../../../domain/cycle.js';
import { forbidden } from '../../../domain/errors.js';
import { boardCodeWords } from '../../../domain/keys.js';
import { isAdmin, requireAdmin } from '../../../services/access.js';
import { categories, getBoard, listBoards } from '../../../services/boards.js';
import { listProblems } from '../../../services/queries.js';
import { visibleBoards } from '../../../services/visibility.js';
import { viewerOf } from '../../channel-members.js';
import { boardListBlocks, type BoardSummary } from '../../blocks/board-list.js';
import { boardModal } from '../../blocks/modals/board.js';
import { boardEditModal } from '../../blocks/modals/board-edit.js';
import type { SubcommandArgs, SubcommandHandler } from './support/types.js';

const ACTIONS: Record<string, 'new' | 'edit' | 'list'> = {
  new: 'new',
  新建: 'new',
  edit: 'edit',
  编辑: 'edit',
  修改: 'edit',
  list: 'list',
  列表: 'list',
};

async function openBoardModal({ command, client, ctx, actor, lang, tr }: SubcommandArgs, code?: string): Promise<void> {
  const board = code ? await getBoard(ctx.deps, actor.teamId, code) : undefined;
  // Admins create boards and edit all of one; a board's leaders edit the fields they may change.
  const admin = isAdmin(ctx.deps, actor);
  if (!admin && !(board && board.leaders.some((l) => l.userId === actor.userId))) {
    if (board) throw forbidden('error.not_leader', { code: board.code });
    requireAdmin(ctx.deps, actor);
  }
  const now = ctx.deps.clock.now();
  const data = {
    ...(board && {
      board: {
        code: board.code,
        name: board.name,
        channelId: board.channelId,
        timezone: board.timezone,
        language: board.language,
        leaders: board.leaders.map((l) => l.userId),
        cycleDays: board.cycleDays,
        anchorDate: board.anchorDate,
        promptTime: board.promptTime,
        deadline: board.deadline,
        categories: categories(board),
        visibility: board.visibility,
        separationOfDuties: board.separationOfDuties,
        calendar: board.calendar,
        ledger: board.ledger,
        roundReport: board.roundReport,
        evidenceRequired: board.evidenceRequired,
        effectivenessDays: board.effectivenessDays,
      },
    }),
    defaults: {
      timezone: ctx.env.CLOSEOUT_TIMEZONE,
      language: ctx.env.CLOSEOUT_LANGUAGE,
      anchorDate: localDate(now, ctx.env.CLOSEOUT_TIMEZONE),
      calendar: ctx.env.CLOSEOUT_CALENDAR,
    },
    now,
    metadata: { lang, channel: command.channel_id },
  };
  const view = board
    ? boardEditModal(tr, { ...data, archived: board.archived, scope: admin ? 'admin' : 'leader' })
    : boardModal(tr, data);
  await client.views.open({ trigger_id: command.trigger_id, view });
}

/** Counts through the list service, so "overdue" means what `/closeout list overdue` means. */
async function summaries({ ctx, actor }: SubcommandArgs): Promise<BoardSummary[]> {
  const viewer = viewerOf(actor, ctx.members);
  // Restricted boards the user may not see are left out of the list.
  const boards = await visibleBoards(
    ctx.deps,
    viewer,
    await listBoards(ctx.deps, actor.teamId, { includeArchived: true }),
  );
  const now = ctx.deps.clock.now();
  const none = { offset: 0, limit: 0 };
  return Promise.all(
    boards.map(async (b) => {
      const filter = { teamId: actor.teamId, boardCode: b.code };
      const [all, closed, overdue] = await Promise.all([
        listProblems(ctx.deps, { ...filter, view: 'all' }, none),
        listProblems(ctx.deps, { ...filter, view: 'closed' }, none),
        listProblems(ctx.deps, { ...filter, view: 'overdue' }, none),
      ]);
      return {
        code: b.code,
        name: b.name,
        channelId: b.channelId,
        timezone: b.timezone,
        language: b.language,
        cycleDays: b.cycleDays,
        anchorDate: b.anchorDate,
        promptTime: b.promptTime,
        deadline: b.deadline,
        leaders: b.leaders.map((l) => l.userId),
        counts: { total: all.total, closed: closed.total, overdue: overdue.total },
        archived: b.archived,
        today: localDate(now, b.timezone),
      };
    }),
  );
}

/**
 * `/closeout board new|edit CODE|list`. Creating and editing are for admins (the services refuse others
 * too); the list is readable by everyone, as the boards' names and channels are no secret.
 */
export const board: SubcommandHandler = async (call) => {
  const action = ACTIONS[(call.args[0] ?? '').toLowerCase()];
  if (action === 'new') return openBoardModal(call);
  const editing = action === 'edit' ? boardCodeWords(call.args.slice(1))?.code : undefined;
  if (editing) return openBoardModal(call, editing);
  if (action === 'list') {
    const boards = await summaries(call);
    await call.respond({
      response_type: 'ephemeral',
      text: call.tr('boards.title', { count: boards.length }),
      blocks: boardListBlocks(call.tr, call.lang, boards),
    });
    return;
  }
  await call.respond({ response_type: 'ephemeral', text: call.tr('board.usage') });
};
