import { openReportModal } from '../../modals/owner-modals.js';
import { originOf, requireKeyValue } from '../../parsers/block-action.js';
import type { ClickContext } from './on-click.js';

/** *Report progress* on a card, prompt or the App Home: the progress modal opens for that problem. */
export async function reportProgress({ ctx, click, actor, lang, client }: ClickContext): Promise<void> {
  await openReportModal({
    client,
    triggerId: click.triggerId,
    ctx,
    actor,
    lang,
    key: requireKeyValue(click.value),
    origin: originOf(click, 'prompt'),
  });
}
