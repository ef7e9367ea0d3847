import { answerFromDm } from './support/answer-check.js';
import type { ClickContext } from './support/on-click.js';

/** *Not sure yet* on an effectiveness check's DM: asked again in half the check's period (a new round). */
export const askAgainLater = (clicked: ClickContext) => answerFromDm(clicked, 'not_sure');
