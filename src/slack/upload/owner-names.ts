import type { WebClient } from '@slack/web-api';
import type { Db } from '../../db/client.js';
import type { Logger } from '../../logging/logger.js';
import { rememberNames, storedNames } from '../../services/people.js';
import { displayNames } from '../people.js';

/**
 * Names for the people a document lists (issue 24: a report prints names, not member IDs). With Slack:
 * users.info for each distinct person (cached, a few at a time, people.ts), kept in the database for
 * documents made without Slack. Without Slack (the CLI with no token), or for people Slack does not
 * answer for: the names kept from before. Anyone never named stays their ID (the caller prints it).
 */
export async function ownerNames(
  client: WebClient | null,
  logger: Logger,
  req: { db: Db; boardId: number; at: Date },
  ids: readonly string[],
): Promise<Map<string, string>> {
  const names = client ? await displayNames(client, logger, ids) : new Map<string, string>();
  if (names.size) {
    await rememberNames(req.db, req.boardId, names, req.at).catch((error: unknown) => {
      logger.warn({ err: error }, 'could not keep display names; the report goes on');
    });
  }
  const missing = ids.filter((id) => !names.has(id));
  if (missing.length) for (const [id, name] of await storedNames(req.db, req.boardId, missing)) names.set(id, name);
  return names;
}
