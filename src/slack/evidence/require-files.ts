import type { Actor } from '../../domain/types.js';
import type { Translator } from '../../i18n/index.js';
import { evidenceRequiredFor } from '../../services/evidence-files.js';
import type { SlackContext } from '../context.js';
import { CLOSEOUT } from '../views/modals/closeout.js';

type Ack = (response: { response_action: 'errors'; errors: Record<string, string> }) => Promise<void>;

/**
 * On a board that requires evidence files, a closeout request without any is refused inline (one quick
 * database read before the ack). True when it acked the refusal. The service checks the same rule again,
 * so no other path slips past it.
 */
export async function refuseMissingFiles(
  ctx: SlackContext,
  actor: Actor,
  key: string | undefined,
  files: readonly unknown[],
  tr: Translator,
  ack: Ack,
): Promise<boolean> {
  if (files.length > 0 || !key) return false;
  let required: boolean;
  try {
    required = await evidenceRequiredFor(ctx.deps, actor.teamId, key);
  } catch {
    return false; // an unknown problem is refused after the ack, with the usual answer
  }
  if (!required) return false;
  await ack({ response_action: 'errors', errors: { [CLOSEOUT.files]: tr('error.evidence_files_required') } });
  return true;
}
