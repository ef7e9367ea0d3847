import { openCloseoutModal } from '../../modals/owner-modals.js';
import { originOf, requireKeyValue } from '../../parsers/block-action.js';
import type { ClickContext } from './on-click.js';

/** *Request closeout* on a card, prompt or the App Home: the closeout request modal opens. */
export async function requestCloseout({ ctx, click, actor, lang, client }: ClickContext): Promise<void> {
  await openCloseoutModal({
    client,
    triggerId: click.triggerId,
    ctx,
    actor,
    lang,
    key: requireKeyValue(click.value),
    origin: originOf(click, 'prompt'),
  });
}
