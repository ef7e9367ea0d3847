import type { ModalView } from '@slack/types';
import { reportView } from '../../open-modal/owner.js';
import type { Selection } from './support/on-select.js';

/** A problem picked in the report picker: the picker turns into that problem's progress modal. */
export async function pickReportProblem({ ctx, actor, value, meta }: Selection): Promise<ModalView> {
  return reportView({ ctx, actor, lang: meta.lang, key: value, ...(meta.channel && { channel: meta.channel }) });
}
