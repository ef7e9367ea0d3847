import { problemEdit } from '../../domain/inputs.js';
import type { Translator } from '../../i18n/index.js';
import { EDIT_PROBLEM, type EditableFields } from '../blocks/modals/edit-problem.js';
import { parseForm, type Parsed } from './inline-errors.js';
import { read, type ViewValues } from './view-state.js';

export interface EditForm {
  /** Only the fields the modal showed (an owner's has no title, category or deadline). */
  fields: Partial<EditableFields>;
  reason: string;
}

/** The edit modal's answers, validated by the schema the service uses; empty optional fields clear them. */
export function parseEditProblem(tr: Translator, values: ViewValues): Parsed<EditForm> {
  const has = (block: string) => block in values;
  const category =
    read.text(values, EDIT_PROBLEM.newCategory).trim() || read.textOrSelected(values, EDIT_PROBLEM.category);
  const raw = {
    ...(has(EDIT_PROBLEM.title) && { title: read.text(values, EDIT_PROBLEM.title) }),
    ...(has(EDIT_PROBLEM.description) && { description: read.text(values, EDIT_PROBLEM.description) }),
    ...(has(EDIT_PROBLEM.category) && { category }),
    ...(has(EDIT_PROBLEM.source) && { source: read.text(values, EDIT_PROBLEM.source) }),
    ...(has(EDIT_PROBLEM.unit) && { unit: read.text(values, EDIT_PROBLEM.unit) }),
    ...(has(EDIT_PROBLEM.deadline) && { deadline: read.date(values, EDIT_PROBLEM.deadline) }),
  };
  const parsed = parseForm(tr, problemEdit, raw, {
    title: { block: EDIT_PROBLEM.title },
    description: { block: EDIT_PROBLEM.description },
    category: { block: has(EDIT_PROBLEM.newCategory) ? EDIT_PROBLEM.newCategory : EDIT_PROBLEM.category },
    source: { block: EDIT_PROBLEM.source },
    unit: { block: EDIT_PROBLEM.unit },
    deadline: { block: EDIT_PROBLEM.deadline, invalid: 'modal.error.date' },
  });
  if (!parsed.ok) return parsed;
  const d = parsed.data;
  const fields: Partial<EditableFields> = {
    ...(d.title !== undefined && { title: d.title }),
    ...(d.description !== undefined && { description: d.description }),
    ...('category' in raw && { category: d.category ?? null }),
    ...('source' in raw && { source: d.source ?? null }),
    ...('unit' in raw && { unit: d.unit ?? null }),
    ...('deadline' in raw && { deadline: d.deadline ?? null }),
  };
  return { ok: true, data: { fields, reason: read.text(values, EDIT_PROBLEM.reason).trim() } };
}

/** Fields whose submitted value differs from the stored one. */
export function differing(stored: EditableFields, fields: Partial<EditableFields>): (keyof EditableFields)[] {
  return (Object.keys(fields) as (keyof EditableFields)[]).filter((f) => (fields[f] ?? null) !== (stored[f] ?? null));
}
