import type { z } from 'zod';
import { invalid } from '../domain/errors.js';

/** Parses with a zod schema; the first problem becomes a user-facing `invalid` refusal naming the field. */
export function validate<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw invalid('error.invalid_field', { field: issue.path.join('.') || 'input', reason: issue.message });
}
