import type { KnownBlock, ModalView } from '@slack/types';
import { IANAZone } from 'luxon';
import { LANGUAGES, type Language } from '../../../domain/types.js';
import type { Translator } from '../../../i18n/index.js';
import { VIEW } from '../../ids.js';
import { encodeMetadata, type ModalMetadata } from '../../parsers/modal-metadata.js';
import { LIMITS } from '../limits.js';
import { context, input, modal, option } from './elements.js';
import { TEXT_INPUT_MAX } from './new-problem.js';

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
} as const;

/**
 * Time zones offered in the board modal. A select rather than free text: a typo in a zone name would
 * silently shift every reminder, and a select cannot be mistyped. The board's current zone (or the
 * workspace default) is always offered first, so a zone set from the CLI survives an edit.
 */
export const COMMON_TIMEZONES = [
  'UTC',
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Taipei',
  'Asia/Urumqi',
  'Asia/Singapore',
  'Asia/Kuala_Lumpur',
  'Asia/Manila',
  'Asia/Jakarta',
  'Asia/Bangkok',
  'Asia/Ho_Chi_Minh',
  'Asia/Tokyo',
  'Asia/Seoul',
  'Asia/Kolkata',
  'Asia/Dhaka',
  'Asia/Karachi',
  'Asia/Kathmandu',
  'Asia/Dubai',
  'Asia/Riyadh',
  'Asia/Tehran',
  'Asia/Almaty',
  'Asia/Tashkent',
  'Australia/Perth',
  'Australia/Adelaide',
  'Australia/Brisbane',
  'Australia/Sydney',
  'Pacific/Auckland',
  'Pacific/Honolulu',
  'Europe/London',
  'Europe/Dublin',
  'Europe/Lisbon',
  'Europe/Paris',
  'Europe/Berlin',
  'Europe/Madrid',
  'Europe/Rome',
  'Europe/Amsterdam',
  'Europe/Brussels',
  'Europe/Zurich',
  'Europe/Stockholm',
  'Europe/Warsaw',
  'Europe/Athens',
  'Europe/Helsinki',
  'Europe/Kyiv',
  'Europe/Istanbul',
  'Europe/Moscow',
  'Africa/Cairo',
  'Africa/Lagos',
  'Africa/Nairobi',
  'Africa/Johannesburg',
  'America/St_Johns',
  'America/Halifax',
  'America/New_York',
  'America/Toronto',
  'America/Chicago',
  'America/Mexico_City',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Vancouver',
  'America/Anchorage',
  'America/Bogota',
  'America/Lima',
  'America/Santiago',
  'America/Sao_Paulo',
  'America/Argentina/Buenos_Aires',
] as const;

export interface BoardValues {
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
}

export interface BoardModalData {
  /** Absent for a new board. */
  board?: BoardValues;
  /** For a new board: the workspace's default zone and language, and today as the first cycle's start. */
  defaults: { timezone: string; language: Language; anchorDate: string };
  /** For UTC offsets in the zone labels. */
  now: Date;
  metadata: ModalMetadata;
}

/** Minutes east of UTC at `now`; IANAZone caches its formatter, so this stays cheap for 65 zones. */
function offsetOf(zone: string, now: Date): number {
  return IANAZone.create(zone).offset(now.getTime());
}

function zoneLabel(zone: string, now: Date): string {
  const minutes = offsetOf(zone, now);
  const abs = Math.abs(minutes);
  const hhmm = `${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `(UTC${minutes < 0 ? '-' : '+'}${hhmm}) ${zone}`;
}

/** The current zone first, then the common ones from west to east; at most 100 (Slack's limit). */
export function timezoneChoices(current: string, now: Date): string[] {
  const rest = COMMON_TIMEZONES.filter((z) => z !== current)
    .map((zone) => ({ zone, offset: offsetOf(zone, now) }))
    .sort((a, b) => a.offset - b.offset)
    .map((z) => z.zone);
  return [current, ...rest].slice(0, LIMITS.selectOptions);
}

function categoriesText(categories: string[]): string {
  return categories.join('\n');
}

export function boardModal(tr: Translator, data: BoardModalData): ModalView {
  const b = data.board;
  const timezone = b?.timezone ?? data.defaults.timezone;
  const language = b?.language ?? data.defaults.language;
  const zoneOption = (z: string) => option(zoneLabel(z, data.now), z);
  const languageOption = (l: Language) => option(tr(`board.language.${l}`), l);
  const blocks: KnownBlock[] = [];

  if (b) blocks.push(context(tr('board.editing', { code: b.code })));
  else
    blocks.push(
      input(
        BOARD.code,
        tr('board.code'),
        {
          type: 'plain_text_input',
          action_id: 'code',
          max_length: 10,
          placeholder: { type: 'plain_text', text: 'RECT' },
        },
        { hint: tr('board.code.hint') },
      ),
    );
  blocks.push(
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
  );
  const visibilityOption = (v: 'open' | 'restricted') => option(tr(`board.visibility.${v}`), v);
  const separationOption = (on: boolean) =>
    option(tr(on ? 'board.separation.on' : 'board.separation.off'), on ? 'on' : 'off');
  blocks.push(
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
  );
  const categories = b ? categoriesText(b.categories) : '';
  // Slack cannot show more than 3000 characters in an input: such a list is left alone (the CLI edits it).
  if (categories.length <= TEXT_INPUT_MAX) {
    blocks.push(
      input(
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
      ),
    );
  } else {
    blocks.push(context(tr('board.categories.too_many', { count: b?.categories.length ?? 0 })));
  }
  return modal({
    callbackId: VIEW.board,
    title: b ? tr('board.modal.title.edit') : tr('board.modal.title.new'),
    submit: tr('board.modal.submit'),
    close: tr('modal.cancel'),
    blocks,
    privateMetadata: encodeMetadata({ ...data.metadata, ...(b && { key: b.code }) }),
  });
}
