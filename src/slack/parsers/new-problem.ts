import type { z } from 'zod';
import { problemInput } from '../../domain/inputs.js';
import type { Translator } from '../../i18n/index.js';
import { NEW_PROBLEM } from '../blocks/modals/new-problem.js';
import { parseForm, type Parsed } from './inline-errors.js';
import { splitLines } from './lines.js';
import { read, type ViewValues } from './view-state.js';

export interface NewProblemForm {
  boardCode: string;
  problem: z.output<typeof problemInput>;
}

/** The `new` modal's answers, validated by the same schema the service and the CSV import use. */
export function parseNewProblem(tr: Translator, values: ViewValues): Parsed<NewProblemForm> {
  const measures = splitLines(read.text(values, NEW_PROBLEM.measures));
  const raw = {
    title: read.text(values, NEW_PROBLEM.title),
    description: read.text(values, NEW_PROBLEM.description),
    category: read.textOrSelected(values, NEW_PROBLEM.category),
    source: read.text(values, NEW_PROBLEM.source),
    ownerId: read.user(values, NEW_PROBLEM.owner) ?? '',
    unit: read.text(values, NEW_PROBLEM.unit),
    deadline: read.date(values, NEW_PROBLEM.deadline),
    measures: measures.items,
  };
  const parsed = parseForm(tr, problemInput, raw, {
    title: { block: NEW_PROBLEM.title },
    description: { block: NEW_PROBLEM.description },
    category: { block: NEW_PROBLEM.category },
    source: { block: NEW_PROBLEM.source },
    ownerId: { block: NEW_PROBLEM.owner, invalid: 'modal.error.user' },
    unit: { block: NEW_PROBLEM.unit },
    deadline: { block: NEW_PROBLEM.deadline, invalid: 'modal.error.date' },
    measures: { block: NEW_PROBLEM.measures, lineNumbers: measures.lineNumbers },
  });
  const boardCode = read.selected(values, NEW_PROBLEM.board);
  if (!boardCode) {
    const errors = { [NEW_PROBLEM.board]: tr('modal.error.required'), ...(parsed.ok ? {} : parsed.errors) };
    return { ok: false, errors };
  }
  return parsed.ok ? { ok: true, data: { boardCode, problem: parsed.data } } : parsed;
}
