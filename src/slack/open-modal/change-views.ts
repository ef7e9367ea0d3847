import type { ModalView } from '@slack/types';
import { forbidden } from '../../domain/errors.js';
import type { Actor, Language } from '../../domain/types.js';
import { translator } from '../../i18n/index.js';
import { isAdmin } from '../../services/access.js';
import { categories } from '../../services/boards.js';
import { ensureNotWithdrawn, getProblemDetail } from '../../services/problems.js';
import type { SlackContext } from '../context.js';
import type { ModalMetadata } from '../parsers/modal-metadata.js';
import { changeReasonModal } from '../blocks/modals/change-reason.js';
import { editProblemModal } from '../blocks/modals/edit-problem.js';
import { measuresModal } from '../blocks/modals/measures.js';
import { reassignModal } from '../blocks/modals/reassign.js';

/** The leaders' changes that open a modal (restore needs none). */
export type ChangeModal = 'edit' | 'reassign' | 'measures' | 'reopen' | 'withdraw';

interface ChangeViewArgs {
  ctx: SlackContext;
  actor: Actor;
  lang: Language;
  key: string;
  /** Where the user started, for the confirmation. */
  channel?: string;
  /** A note typed with `reassign` (kept in the modal). */
  note?: string;
}

type Detail = Awaited<ReturnType<typeof getProblemDetail>>;

function roleOf(ctx: SlackContext, actor: Actor, detail: Detail) {
  return {
    canLead: isAdmin(ctx.deps, actor) || detail.board.leaders.some((l) => l.userId === actor.userId),
    isOwner: detail.ownerId === actor.userId,
  };
}

/**
 * The modal for a change to a problem, after checking the user may make it (the services check again on
 * submit), so nobody fills in a form in vain. Throws DomainError when refused.
 */
export async function changeView(which: ChangeModal, opening: ChangeViewArgs): Promise<ModalView> {
  const detail = await getProblemDetail(opening.ctx.deps, opening.actor.teamId, opening.key, 0);
  const role = roleOf(opening.ctx, opening.actor, detail);
  // Owners may edit a few fields of their problem and add measures; everything else is the leaders'.
  const ownerMay = which === 'edit' || which === 'measures';
  if (!role.canLead && !(ownerMay && role.isOwner)) throw forbidden('error.not_leader', { code: detail.board.code });
  if (which !== 'withdraw') ensureNotWithdrawn(detail);
  const tr = translator(opening.lang);
  const metadata: ModalMetadata = {
    lang: opening.lang,
    key: detail.key,
    ...(opening.channel && { channel: opening.channel }),
  };
  switch (which) {
    case 'edit':
      return editProblemModal(tr, {
        key: detail.key,
        values: detail,
        categories: categories(detail.board),
        canLead: role.canLead,
        metadata: { ...metadata, version: detail.version },
      });
    case 'reassign':
      return reassignModal(tr, {
        key: detail.key,
        title: detail.title,
        ownerId: detail.ownerId,
        ...(opening.note && { note: opening.note }),
        metadata,
      });
    case 'measures':
      return measuresModal(tr, {
        key: detail.key,
        title: detail.title,
        measures: detail.measures,
        canLead: role.canLead,
        metadata: { ...metadata, version: detail.version },
      });
    case 'reopen':
    case 'withdraw':
      return changeReasonModal(tr, { change: which, key: detail.key, title: detail.title, metadata });
  }
}
