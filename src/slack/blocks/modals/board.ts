import type { KnownBlock, ModalView } from '@slack/types';
import { LANGUAGES, type Language } from '../../../domain/types.js';
import type { Translator } from '../../../i18n/index.js';
import { VIEW } from '../../ids.js';
import { encodeMetadata, type ModalMetadata } from '../../parsers/modal-metadata.js';
import { context, input, modal, option } from './elements.js';
import { evidenceRequiredInput } from '../evidence-files.js';
import { TEXT_INPUT_MAX } from './new-problem.js';
import { timezoneChoices, zoneLabel } from './timezones.js';

export const BOARD = {
  code: 'code',
  name: 'name',
  channel: 'channel',
  timezone: 'timezone',
  language: 'language',
  leaders: 'leaders',
  cycleDays: 'cycle_days',
  anchorDate: 'anchor_date',
  promptTime: 'prompt_time',
  deadline: 'deadline',
  categories: 'categories',
  visibility: 'visibility',
  separation: 'separation_of_duties',
  calendar: 'calendar',
  ledger: 'ledger',
  roundReport: 'round_report',
  evidence: 'evidence_required',
  effectiveness: 'effectiveness_days',
} as const;

interface BoardValues {
  code: string;
  name: string;
  channelId: string | null;
  timezone: string;
  language: string;
  leaders: string[];
  cycleDays: number;
  anchorDate: string;
  promptTime: string;
  deadline: string | null;
  categories: string[];
  visibility?: string;
  separationOfDuties?: boolean;
  calendar?: string;
  ledger?: string;
  roundReport?: string;
  evidenceRequired?: boolean;
  effectivenessDays?: number;
}

export interface BoardModalData {
  /** Absent for a new board. */
  board?: BoardValues;
  /** For a new board: the workspace's default zone and language, and today as the first cycle's start. */
  defaults: { timezone: string; language: Language; anchorDate: string; calendar?: string };
  /** For UTC offsets in the zone labels. */
  now: Date;
  metadata: ModalMetadata;
}

function categoriesText(categories: string[]): string {
  return categories.join('\n');
}

/** The board as it is (editing), or what a new board starts from. */
interface Form {
  tr: Translator;
  b: BoardValues | undefined;
  data: BoardModalData;
}

/** What the board is: its code (typed once, for a new board; named when editing), name and channel. */
function identity({ tr, b }: Form): KnownBlock[] {
  const code = b
    ? context(tr('board.editing', { code: b.code }))
    : input(
        BOARD.code,
        tr('board.code'),
        {
          type: 'plain_text_input',
          action_id: 'code',
          max_length: 10,
          placeholder: { type: 'plain_text', text: 'RECT' },
        },
        { hint: tr('board.code.hint') },
      );
  return [
    code,
    input(BOARD.name, tr('board.name'), {
      type: 'plain_text_input',
      action_id: 'name',
      max_length: 100,
      ...(b && { initial_value: b.name }),
    }),
    input(
      BOARD.channel,
      tr('board.channel'),
      {
        type: 'conversations_select',
        action_id: 'channel',
        filter: { include: ['public', 'private'], exclude_bot_users: true },
        placeholder: { type: 'plain_text', text: tr('board.channel.pick') },
        ...(b?.channelId && { initial_conversation: b.channelId }),
      },
      { optional: true, hint: tr('board.channel.hint') },
    ),
  ];
}

/** Whose board it is and how it speaks: its zone (current first), its language and its leaders. */
function audience({ tr, b, data }: Form): KnownBlock[] {
  const timezone = b?.timezone ?? data.defaults.timezone;
  const language = b?.language ?? data.defaults.language;
  const zoneOption = (z: string) => option(zoneLabel(z, data.now), z);
  const languageOption = (l: Language) => option(tr(`board.language.${l}`), l);
  return [
    input(BOARD.timezone, tr('board.timezone'), {
      type: 'static_select',
      action_id: 'timezone',
      options: timezoneChoices(timezone, data.now).map(zoneOption),
      initial_option: zoneOption(timezone),
    }),
    input(BOARD.language, tr('board.language'), {
      type: 'static_select',
      action_id: 'language',
      options: LANGUAGES.map(languageOption),
      ...((LANGUAGES as readonly string[]).includes(language) && {
        initial_option: languageOption(language as Language),
      }),
    }),
    input(
      BOARD.leaders,
      tr('board.leaders'),
      {
        type: 'multi_users_select',
        action_id: 'leaders',
        max_selected_items: 50,
        placeholder: { type: 'plain_text', text: tr('board.leaders.pick') },
        ...(b && b.leaders.length > 0 && { initial_users: b.leaders.slice(0, 50) }),
      },
      { optional: true, hint: tr('board.leaders.hint') },
    ),
  ];
}

/** The rhythm: cycle length, the first cycle's start, when prompts go out, and the list's deadline. */
function rhythm({ tr, b, data }: Form): KnownBlock[] {
  return [
    input(
      BOARD.cycleDays,
      tr('board.cycle_days'),
      {
        type: 'number_input',
        action_id: 'cycle_days',
        is_decimal_allowed: false,
        min_value: '1',
        max_value: '90',
        initial_value: String(b?.cycleDays ?? 14),
      },
      { hint: tr('board.cycle_days.hint') },
    ),
    input(
      BOARD.anchorDate,
      tr('board.anchor'),
      { type: 'datepicker', action_id: 'anchor_date', initial_date: b?.anchorDate ?? data.defaults.anchorDate },
      { hint: tr('board.anchor.hint') },
    ),
    input(BOARD.promptTime, tr('board.prompt_time'), {
      type: 'timepicker',
      action_id: 'prompt_time',
      initial_time: b?.promptTime ?? '09:00',
    }),
    input(
      BOARD.deadline,
      tr('board.deadline'),
      { type: 'datepicker', action_id: 'deadline', ...(b?.deadline && { initial_date: b.deadline }) },
      { optional: true, hint: tr('board.deadline.hint') },
    ),
  ];
}

