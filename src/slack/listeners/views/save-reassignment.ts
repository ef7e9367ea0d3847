import { reassignAndTell } from '../../notify/changes.js';
import { read } from '../../parsers/view-state.js';
import { REASSIGN } from '../../blocks/modals/reassign.js';
import { parseThenWork } from './support/on-submit.js';

/** The reassign modal: the new owner is required; both owners are told by DM. */
export const saveReassignment = parseThenWork({
  parse: ({ tr, values }) => {
    const ownerId = read.user(values, REASSIGN.owner);
    if (!ownerId) return { ok: false, errors: { [REASSIGN.owner]: tr('modal.error.user') } };
    return { ok: true, data: { ownerId, note: read.text(values, REASSIGN.note).trim() } };
  },
  written: ({ note }) => note,
  once: true,
  work: async ({ ctx, client, actor, meta, form }) => {
    const change = { ctx, client, actor, lang: meta.lang, key: meta.key ?? '' };
    return reassignAndTell(change, form.ownerId, form.note);
  },
});
