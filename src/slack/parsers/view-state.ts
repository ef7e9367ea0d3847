import { z } from 'zod';

const option = z.object({ value: z.string() });
/** A file in a `file_input`'s state: only its id is trusted (the rest is read back with files.info). */
const sharedFile = z.object({ id: z.string().max(64), name: z.string().nullish() });

/** One input element's state as Slack sends it; each element type fills in its own field. */
const elementState = z.object({
  type: z.string(),
  value: z.string().nullish(),
  selected_option: option.nullish(),
  selected_options: z.array(option).nullish(),
  selected_user: z.string().nullish(),
  selected_users: z.array(z.string()).nullish(),
  selected_conversation: z.string().nullish(),
  selected_channel: z.string().nullish(),
  selected_date: z.string().nullish(),
  selected_time: z.string().nullish(),
  files: z.array(sharedFile).max(100).nullish(),
});
type ElementState = z.infer<typeof elementState>;

/** `view.state.values`: block_id → action_id → element state. */
const viewValues = z.record(z.string(), z.record(z.string(), elementState));
export type ViewValues = z.infer<typeof viewValues>;

export function parseViewValues(raw: unknown): ViewValues {
  return viewValues.parse(raw);
}

/** Our input blocks hold one element each, so a block's state is its only entry. */
function element(values: ViewValues, block: string): ElementState | undefined {
  const entries = values[block];
  return entries ? Object.values(entries)[0] : undefined;
}

/** Readers for each kind of element; empty answers come back as '' / null / []. */
export const read = {
  text: (v: ViewValues, block: string): string => element(v, block)?.value ?? '',
  /** A text input or a static select, whichever the block holds. */
  textOrSelected: (v: ViewValues, block: string): string => {
    const e = element(v, block);
    return e?.selected_option?.value ?? e?.value ?? '';
  },
  selected: (v: ViewValues, block: string): string | null => element(v, block)?.selected_option?.value ?? null,
  /** Checkboxes or a multi select. */
  selectedMany: (v: ViewValues, block: string): string[] =>
    element(v, block)?.selected_options?.map((o) => o.value) ?? [],
  user: (v: ViewValues, block: string): string | null => element(v, block)?.selected_user ?? null,
  users: (v: ViewValues, block: string): string[] => element(v, block)?.selected_users ?? [],
  conversation: (v: ViewValues, block: string): string | null => {
    const e = element(v, block);
    return e?.selected_conversation ?? e?.selected_channel ?? null;
  },
  date: (v: ViewValues, block: string): string | null => element(v, block)?.selected_date ?? null,
  time: (v: ViewValues, block: string): string | null => element(v, block)?.selected_time ?? null,
  /** A file input's uploaded files (ids and the names Slack reported). */
  files: (v: ViewValues, block: string): { id: string; name: string }[] =>
    element(v, block)?.files?.map((f) => ({ id: f.id, name: f.name ?? f.id })) ?? [],
};

/** A number input's text as a number: undefined when empty (so "required" is reported), NaN when not a number. */
export function numberOrUndefined(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text.trim());
}