/** Countries offered in the modal's calendar select; the CLI takes any country date-holidays knows. */
const CALENDAR_COUNTRIES = ['CN', 'HK', 'TW', 'SG', 'JP', 'KR', 'IN', 'AU', 'US', 'CA', 'GB', 'DE', 'FR'];

/** Which days are working days (issue 22): a country's official days, Monday to Friday, or every day. */
function calendarBlock({ tr, b, data }: Form): KnownBlock {
  const current = b?.calendar ?? data.defaults.calendar ?? 'weekends';
  const names = [...new Set(['weekends', 'none', ...CALENDAR_COUNTRIES, current])];
  const optionOf = (name: string) =>
    option(
      name === 'none'
        ? tr('cal.name.none')
        : name === 'weekends'
          ? tr('cal.name.weekends')
          : tr('cal.option.country', { country: name }),
      name,
    );
  return input(
    BOARD.calendar,
    tr('cal.field'),
    { type: 'static_select', action_id: 'calendar', options: names.map(optionOf), initial_option: optionOf(current) },
    { hint: tr('cal.field.hint') },
  );
}

/** Who sees what and who may sign off: visibility (open by default) and separation of duties (on). */
function access({ tr, b }: Form): KnownBlock[] {
  const visibilityOption = (v: 'open' | 'restricted') => option(tr(`board.visibility.${v}`), v);
  const separationOption = (on: boolean) =>
    option(tr(on ? 'board.separation.on' : 'board.separation.off'), on ? 'on' : 'off');
  return [
    input(BOARD.visibility, tr('board.visibility'), {
      type: 'static_select',
      action_id: 'visibility',
      options: [visibilityOption('open'), visibilityOption('restricted')],
      initial_option: visibilityOption(b?.visibility === 'restricted' ? 'restricted' : 'open'),
    }),
    input(BOARD.separation, tr('board.separation'), {
      type: 'static_select',
      action_id: 'separation_of_duties',
      options: [separationOption(true), separationOption(false)],
      initial_option: separationOption(b?.separationOfDuties ?? true),
    }),
    evidenceRequiredInput(tr, BOARD.evidence, b?.evidenceRequired ?? false),
    // Effectiveness checks (issue 23): days after a closeout the owner is asked whether the fix held.
    input(
      BOARD.effectiveness,
      tr('board.effectiveness'),
      {
        type: 'number_input',
        action_id: 'effectiveness_days',
        is_decimal_allowed: false,
        min_value: '0',
        max_value: '365',
        initial_value: String(b?.effectivenessDays ?? 0),
      },
      { hint: tr('board.effectiveness.hint') },
    ),
    ...reporting(tr, b),
  ];
}

/** The live ledger in the channel (a canvas) and the progress report at each round's end (issue 24). */
function reporting(tr: Translator, b: BoardValues | undefined): KnownBlock[] {
  const ledgerOption = (v: 'canvas' | 'off') => option(tr(`board.ledger.${v}`), v);
  const reportOption = (v: 'off' | 'docx' | 'pdf') => option(tr(`board.round_report.${v}`), v);
  const report = b?.roundReport === 'docx' || b?.roundReport === 'pdf' ? b.roundReport : 'off';
  return [
    input(BOARD.ledger, tr('board.ledger'), {
      type: 'static_select',
      action_id: 'ledger',
      options: [ledgerOption('canvas'), ledgerOption('off')],
      initial_option: ledgerOption(b?.ledger === 'canvas' ? 'canvas' : 'off'),
    }),
    input(BOARD.roundReport, tr('board.round_report'), {
      type: 'static_select',
      action_id: 'round_report',
      options: [reportOption('off'), reportOption('docx'), reportOption('pdf')],
      initial_option: reportOption(report),
    }),
  ];
}

/** The categories, one a line; a list too long for Slack's input is left alone (the CLI edits it). */
function categoriesBlock({ tr, b }: Form): KnownBlock {
  const categories = b ? categoriesText(b.categories) : '';
  // Slack cannot show more than 3000 characters in an input.
  if (categories.length > TEXT_INPUT_MAX) {
    return context(tr('board.categories.too_many', { count: b?.categories.length ?? 0 }));
  }
  return input(
    BOARD.categories,
    tr('board.categories'),
    {
      type: 'plain_text_input',
      action_id: 'categories',
      multiline: true,
      max_length: TEXT_INPUT_MAX,
      ...(categories && { initial_value: categories }),
    },
    { optional: true, hint: tr('board.categories.hint') },
  );
}

/** The modal to create a board (no `data.board`) or edit one, in named parts from top to bottom. */
export function boardModal(tr: Translator, data: BoardModalData): ModalView {
  const form: Form = { tr, b: data.board, data };
  const b = data.board;
  return modal({
    callbackId: VIEW.board,
    title: b ? tr('board.modal.title.edit') : tr('board.modal.title.new'),
    submit: tr('board.modal.submit'),
    close: tr('modal.cancel'),
    blocks: [
      ...identity(form),
      ...audience(form),
      ...rhythm(form),
      calendarBlock(form),
      ...access(form),
      categoriesBlock(form),
    ],
    privateMetadata: encodeMetadata({ ...data.metadata, ...(b && { key: b.code }) }),
  });
}
