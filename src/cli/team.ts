import type { Db } from '../db/client.js';
import { LOCAL_TEAM, teamsWithBoards } from '../services/workspace.js';
import { UserError } from './errors.js';

/**
 * Which Slack workspace the CLI acts in: `--team`, else SLACK_TEAM_ID, else the only workspace that
 * already has boards in this database, else T_LOCAL. Several workspaces and no choice is an error.
 */
export async function resolveTeam(db: Db, option: string | undefined, env: NodeJS.ProcessEnv): Promise<string> {
  const chosen = option?.trim() || env.SLACK_TEAM_ID?.trim();
  if (chosen) {
    if (!/^[A-Z0-9_]+$/i.test(chosen)) throw new UserError(`"${chosen}" is not a Slack team ID (like T0123ABCD).`);
    return chosen;
  }
  const teams = await teamsWithBoards(db);
  if (teams.length > 1) {
    throw new UserError(
      `This database holds boards of several Slack workspaces (${teams.join(', ')}); ` +
        'choose one with --team T… or the SLACK_TEAM_ID environment variable.',
    );
  }
  return teams[0] ?? LOCAL_TEAM;
}
