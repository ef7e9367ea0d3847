import type { InputBlock } from '@slack/types';
import { EVIDENCE_FILETYPES, EVIDENCE_MAX_FILES, linkable } from '../../domain/evidence.js';
import type { Translator } from '../../i18n/index.js';
import { mrkdwnText, truncate } from './limits.js';
import { input, option, plain } from './modals/elements.js';

/** What a view needs of a recorded evidence file. */
export interface FileLink {
  name: string;
  permalink: string;
}

/** A file name as a mrkdwn link (escaped, so a name cannot mention anyone or break the link). */
function link(file: FileLink): string {
  const name = mrkdwnText(file.name, 80);
  return linkable(file.permalink) ? `<${file.permalink}|${name}>` : name;
}

/**
 * "*Evidence files (3):* <a|a.pdf> · <b|b.jpg> · …" within `max` characters: links are never cut in half;
 * those that do not fit are counted. Empty when there are no files.
 */
export function fileLinksLine(tr: Translator, files: readonly FileLink[], max: number): string {
  if (!files.length) return '';
  const shown: string[] = [];
  let used = 60;
  for (const f of files) {
    const l = link(f);
    if (used + l.length + 3 > max - 30) break;
    shown.push(l);
    used += l.length + 3;
  }
  const rest = files.length - shown.length;
  const links = [...shown, ...(rest > 0 ? [tr('evidence.files.more', { count: rest })] : [])].join(' · ');
  return truncate(tr('evidence.files.list', { count: files.length, links }), max);
}

/** The closeout modal's file input: PDFs, photos and Office documents, up to ten. */
export function evidenceFileInput(tr: Translator, blockId: string, required: boolean): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(tr('evidence.files')),
    element: {
      type: 'file_input',
      action_id: 'files',
      filetypes: [...EVIDENCE_FILETYPES],
      max_files: EVIDENCE_MAX_FILES,
    },
    ...(!required && { optional: true }),
    hint: plain(tr(required ? 'evidence.files.hint_required' : 'evidence.files.hint')),
  };
}

/** The board modal's setting: evidence files required on every closeout request, or optional. */
export function evidenceRequiredInput(tr: Translator, blockId: string, required: boolean): InputBlock {
  const choice = (on: boolean) =>
    option(tr(on ? 'board.evidence.required' : 'board.evidence.optional'), on ? 'required' : 'optional');
  return input(blockId, tr('board.evidence.label'), {
    type: 'static_select',
    action_id: 'evidence_required',
    options: [choice(false), choice(true)],
    initial_option: choice(required),
  });
}
