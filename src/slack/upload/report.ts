import type { WebClient } from '@slack/web-api';
import { buildReportFile } from '../../charts/report/report-renderer.js';
import type { ReportFormat } from '../../charts/report/report-worker.js';
import type { Db } from '../../db/client.js';
import type { Language } from '../../domain/types.js';
import { formatDate } from '../../i18n/dates.js';
import { t } from '../../i18n/index.js';
import type { Logger } from '../../logging/logger.js';
import { reportData, type ReportData } from '../../services/report-data.js';
import type { SummaryBoard } from '../../services/summary-types.js';
import { mrkdwnText } from '../blocks/limits.js';
import { boardChartPng } from './chart.js';
import { uploadFile } from './file.js';
import { ownerNames } from './owner-names.js';

interface ReportRequest {
  db: Db;
  board: SummaryBoard;
  /** "As of": now, or the round's end for the scheduled report. */
  at: Date;
  /** The document's language: the board's. */
  lang: Language;
  unit?: string | null;
  format: ReportFormat;
}

interface ReportFile {
  bytes: Buffer;
  filename: string;
  title: string;
  data: ReportData;
}

/**
 * Owners named in the document's lists (each list is at most REPORT_LIST_LIMIT rows): at most this many
 * looked up, one users.info each, cached (owner-names.ts).
 */
const MAX_NAMES = 200;

/**
 * The progress report's file: its data gathered here (the summary's queries), the chart from the chart
 * cache (drawn in the chart worker once per change), the document laid out in the report worker. A chart
 * that cannot be drawn leaves it out (logged); the rest of the report stands.
 */
export async function makeReportFile(
  client: WebClient | null,
  logger: Logger,
  req: ReportRequest,
): Promise<ReportFile> {
  const data = await reportData(req.db, req.board, req.at, { unit: req.unit ?? null });
  let chart: Buffer | null = null;
  if (data.summary.total > 0) {
    try {
      chart = (await boardChartPng(client, logger, { ...req, summary: data.summary })).png;
    } catch (error) {
      logger.error({ err: error, board: req.board.code }, 'report chart failed; the report goes without it');
    }
  }
  const owners = [...new Set([...data.overdue.items, ...data.next.items].map((i) => i.ownerId))].slice(0, MAX_NAMES);
  const names = Object.fromEntries(
    await ownerNames(client, logger, { db: req.db, boardId: req.board.id, at: req.at }, owners),
  );
  const bytes = await buildReportFile({ data, lang: req.lang, chart, names, format: req.format });
  const s = data.summary;
  const filename = `${s.board.code}-report-${s.today}.${req.format}`;
  const title = t(req.lang, 'doc.file.title', { code: s.board.code, date: formatDate(req.lang, s.today, s.today) });
  return { bytes, filename, title, data };
}

/** Makes the report and shares it in a conversation (a leader's DM): the upload v2 flow, as charts and exports. */
export async function sendReportFile(
  client: WebClient,
  logger: Logger,
  req: ReportRequest & { channelId: string },
): Promise<ReportFile> {
  const file = await makeReportFile(client, logger, req);
  const s = file.data.summary;
  await uploadFile(client, {
    channelId: req.channelId,
    filename: file.filename,
    title: file.title,
    bytes: file.bytes,
    initialComment: t(req.lang, 'doc.comment', {
      name: mrkdwnText(s.unit ? `${s.board.name} · ${s.unit}` : s.board.name, 150),
      code: s.board.code,
      date: formatDate(req.lang, s.today, s.today),
    }),
  });
  return file;
}
