import type { z } from 'zod';
import { boardEdit, boardInput } from '../../domain/inputs.js';
import type { Translator } from '../../i18n/index.js';
import { BOARD } from '../blocks/modals/board.js';
import { BOARD_ARCHIVED } from '../blocks/modals/board-edit.js';
import { parseForm, type FieldSpec, type Parsed } from './inline-errors.js';
import { splitLines } from './lines.js';
import { numberOrUndefined, read, type ViewValues } from './view-state.js';

type NewBoardForm = z.output<typeof boardInput>;
type BoardEditForm = z.output<typeof boardEdit>;

function rawBoard(values: ViewValues) {
  const categoriesShown = BOARD.categories in values;
  const categories = splitLines(read.text(values, BOARD.categories));
  const raw = {
    name: read.text(values, BOARD.name),
    channelId: read.conversation(values, BOARD.channel),
    timezone: read.selected(values, BOARD.timezone) ?? '',
    language: read.selected(values, BOARD.language),
    leaders: read.users(values, BOARD.leaders),
    cycleDays: numberOrUndefined(read.text(values, BOARD.cycleDays)),
    anchorDate: read.date(values, BOARD.anchorDate) ?? '',
    promptTime: read.time(values, BOARD.promptTime) ?? '',
    deadline: read.date(values, BOARD.deadline),
    // Older modals (opened before these settings existed) leave them as they are.
    ...(BOARD.visibility in values && { visibility: read.selected(values, BOARD.visibility) ?? 'open' }),
    ...(BOARD.separation in values && { separationOfDuties: read.selected(values, BOARD.separation) !== 'off' }),
    ...(BOARD.calendar in values && { calendar: read.selected(values, BOARD.calendar) ?? '' }),
    ...(BOARD.ledger in values && { ledger: read.selected(values, BOARD.ledger) ?? 'off' }),
    ...(BOARD.roundReport in values && { roundReport: read.selected(values, BOARD.roundReport) ?? 'off' }),
    ...(BOARD.evidence in values && { evidenceRequired: read.selected(values, BOARD.evidence) === 'required' }),
    ...(BOARD.effectiveness in values && {
      effectivenessDays: numberOrUndefined(read.text(values, BOARD.effectiveness)),
    }),
    // A list too long to show in the modal was not shown, so it is left as it is.
    ...(categoriesShown && { categories: [...new Set(categories.items)] }),
  };
  const fields: Record<string, FieldSpec> = {
    code: { block: BOARD.code, invalid: 'modal.error.board_code' },
    name: { block: BOARD.name },
    channelId: { block: BOARD.channel, invalid: 'modal.error.channel' },
    timezone: { block: BOARD.timezone, invalid: 'modal.error.timezone' },
    language: { block: BOARD.language },
    leaders: { block: BOARD.leaders, invalid: 'modal.error.user' },
    cycleDays: { block: BOARD.cycleDays, invalid: 'modal.error.cycle_days' },
    anchorDate: { block: BOARD.anchorDate, invalid: 'modal.error.date' },
    promptTime: { block: BOARD.promptTime, invalid: 'modal.error.time' },
    deadline: { block: BOARD.deadline, invalid: 'modal.error.date' },
    categories: { block: BOARD.categories, lineNumbers: categories.lineNumbers },
    visibility: { block: BOARD.visibility },
    separationOfDuties: { block: BOARD.separation },
    calendar: { block: BOARD.calendar },
    ledger: { block: BOARD.ledger },
    roundReport: { block: BOARD.roundReport },
    evidenceRequired: { block: BOARD.evidence },
    effectivenessDays: { block: BOARD.effectiveness, invalid: 'board.effectiveness.invalid' },
  };
  return { raw, fields };
}

/** A new board: every field of the modal, with the code. */
export function parseNewBoard(tr: Translator, values: ViewValues): Parsed<NewBoardForm> {
  const { raw, fields } = rawBoard(values);
  return parseForm(tr, boardInput, { ...raw, code: read.text(values, BOARD.code) }, fields);
}

/**
 * An edit sets every field the modal shows (the code cannot change); fields it does not show (a leader's
 * modal has fewer) stay as they are. The admins' archive switch sets `archived`.
 */
export function parseBoardEdit(tr: Translator, values: ViewValues): Parsed<BoardEditForm> {
  const { raw, fields } = rawBoard(values);
  const shown = Object.fromEntries(Object.entries(raw).filter(([f]) => fields[f] && fields[f].block in values));
  const parsed = parseForm(tr, boardEdit, shown, fields);
  if (!parsed.ok || !(BOARD_ARCHIVED in values)) return parsed;
  return {
    ok: true,
    data: { ...parsed.data, archived: read.selectedMany(values, BOARD_ARCHIVED).includes('archived') },
  };
}
