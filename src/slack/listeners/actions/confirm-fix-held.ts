import { answerFromDm } from './support/answer-check.js';
import type { ClickContext } from './support/on-click.js';

/** *Held* on an effectiveness check's DM: recorded (who, when); the DM shows it. */
export const confirmFixHeld = (clicked: ClickContext) => answerFromDm(clicked, 'held');
