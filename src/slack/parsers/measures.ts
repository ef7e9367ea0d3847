import { isoDate, measureText } from '../../domain/inputs.js';
import type { Translator } from '../../i18n/index.js';
import type { MeasureChange, NewMeasures } from '../../services/measure-changes.js';
import { MEASURES } from '../blocks/modals/measures.js';
import type { InlineErrors, Parsed } from './inline-errors.js';
import { splitLines } from './lines.js';
import { read, type ViewValues } from './view-state.js';

export interface MeasuresForm {
  changes: MeasureChange[];
  added: NewMeasures;
}

/** The measures modal: one change per measure shown (found by its `m<n>.*` blocks), and the new lines. */
export function parseMeasures(tr: Translator, values: ViewValues): Parsed<MeasuresForm> {
  const errors: InlineErrors = {};
  const numbers = Object.keys(values)
    .map((block) => /^m(\d+)\.text$/.exec(block)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number);
  const changes: MeasureChange[] = numbers.map((n) => {
    const text = read.text(values, MEASURES.text(n));
    if (!measureText.safeParse(text).success)
      errors[MEASURES.text(n)] = text.trim() ? tr('modal.error.too_long', { max: 1000 }) : tr('modal.error.required');
    return {
      number: n,
      text: text.trim(),
      ownerId: read.user(values, MEASURES.owner(n)),
      deadline: read.date(values, MEASURES.deadline(n)),
      retire: read.selectedMany(values, MEASURES.retire(n)).includes('retire'),
    };
  });
  const lines = splitLines(read.text(values, MEASURES.newTexts));
  const tooLong = lines.items.findIndex((t) => !measureText.safeParse(t).success);
  if (tooLong >= 0)
    errors[MEASURES.newTexts] = tr('modal.error.line_too_long', { line: lines.lineNumbers[tooLong] ?? 1, max: 1000 });
  const deadline = read.date(values, MEASURES.newDeadline);
  if (deadline && !isoDate.safeParse(deadline).success) errors[MEASURES.newDeadline] = tr('modal.error.date');
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    data: {
      changes,
      added: { texts: lines.items, ownerId: read.user(values, MEASURES.newOwner), deadline },
    },
  };
}
