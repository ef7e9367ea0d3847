import type { Db } from '../db/client.js';
import { transact } from './deps.js';

/** Team ID the CLI uses before it knows the workspace (no --team, no SLACK_TEAM_ID, empty database). */
export const LOCAL_TEAM = 'T_LOCAL';

/**
 * When the bot first connects, rows an operator created offline (demo, import, board create) move into
 * the bot's workspace, so `npx closeout demo` then `npm start` shows the demo board in Slack.
 * Returns how many boards moved.
 */
export async function adoptLocalRows(db: Db, teamId: string): Promise<number> {
  // Mostly there are none: a read, not a write transaction, at every start.
  if (!(await hasLocalRows(db))) return 0;
  return moveLocalRows(db, teamId);
}

/** Whether any board was created offline and waits for a workspace. */
export async function hasLocalRows(db: Db): Promise<boolean> {
  return (await db.board.findFirst({ where: { teamId: LOCAL_TEAM }, select: { id: true } })) !== null;
}

/** The workspaces that have boards in this database, in order (the CLI's choice of team when none is named). */
export async function teamsWithBoards(db: Db): Promise<string[]> {
  const rows = await db.board.findMany({ distinct: ['teamId'], select: { teamId: true }, orderBy: { teamId: 'asc' } });
  return rows.map((row) => row.teamId);
}

async function moveLocalRows(db: Db, teamId: string): Promise<number> {
  if (teamId === LOCAL_TEAM) return 0;
  return transact(db, async (tx) => {
    const where = { teamId: LOCAL_TEAM };
    const data = { teamId };
    const { count } = await tx.board.updateMany({ where, data });
    if (count === 0) return 0;
    await tx.problem.updateMany({ where, data });
    await tx.measure.updateMany({ where, data });
    await tx.update.updateMany({ where, data });
    await tx.closeoutRequest.updateMany({ where, data });
    await tx.auditEvent.updateMany({ where, data });
    await tx.delivery.updateMany({ where, data });
    return count;
  });
}
