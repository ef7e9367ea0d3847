import { isAdmin } from '../../../../services/access.js';
import { boardsLedBy } from '../../../../services/boards.js';
import type { MessageKey } from '../../../../i18n/index.js';
import { LIMITS, truncate } from '../../../blocks/limits.js';
import type { SubcommandArgs } from './types.js';

/** The texts a leaders' subcommand answers with when no board was named and none can be assumed. */
interface BoardChoiceTexts {
  /** The subcommand as typed in the suggestions, e.g. `summary`. */
  sub: string;
  notLeader: MessageKey;
  noBoards: MessageKey;
  choose: MessageKey;
}

/**
 * The board a leaders' subcommand is about: the one named, else the one board the user leads. Otherwise
 * answers (not a leader of any board, or several boards to choose from) and returns null. Whether the user
 * may use the board named is the service's decision.
 */
export async function boardNamedOrLed(
  call: SubcommandArgs,
  code: string | null,
  texts: BoardChoiceTexts,
): Promise<string | null> {
  if (code !== null) return code;
  const boards = await boardsLedBy(call.ctx.deps, call.actor);
  if (boards.length === 0) {
    const reason = call.tr(isAdmin(call.ctx.deps, call.actor) ? texts.noBoards : texts.notLeader);
    await call.respond({ response_type: 'ephemeral', text: call.tr('common.refused', { reason }) });
    return null;
  }
  if (boards.length > 1) {
    const choices = boards.map((b) => `\`/closeout ${texts.sub} ${b.code}\``).join(' · ');
    await call.respond({
      response_type: 'ephemeral',
      text: truncate(call.tr(texts.choose, { choices }), LIMITS.messageText),
    });
    return null;
  }
  return boards[0]!.code;
}
