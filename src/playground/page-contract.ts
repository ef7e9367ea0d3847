/**
 * Shapes and limits the page and the playground server share over the page API (types and constants only:
 * the page imports this file too, so it must stay free of Node imports). page-api.ts checks incoming
 * bodies against them.
 */

/** What a person did on a block element, in the shape Slack puts in `actions[]`. */
export interface ElementAction {
  type: string;
  action_id: string;
  block_id: string;
  value?: string;
  selected_option?: unknown;
  selected_user?: string;
  selected_date?: string;
  text?: unknown;
}

/** A modal's or a message's input values, as Slack sends them in `state.values` (block → action → value). */
export type StateValues = Record<string, Record<string, Record<string, unknown>>>;

/** A file a person attaches in the page (a file_input) is at most this large; the stand-in refuses more. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
/** Slack's own limit on a file_input's files (its `max_files` is 1–10). */
export const MAX_INPUT_FILES = 10;
