import type { z } from 'zod';
import type { MessageKey, Translator } from '../../i18n/index.js';

type Issue = z.ZodError['issues'][number];

/** How a schema field shows up in a modal. */
export interface FieldSpec {
  block: string;
  /** Message for anything but "missing", "too long" and "too many" (e.g. a number out of range). */
  invalid?: MessageKey;
  /** Input line of each array item (one-per-line fields), so errors can name the line. */
  lineNumbers?: number[];
}

export type InlineErrors = Record<string, string>;

export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: InlineErrors };

function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

function messageFor(tr: Translator, issue: Issue, spec: FieldSpec, raw: Record<string, unknown>): string {
  const [field, index] = issue.path;
  const value = raw[String(field)];
  if (typeof index === 'number') {
    const line = spec.lineNumbers?.[index] ?? index + 1;
    if (issue.code === 'too_big' && issue.origin === 'string')
      return tr('modal.error.line_too_long', { line, max: Number(issue.maximum) });
    return tr('modal.error.line_invalid', { line });
  }
  if (isEmpty(value) && issue.code !== 'too_big') return tr('modal.error.required');
  if (issue.code === 'too_big' && issue.origin === 'string')
    return tr('modal.error.too_long', { max: Number(issue.maximum) });
  if (issue.code === 'too_big' && issue.origin === 'array')
    return tr('modal.error.too_many', { max: Number(issue.maximum) });
  return tr(spec.invalid ?? 'modal.error.invalid');
}

/**
 * zod issues → `response_action: errors` entries keyed by block_id, in the user's language (the schemas'
 * own messages are English for the CLI). The first issue of each block wins.
 */
function inlineErrors(
  tr: Translator,
  issues: readonly Issue[],
  fields: Record<string, FieldSpec>,
  raw: Record<string, unknown>,
): InlineErrors {
  const errors: InlineErrors = {};
  for (const issue of issues) {
    const spec = fields[String(issue.path[0])];
    if (!spec || errors[spec.block]) continue;
    errors[spec.block] = messageFor(tr, issue, spec, raw);
  }
  return errors;
}

/** Runs a schema over the raw form values and maps failures to inline errors. */
export function parseForm<S extends z.ZodType>(
  tr: Translator,
  schema: S,
  raw: Record<string, unknown>,
  fields: Record<string, FieldSpec>,
): Parsed<z.output<S>> {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors = inlineErrors(tr, result.error.issues, fields, raw);
  // An issue on a field the modal does not show is our bug, not the user's: say so on the first block.
  if (Object.keys(errors).length === 0) {
    const first = Object.values(fields)[0];
    if (first) errors[first.block] = tr('modal.error.invalid');
  }
  return { ok: false, errors };
}
