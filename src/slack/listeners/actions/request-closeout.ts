import { modalArgsFromClick, openCloseoutModal } from '../../open-modal/owner.js';
import type { ClickContext } from './support/on-click.js';

/** *Request closeout* on a card, prompt or the App Home: the closeout request modal opens. */
export async function requestCloseout(clicked: ClickContext): Promise<void> {
  await openCloseoutModal(modalArgsFromClick(clicked));
}
