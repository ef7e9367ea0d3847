import type { Actor } from '../../domain/types.js';
import type { Translator } from '../../i18n/index.js';
import { evidenceRequiredFor } from '../../services/evidence-files.js';
import type { SlackContext } from '../context.js';
import type { InlineErrors } from '../parsers/inline-errors.js';
import { CLOSEOUT } from '../blocks/modals/closeout.js';

/**
 * On a board that requires evidence files, a closeout request without any is refused inline (one quick
 * database read before the ack): the inline error to show, or null when the request may go on. The service
 * checks the same rule again, so no other path slips past it.
 */
export async function missingFilesError(
  ctx: SlackContext,
  actor: Actor,
  key: string | undefined,
  files: readonly unknown[],
  tr: Translator,
): Promise<InlineErrors | null> {
  if (files.length > 0 || !key) return null;
  let required: boolean;
  try {
    required = await evidenceRequiredFor(ctx.deps, actor.teamId, key);
  } catch {
    return null; // an unknown problem is refused after the ack, with the usual answer
  }
  return required ? { [CLOSEOUT.files]: tr('error.evidence_files_required') } : null;
}
