import type { z } from 'zod';
import { updateInput } from '../../domain/inputs.js';
import type { Translator } from '../../i18n/index.js';
import { REPORT } from '../blocks/modals/report.js';
import { parseForm, type Parsed } from './inline-errors.js';
import { numberOrUndefined, read, type ViewValues } from './view-state.js';

type ReportForm = z.output<typeof updateInput>;

/** The progress modal's answers (health, percent, note, measures ticked as done). */
export function parseReport(tr: Translator, values: ViewValues): Parsed<ReportForm> {
  const raw = {
    health: read.selected(values, REPORT.health),
    percent: numberOrUndefined(read.text(values, REPORT.percent)),
    note: read.text(values, REPORT.note),
    measuresDone: read.selectedMany(values, REPORT.measuresDone).map(Number),
  };
  return parseForm(tr, updateInput, raw, {
    health: { block: REPORT.health },
    percent: { block: REPORT.percent, invalid: 'modal.error.percent' },
    note: { block: REPORT.note },
    measuresDone: { block: REPORT.measuresDone },
  });
}
