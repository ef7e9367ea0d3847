import { longTermInput, type LongTerm } from '../../domain/inputs.js';
import type { Translator } from '../../i18n/index.js';
import { LONG_TERM } from '../blocks/modals/closeout-outcome.js';
import { parseForm, type Parsed } from './inline-errors.js';
import { splitLines } from './lines.js';
import { read, type ViewValues } from './view-state.js';

/** The long-term modal: mechanisms one a line (list markers removed), and the follow-up date. */
export function parseLongTerm(tr: Translator, values: ViewValues): Parsed<LongTerm> {
  const lines = splitLines(read.text(values, LONG_TERM.mechanisms));
  const raw = { mechanisms: lines.items, followUpDate: read.date(values, LONG_TERM.followUp) ?? '' };
  return parseForm(tr, longTermInput, raw, {
    mechanisms: { block: LONG_TERM.mechanisms, lineNumbers: lines.lineNumbers },
    followUpDate: { block: LONG_TERM.followUp, invalid: 'modal.error.date' },
  });
}
