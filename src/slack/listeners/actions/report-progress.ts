import { modalArgsFromClick, openReportModal } from '../../open-modal/owner.js';
import type { ClickContext } from './support/on-click.js';

/** *Report progress* on a card, prompt or the App Home: the progress modal opens for that problem. */
export async function reportProgress(clicked: ClickContext): Promise<void> {
  await openReportModal(modalArgsFromClick(clicked));
}
