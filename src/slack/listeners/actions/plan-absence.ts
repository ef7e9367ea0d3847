import { localDate } from '../../../domain/cycle.js';
import { absenceOf } from '../../../services/absences.js';
import { absenceModal } from '../../blocks/modals/absence.js';
import { encodeMetadata } from '../../parsers/modal-metadata.js';
import type { ClickContext } from './support/on-click.js';

/** *I'll be away…* on the App Home (issue 22): the modal opens with the user's absence, if any, to change. */
export async function planAbsence({ ctx, click, actor, lang, tr, client }: ClickContext): Promise<void> {
  const current = await absenceOf(ctx.deps, actor);
  await client.views.open({
    trigger_id: click.triggerId,
    view: absenceModal(tr, {
      today: localDate(ctx.deps.clock.now(), ctx.env.CLOSEOUT_TIMEZONE),
      current,
      metadata: encodeMetadata({ lang }),
    }),
  });
}
