import { reopenAndTell, withdraw } from '../../notify/changes.js';
import { read } from '../../parsers/view-state.js';
import { CHANGE_REASON } from '../../blocks/modals/change-reason.js';
import { parseThenWork } from './support/on-submit.js';

/** The reason modal of `reopen` (reason required; the owner is told) and `withdraw` (reason optional). */
export const saveChangeReason = parseThenWork({
  parse: ({ meta, tr, values }) => {
    const reason = read.text(values, CHANGE_REASON.reason).trim();
    if (meta.mode === 'reopen' && !reason)
      return { ok: false, errors: { [CHANGE_REASON.reason]: tr('error.reason_required') } };
    return { ok: true, data: reason };
  },
  written: (reason) => reason,
  once: true,
  work: async ({ ctx, client, actor, meta, form: reason }) => {
    const change = { ctx, client, actor, lang: meta.lang, key: meta.key ?? '' };
    return meta.mode === 'reopen' ? reopenAndTell(change, reason) : withdraw(change, reason);
  },
});
