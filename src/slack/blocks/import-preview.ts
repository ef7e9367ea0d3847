import type { KnownBlock } from '@slack/types';
import type { Translator } from '../../i18n/index.js';
import { ACTION } from '../ids.js';
import { LIMITS, mrkdwnText, truncate } from './limits.js';

export interface ImportPreviewData {
  fileName: string;
  board: { code: string; name: string };
  created: number;
  updated: number;
  unchanged: number;
  keptMeasures: number;
  changes: { line: number; key: string | null; action: 'create' | 'update'; fields: string[] }[];
  errors: { line: number; reasons: string[] }[];
  /** The Import button's value; absent when there is nothing to import (bad rows, or no change). */
  applyValue?: string;
  /** Shown above the preview, e.g. that the previous one went stale. */
  note?: string;
  /** Rows setting a deadline on a day the board does not work: a warning, the import is still allowed. */
  deadlineWarnings?: { line: number; key: string | null; date: string }[];
}

/** Deadline warnings listed by row before the rest are counted: a reminder, not a report. */
const MAX_DEADLINE_WARNINGS = 10;

/** Sections of listed lines: each within Slack's text limit, and few enough to leave room in the message. */
const MAX_LIST_SECTIONS = 4;
const MAX_LINES = 200;

/** Lines as bullets in as few sections as fit, the rest counted. */
function listBlocks(tr: Translator, lines: string[]): KnownBlock[] {
  const sections: string[] = [];
  let current = '';
  let shown = 0;
  for (const line of lines.slice(0, MAX_LINES)) {
    const bullet = `• ${truncate(line, 600)}`;
    if (current && current.length + bullet.length + 1 > LIMITS.sectionText - 100) {
      if (sections.length + 1 >= MAX_LIST_SECTIONS) break;
      sections.push(current);
      current = '';
    }
    current = current ? `${current}\n${bullet}` : bullet;
    shown++;
  }
  if (current) sections.push(current);
  const blocks: KnownBlock[] = sections.map((text) => ({ type: 'section', text: { type: 'mrkdwn', text } }));
  if (shown < lines.length) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: tr('import.more', { count: lines.length - shown }) }],
    });
  }
  return blocks;
}

/** A file's rows as the import would apply them: counts, every bad row with its reasons, and the buttons. */
export function importPreviewBlocks(tr: Translator, data: ImportPreviewData): KnownBlock[] {
  const file = mrkdwnText(data.fileName, 200);
  const blocks: KnownBlock[] = [];
  if (data.note) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: data.note } });
  blocks.push({
    type: 'section',
    text: {
      type: 'mrkdwn',
      text: tr('import.preview_title', { file, name: mrkdwnText(data.board.name, 200), code: data.board.code }),
    },
  });
  if (data.errors.length) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: tr('import.bad_rows', { count: data.errors.length }) },
    });
    const lines = data.errors.map(
      (e) => `*${tr('import.line', { line: e.line })}*: ${mrkdwnText(e.reasons.join('; '), 560)}`,
    );
    blocks.push(...listBlocks(tr, lines));
    return blocks;
  }
  blocks.push({
    type: 'section',
    text: {
      type: 'mrkdwn',
      text: tr('import.counts', { created: data.created, updated: data.updated, unchanged: data.unchanged }),
    },
  });
  const lines = data.changes.map((c) => {
    const what =
      c.action === 'create'
        ? c.key
          ? tr('import.create_key', { key: c.key })
          : tr('import.create_new')
        : tr('import.update_key', { key: c.key ?? '', fields: c.fields.join(', ') });
    return `${tr('import.line', { line: c.line })}: ${what}`;
  });
  if (lines.length) blocks.push(...listBlocks(tr, lines));
  else blocks.push({ type: 'section', text: { type: 'mrkdwn', text: tr('import.nothing') } });
  blocks.push(...deadlineWarningBlocks(tr, data.deadlineWarnings ?? []));
  if (data.keptMeasures) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: tr('import.kept', { count: data.keptMeasures }) }],
    });
  }
  if (data.applyValue && lines.length) {
    blocks.push({
      type: 'actions',
      block_id: 'import_actions',
      elements: [
        {
          type: 'button',
          action_id: ACTION.applyImport,
          value: data.applyValue,
          style: 'primary',
          text: { type: 'plain_text', text: tr('import.apply') },
          confirm: {
            title: { type: 'plain_text', text: truncate(tr('import.confirm_title'), 100) },
            text: { type: 'plain_text', text: tr('import.confirm_text', { code: data.board.code }) },
            confirm: { type: 'plain_text', text: tr('import.apply') },
            deny: { type: 'plain_text', text: tr('import.cancel') },
          },
        },
        {
          type: 'button',
          action_id: ACTION.cancelImport,
          value: truncate(data.fileName, 200),
          text: { type: 'plain_text', text: tr('import.cancel') },
        },
      ],
    });
  }
  return blocks;
}

/** Issue 22: deadlines on a day off are kept, and the preview says which, as the modal and the CLI do. */
function deadlineWarningBlocks(tr: Translator, warnings: NonNullable<ImportPreviewData['deadlineWarnings']>) {
  if (!warnings.length) return [];
  const rows = warnings
    .slice(0, MAX_DEADLINE_WARNINGS)
    .map(
      (w) =>
        `• ${tr('import.deadline_off_row', { line: tr('import.line', { line: w.line }), key: w.key ?? 'none', date: w.date })}`,
    );
  const more = warnings.length - rows.length;
  const text = [tr('import.deadline_off', { count: warnings.length }), ...rows].join('\n');
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) } },
  ];
  if (more > 0)
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: tr('import.more', { count: more }) }] });
  return blocks;
}

export function importPreviewText(tr: Translator, data: ImportPreviewData): string {
  return truncate(
    tr('import.preview_text', {
      file: mrkdwnText(data.fileName, 200),
      created: data.created,
      updated: data.updated,
      errors: data.errors.length,
    }),
    LIMITS.messageText,
  );
}
