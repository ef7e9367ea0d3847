import type { ModalView } from '@slack/types';
import type { Translator } from '../../../i18n/index.js';
import { VIEW } from '../../ids.js';
import { input, modal, section } from './elements.js';

/** The block ids of the App Home's "I'll be away" modal; inline errors are keyed by them. */
export const ABSENCE = { from: 'away_from', to: 'away_to', delegate: 'away_delegate' } as const;

interface AbsenceModalData {
  /** The day the "From" picker starts on (the user's today, as the service counts it). */
  today: string;
  /** The user's current absence, to change it. */
  current?: { startDate: string; endDate: string; delegateId: string | null } | null;
  /** encodeMetadata(...) of the user's language. */
  metadata: string;
}

/** *I'll be away…* on the App Home (issue 22): the same absence `/closeout away` sets, by dates and a person. */
export function absenceModal(tr: Translator, data: AbsenceModalData): ModalView {
  const c = data.current;
  return modal({
    callbackId: VIEW.absence,
    title: tr('away.modal.title'),
    submit: tr('away.modal.submit'),
    close: tr('modal.cancel'),
    privateMetadata: data.metadata,
    blocks: [
      section(tr('away.modal.intro')),
      input(ABSENCE.from, tr('away.modal.from'), {
        type: 'datepicker',
        action_id: 'date',
        initial_date: c?.startDate ?? data.today,
      }),
      input(ABSENCE.to, tr('away.modal.to'), {
        type: 'datepicker',
        action_id: 'date',
        ...(c && { initial_date: c.endDate }),
      }),
      input(
        ABSENCE.delegate,
        tr('away.modal.delegate'),
        { type: 'users_select', action_id: 'user', ...(c?.delegateId && { initial_user: c.delegateId }) },
        { optional: true, hint: tr('away.modal.delegate_hint') },
      ),
    ],
  });
}
