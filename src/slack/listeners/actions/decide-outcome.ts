import type { ModalView } from '@slack/types';
import { conflict } from '../../../domain/errors.js';
import type { Translator } from '../../../i18n/index.js';
import { requestForLeader } from '../../../services/closeout-requests.js';
import { showExistingDecision } from '../../notify/decision.js';
import { originOf, requireRequestIdValue } from '../../parsers/block-action.js';
import { encodeReturnMetadata } from '../../parsers/return-reason.js';
import { longTermModal, notRectifiableModal } from '../../blocks/modals/closeout-outcome.js';
import type { ClickContext } from './support/on-click.js';

type OutcomeModal = typeof longTermModal;

/**
 * *Approve, long-term* and *Not rectifiable* on a closeout request: the modal asking for the mechanisms or
 * the reason opens (the decision is saved on its submission, views/save-outcome.ts). A request already
 * decided is shown with its decision instead, as Return does.
 */
async function openOutcomeModal(clicked: ClickContext, build: OutcomeModal): Promise<void> {
  const { ctx, click, actor, lang, tr, client } = clicked;
  const requestId = requireRequestIdValue(click.value);
  const origin = originOf(click, 'request');
  const request = await requestForLeader(ctx.deps, actor, requestId);
  if (request.state !== 'pending') {
    await showExistingDecision({ client, ctx, actor, lang, origin, requestId });
    throw conflict('error.already_decided', { state: request.state, user: request.decidedBy ?? '?' });
  }
  const view: ModalView = build(tr as Translator, {
    key: request.problem.key,
    title: request.problem.title,
    ownerId: request.problem.ownerId,
    metadata: encodeReturnMetadata({ requestId, lang, origin }),
  });
  await client.views.open({ trigger_id: click.triggerId, view });
}

export const openLongTerm = (clicked: ClickContext) => openOutcomeModal(clicked, longTermModal);
export const openNotRectifiable = (clicked: ClickContext) => openOutcomeModal(clicked, notRectifiableModal);
