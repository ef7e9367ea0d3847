import type { KnownBlock, ModalView } from '@slack/types';
import type { Translator } from '../../../i18n/index.js';
import { ACTION, VIEW } from '../../ids.js';
import { encodeMetadata, type ModalMetadata } from '../../parsers/modal-metadata.js';
import { LIMITS } from '../limits.js';
import { formatDate } from '../../../i18n/dates.js';
import { context, input, modal, option, section } from './elements.js';

/** One field in both pickers: the report picker (`report`) and the leaders' "which problem?" (`edit`, …). */
export const PICK_PROBLEM = { problem: 'problem' } as const;

interface PickableProblem {
  key: string;
  title: string;
  deadline: string | null;
  overdue: boolean;
  percent: number;
  /** The problem's board's local date, for showing its deadline. */
  today: string;
}

interface PickProblemModalData {
  /** Due soonest first; only the first 100 fit in a select. */
  problems: PickableProblem[];
  total: number;
  metadata: ModalMetadata;
}

export function pickProblemModal(tr: Translator, data: PickProblemModalData): ModalView {
  const lang = data.metadata.lang;
  const shown = data.problems.slice(0, LIMITS.selectOptions);
  const options = shown.map((p) => {
    const due = p.deadline ? formatDate(lang, p.deadline, p.today) : null;
    const when = !due
      ? tr('pick.no_deadline')
      : p.overdue
        ? tr('pick.overdue', { date: due })
        : tr('pick.due', { date: due });
    return option(`${p.key} · ${p.title}`, p.key, `${when} · ${p.percent}%`);
  });
  const blocks: KnownBlock[] = [
    section(tr('pick.intro', { count: data.total })),
    input(
      PICK_PROBLEM.problem,
      tr('pick.label'),
      {
        type: 'static_select',
        action_id: ACTION.pickProblem,
        options,
        placeholder: { type: 'plain_text', text: tr('pick.placeholder') },
      },
      { dispatch: true },
    ),
  ];
  if (data.total > shown.length) blocks.push(context(tr('pick.more', { shown: shown.length, total: data.total })));
  return modal({
    callbackId: VIEW.pickProblem,
    title: tr('report.modal.title'),
    submit: tr('pick.submit'),
    close: tr('modal.cancel'),
    blocks,
    privateMetadata: encodeMetadata(data.metadata),
  });
}

interface ChangePickData {
  /** The subcommand the pick is for (edit, reassign, …), kept in the metadata. */
  sub: string;
  problems: { key: string; title: string }[];
  total: number;
  metadata: ModalMetadata;
}

/** "Which problem?" for a leader's command typed without a key; Next opens that command's modal. */
export function changePickModal(tr: Translator, data: ChangePickData): ModalView {
  const shown = data.problems.slice(0, LIMITS.selectOptions);
  const blocks: KnownBlock[] = [
    input(PICK_PROBLEM.problem, tr('pick.label'), {
      type: 'static_select',
      action_id: 'problem',
      options: shown.map((p) => option(`${p.key} · ${p.title}`, p.key)),
      placeholder: { type: 'plain_text', text: tr('pick.placeholder') },
    }),
  ];
  if (data.total > shown.length)
    blocks.push(context(tr('changes.pick.more', { shown: shown.length, total: data.total, sub: data.sub })));
  return modal({
    callbackId: VIEW.changePick,
    title: tr(`changes.menu.${data.sub}` as Parameters<Translator>[0]).replace(/…$/, ''),
    submit: tr('pick.submit'),
    close: tr('modal.cancel'),
    blocks,
    privateMetadata: encodeMetadata({ ...data.metadata, mode: data.sub }),
  });
}
