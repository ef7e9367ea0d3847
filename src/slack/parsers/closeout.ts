import type { z } from 'zod';
import { EVIDENCE_MAX_FILES } from '../../domain/evidence.js';
import { closeoutInput } from '../../domain/inputs.js';
import type { Translator } from '../../i18n/index.js';
import { CLOSEOUT } from '../blocks/modals/closeout.js';
import { parseForm, type Parsed } from './inline-errors.js';
import { read, type ViewValues } from './view-state.js';

type CloseoutForm = z.output<typeof closeoutInput> & { files: { id: string; name: string }[] };

/** The note and the files' ids (described later with files.info); more than ten files is refused inline. */
export function parseCloseout(tr: Translator, values: ViewValues): Parsed<CloseoutForm> {
  const raw = { evidence: read.text(values, CLOSEOUT.evidence) };
  const files = read.files(values, CLOSEOUT.files);
  const parsed = parseForm(tr, closeoutInput, raw, { evidence: { block: CLOSEOUT.evidence } });
  const tooMany = files.length > EVIDENCE_MAX_FILES;
  if (tooMany) {
    const errors = parsed.ok ? {} : parsed.errors;
    return {
      ok: false,
      errors: { ...errors, [CLOSEOUT.files]: tr('modal.error.too_many', { max: EVIDENCE_MAX_FILES }) },
    };
  }
  return parsed.ok ? { ok: true, data: { ...parsed.data, files } } : parsed;
}
