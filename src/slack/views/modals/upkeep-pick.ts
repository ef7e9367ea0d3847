import type { KnownBlock, ModalView } from '@slack/types';
import type { Translator } from '../../../i18n/index.js';
import { VIEW } from '../../ids.js';
import { encodeMetadata, type ModalMetadata } from '../../parsers/modal-metadata.js';
import { LIMITS } from '../limits.js';
import { context, input, modal, option } from './elements.js';

export const UPKEEP_PICK = { problem: 'problem' } as const;

export interface UpkeepPickData {
  /** The subcommand the pick is for (edit, reassign, …), kept in the metadata. */
  sub: string;
  problems: { key: string; title: string }[];
  total: number;
  metadata: ModalMetadata;
}

/** "Which problem?" for a leader's command typed without a key; Next opens that command's modal. */
export function upkeepPickModal(tr: Translator, d: UpkeepPickData): ModalView {
  const shown = d.problems.slice(0, LIMITS.selectOptions);
  const blocks: KnownBlock[] = [
    input(UPKEEP_PICK.problem, tr('pick.label'), {
      type: 'static_select',
      action_id: 'problem',
      options: shown.map((p) => option(`${p.key} · ${p.title}`, p.key)),
      placeholder: { type: 'plain_text', text: tr('pick.placeholder') },
    }),
  ];
  if (d.total > shown.length)
    blocks.push(context(tr('upkeep.pick.more', { shown: shown.length, total: d.total, sub: d.sub })));
  return modal({
    callbackId: VIEW.upkeepPick,
    title: tr(`upkeep.menu.${d.sub}` as Parameters<Translator>[0]).replace(/…$/, ''),
    submit: tr('pick.submit'),
    close: tr('modal.cancel'),
    blocks,
    privateMetadata: encodeMetadata({ ...d.metadata, mode: d.sub }),
  });
}
