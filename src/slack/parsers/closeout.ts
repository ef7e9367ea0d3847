import type { z } from 'zod';
import { closeoutInput } from '../../domain/inputs.js';
import type { Translator } from '../../i18n/index.js';
import { CLOSEOUT } from '../blocks/modals/closeout.js';
import { parseForm, type Parsed } from './inline-errors.js';
import { read, type ViewValues } from './view-state.js';

export type CloseoutForm = z.output<typeof closeoutInput>;

export function parseCloseout(tr: Translator, values: ViewValues): Parsed<CloseoutForm> {
  const raw = { evidence: read.text(values, CLOSEOUT.evidence) };
  return parseForm(tr, closeoutInput, raw, { evidence: { block: CLOSEOUT.evidence } });
}
