import type { KnownBlock, ModalView } from '@slack/types';
import { HEALTHS, type Health, type Language, type MeasureStatus } from '../../../domain/types.js';
import type { Translator } from '../../../i18n/index.js';
import { VIEW } from '../../ids.js';
import { encodeMetadata, type ModalMetadata } from '../../parsers/modal-metadata.js';
import { LIMITS, mrkdwnText } from '../limits.js';
import { formatDate } from '../../../i18n/dates.js';
import { context, input, modal, option, section } from './elements.js';
import { TEXT_INPUT_MAX } from './new-problem.js';

export const REPORT = {
  health: 'health',
  percent: 'percent',
  measuresDone: 'measures_done',
  note: 'note',
} as const;

/** Slack allows at most 10 checkboxes; beyond that the measures go into a multi-select. */
const CHECKBOX_MAX = 10;

export interface ReportModalData {
  problem: {
    key: string;
    title: string;
    /** The deadline that applies (the problem's, else the list-wide one). */
    deadline: string | null;
    percent: number;
    health: Health | null;
  };
  measures: { number: number; text: string; status: MeasureStatus }[];
  /** The board's local date, for showing dates. */
  today: string;
  metadata: ModalMetadata;
}

const HEALTH_EMOJI: Record<Health, string> = { on_track: '🟢', at_risk: '🟡', blocked: '🔴' };

function measuresBlocks(tr: Translator, data: ReportModalData): KnownBlock[] {
  const open = data.measures.filter((m) => m.status !== 'done');
  if (data.measures.length === 0) return [];
  if (open.length === 0) return [context(tr('report.measures.all_done', { total: data.measures.length }))];
  const shown = open.slice(0, LIMITS.selectOptions);
  const options = shown.map((m) => option(`${m.number}. ${m.text}`, String(m.number)));
  const label = tr('report.measures', { open: open.length, total: data.measures.length });
  const block =
    shown.length <= CHECKBOX_MAX
      ? input(
          REPORT.measuresDone,
          label,
          { type: 'checkboxes', action_id: 'measures_done', options },
          { optional: true },
        )
      : input(
          REPORT.measuresDone,
          label,
          {
            type: 'multi_static_select',
            action_id: 'measures_done',
            options,
            placeholder: { type: 'plain_text', text: tr('report.measures.pick') },
          },
          { optional: true },
        );
  const more = open.length - shown.length;
  return more > 0 ? [block, context(tr('report.measures.more', { count: more }))] : [block];
}

export function reportModal(tr: Translator, data: ReportModalData): ModalView {
  const { problem } = data;
  const lang: Language = data.metadata.lang;
  const healthOption = (h: Health) => option(`${HEALTH_EMOJI[h]} ${tr(`health.${h}`)}`, h);
  const due = problem.deadline
    ? tr('report.due', { date: formatDate(lang, problem.deadline, data.today) })
    : tr('report.no_deadline');
  const last = problem.health
    ? tr('report.last', { percent: problem.percent, health: tr(`health.${problem.health}`) })
    : tr('report.first');
  const blocks: KnownBlock[] = [
    section(`*${problem.key}* ${mrkdwnText(problem.title, LIMITS.sectionText - 40)}`),
    context(`${due} · ${last}`),
    input(REPORT.health, tr('report.health'), {
      type: 'radio_buttons',
      action_id: 'health',
      options: HEALTHS.map(healthOption),
      ...(problem.health && { initial_option: healthOption(problem.health) }),
    }),
    input(
      REPORT.percent,
      tr('report.percent'),
      {
        type: 'number_input',
        action_id: 'percent',
        is_decimal_allowed: false,
        min_value: '0',
        max_value: '100',
        initial_value: String(problem.percent),
      },
      { hint: tr('report.percent.hint') },
    ),
    ...measuresBlocks(tr, data),
    input(
      REPORT.note,
      tr('report.note'),
      {
        type: 'plain_text_input',
        action_id: 'note',
        multiline: true,
        max_length: TEXT_INPUT_MAX,
        placeholder: { type: 'plain_text', text: tr('report.note.placeholder') },
      },
      { optional: true },
    ),
  ];
  return modal({
    callbackId: VIEW.report,
    title: tr('report.modal.title'),
    submit: tr('report.modal.submit'),
    close: tr('modal.cancel'),
    blocks,
    privateMetadata: encodeMetadata({ ...data.metadata, key: problem.key }),
  });
}
