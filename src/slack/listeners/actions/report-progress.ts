import { modalArgsFromClick, openReportModal } from '../../modals/owner-modals.js';
import type { ClickContext } from './on-click.js';

/** *Report progress* on a card, prompt or the App Home: the progress modal opens for that problem. */
export async function reportProgress(clicked: ClickContext): Promise<void> {
  await openReportModal(modalArgsFromClick(clicked));
}
