import { boardByCode } from '../../../../services/boards.js';
import { ledUnit } from '../../../../services/unit-match.js';
import { boardLanguage } from '../../../../i18n/index.js';
import { mrkdwnText } from '../../../blocks/limits.js';
import { dmChannel } from '../../../upload/file.js';
import { sendReportFile } from '../../../upload/report.js';
import type { SubcommandArgs } from './types.js';

/** The unit `unit:NAME` names, and the line telling the leader which one (a near miss is said so). */
interface UnitScope {
  unit: string;
  note: string;
}

/**
 * Resolves `unit:NAME` on a board the asker leads: the unit, or an answer (no such unit, naming some that
 * exist; several candidates, naming them) and null. Non-leaders are refused by the service first.
 */
export async function resolveUnit(call: SubcommandArgs, code: string, typed: string): Promise<UnitScope | null> {
  const match = await ledUnit(call.ctx.deps, call.actor, code, typed);
  const shown = (u: string) => `“${mrkdwnText(u, 100)}”`;
  if (match.kind === 'found') {
    const note = match.exact
      ? call.tr('summary.unit.shown', { unit: mrkdwnText(match.unit, 100) })
      : call.tr('summary.unit.near', { unit: mrkdwnText(match.unit, 100), typed: mrkdwnText(typed, 100) });
    return { unit: match.unit, note };
  }
  const candidates = match.candidates.map(shown).join(call.lang === 'zh-CN' ? '、' : ', ');
  const text =
    match.kind === 'ambiguous'
      ? call.tr('summary.unit.ambiguous', {
          code,
          typed: mrkdwnText(typed, 100),
          candidates,
          first: mrkdwnText(match.candidates[0] ?? '', 100),
        })
      : call.tr('summary.unit.none', { code, typed: mrkdwnText(typed, 100), candidates: candidates || 'none' });
  await call.respond({ response_type: 'ephemeral', text });
  return null;
}

/**
 * `/closeout summary … as:docx|as:pdf`: the progress report as a file in the asker's DM, in the board's
 * language, for the board or one unit. Its data comes from the summary's queries (the service checks the
 * asker leads the board before anything is read); the document is laid out in a worker thread.
 */
export async function sendSummaryDocument(
  call: SubcommandArgs,
  code: string,
  format: 'docx' | 'pdf',
  scope: UnitScope | null,
): Promise<void> {
  const board = await boardByCode(call.ctx.deps, call.actor.teamId, code);
  const lang = boardLanguage(board.language);
  let file: string;
  try {
    const sent = await sendReportFile(call.client, call.ctx.logger, {
      db: call.ctx.deps.db,
      board,
      at: call.ctx.deps.clock.now(),
      lang,
      unit: scope?.unit ?? null,
      format,
      channelId: await dmChannel(call.client, call.actor.userId),
    });
    file = sent.filename;
  } catch (error) {
    call.ctx.logger.error({ err: error, board: code }, 'progress report failed');
    await call.respond({ response_type: 'ephemeral', text: call.tr('doc.failed') });
    return;
  }
  const sent = call.tr('doc.sent', { file });
  await call.respond({ response_type: 'ephemeral', text: scope ? `${scope.note}\n${sent}` : sent });
}
