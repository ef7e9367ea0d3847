import type { KnownBlock, ModalView } from '@slack/types';
import type { Translator } from '../../../i18n/index.js';
import { VIEW } from '../../ids.js';
import { encodeMetadata, type ModalMetadata } from '../../parsers/modal-metadata.js';
import { LIMITS, mrkdwnText } from '../limits.js';
import { context, input, modal, section } from './elements.js';
import { TEXT_INPUT_MAX } from './new-problem.js';
import { evidenceFileInput } from '../evidence-files.js';

export const CLOSEOUT = { evidence: 'evidence', files: 'evidence_files' } as const;

interface CloseoutModalData {
  problem: { key: string; title: string; percent: number };
  measures: { done: number; total: number };
  /** Who decides, shown so the owner knows where the request goes. */
  leaderIds: string[];
  /** The board requires evidence files (the file input is then not optional). */
  evidenceRequired?: boolean;
  metadata: ModalMetadata;
}

export function closeoutModal(tr: Translator, data: CloseoutModalData): ModalView {
  const { problem, measures } = data;
  const blocks: KnownBlock[] = [
    section(`*${problem.key}* ${mrkdwnText(problem.title, LIMITS.sectionText - 40)}`),
    context(tr('closeout.progress', { percent: problem.percent, done: measures.done, total: measures.total })),
  ];
  if (measures.done < measures.total)
    blocks.push(context(tr('closeout.open_measures', { count: measures.total - measures.done })));
  blocks.push(
    input(
      CLOSEOUT.evidence,
      tr('closeout.evidence'),
      {
        type: 'plain_text_input',
        action_id: 'evidence',
        multiline: true,
        max_length: TEXT_INPUT_MAX,
        placeholder: { type: 'plain_text', text: tr('closeout.evidence.placeholder') },
      },
      { hint: tr('closeout.evidence.hint') },
    ),
    evidenceFileInput(tr, CLOSEOUT.files, data.evidenceRequired ?? false),
    context(
      data.leaderIds.length
        ? tr('closeout.goes_to', {
            leaders: data.leaderIds
              .slice(0, 20)
              .map((u) => `<@${u}>`)
              .join(', '),
          })
        : tr('closeout.goes_to_admins'),
    ),
  );
  return modal({
    callbackId: VIEW.closeout,
    title: tr('closeout.modal.title'),
    submit: tr('closeout.modal.submit'),
    close: tr('modal.cancel'),
    blocks,
    privateMetadata: encodeMetadata({ ...data.metadata, key: problem.key }),
  });
}
