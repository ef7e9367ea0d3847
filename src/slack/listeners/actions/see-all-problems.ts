import type { ClickContext } from './support/on-click.js';
import { showListPage } from './turn-list-page.js';

/** *See all* under a prompt that could not list every problem: the owner's list as a new message; the prompt stays. */
export function seeAllProblems(clicked: ClickContext): Promise<void> {
  return showListPage(clicked, { replace: false });
}
