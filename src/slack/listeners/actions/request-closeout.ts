import { modalArgsFromClick, openCloseoutModal } from '../../modals/owner-modals.js';
import type { ClickContext } from './on-click.js';

/** *Request closeout* on a card, prompt or the App Home: the closeout request modal opens. */
export async function requestCloseout(clicked: ClickContext): Promise<void> {
  await openCloseoutModal(modalArgsFromClick(clicked));
}
