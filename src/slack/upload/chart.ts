import type { WebClient } from '@slack/web-api';
import { CHART_MAX_ROWS, type BoardChartData } from '../../charts/board-chart-layout.js';
import { boardChartKey, sharedChartCache, type ChartCache } from '../../charts/chart-cache.js';
import { renderBoardChart } from '../../charts/chart-renderer.js';
import type { Db } from '../../db/client.js';
import type { Language } from '../../domain/types.js';
import { t } from '../../i18n/index.js';
import type { Logger } from '../../logging/logger.js';
import { boardDataVersion } from '../../services/board-version.js';
import { burndown } from '../../services/burndown.js';
import type { BoardSummary, Breakdown, SummaryBoard } from '../../services/summary-types.js';
import { summarizeBoard } from '../../services/summary.js';
import { formatDate } from '../../i18n/dates.js';
import { uploadFile } from './file.js';
import { displayNames } from '../people.js';

/** Where a chart goes: a channel (or DM channel), optionally as a thread reply. */
interface ChartTarget {
  channelId: string;
  threadTs?: string;
}

/** The chart's data: the summary's breakdown rows and the board's burn-down. */
async function boardChartData(
  db: Db,
  board: SummaryBoard,
  summary: BoardSummary,
  names: Map<string, string> = new Map(),
): Promise<BoardChartData> {
  return {
    name: summary.unit ? `${summary.board.name} · ${summary.unit}` : summary.board.name,
    code: summary.board.code,
    today: summary.today,
    by: summary.by,
    total: summary.total,
    completion: summary.completion,
    overdue: summary.overdue.total,
    rows: summary.rows.map((r) => ({
      label: r.key === null ? null : (names.get(r.key) ?? r.key),
      byStatus: r.byStatus,
      overdue: r.overdue,
    })),
    burndown: await burndown(db, { ...board, scopeUnit: summary.unit ?? null }, summary.asOf),
    ...(summary.outcomes && {
      outcomes: { rectified: summary.outcomes.rectified, longTerm: summary.outcomes.longTerm },
    }),
  };
}

interface ChartFile {
  png: Buffer;
  filename: string;
  title: string;
  comment?: string;
}

/** Shares a rendered chart; a failure is logged and reported as false, never thrown. */
export async function postChart(
  client: WebClient,
  logger: Logger,
  target: ChartTarget,
  chart: ChartFile,
): Promise<boolean> {
  try {
    await uploadFile(client, {
      channelId: target.channelId,
      ...(target.threadTs && { threadTs: target.threadTs }),
      filename: chart.filename,
      title: chart.title,
      bytes: chart.png,
      ...(chart.comment && { initialComment: chart.comment }),
    });
    return true;
  } catch (error) {
    logger.error({ err: error, channel: target.channelId }, 'chart upload failed');
    return false;
  }
}

interface BoardChartPost extends ChartTarget {
  db: Db;
  /** The board row (the digest job's board fits). */
  board: SummaryBoard;
  /** "As of": the job's run time, or now. */
  at: Date;
  lang: Language;
  by?: Breakdown;
  /** Reuse a summary already computed for the same moment. */
  summary?: BoardSummary;
  /** Posted with the file. */
  comment?: string;
  /**
   * Not shared again where the same chart (same data, language and date) went in the last minutes: a
   * leader asking for the summary twice finds the chart in their DM once, not twice.
   */
  once?: boolean;
  /** Where charts are kept and drawn (tests count renders); the process's shared cache by default. */
  charts?: { cache: ChartCache; render: (data: BoardChartData, lang: Language) => Promise<Buffer> };
}

/**
 * Renders the board's chart and shares it in a conversation — for the cycle digest (in the digest's
 * thread, say) and the summary command. Never throws: rendering or upload failures are logged and
 * reported as false, so the text that went out before stands on its own. Boards without problems get
 * no chart.
 */
export async function postBoardChart(client: WebClient, logger: Logger, post: BoardChartPost): Promise<boolean> {
  let file: ChartFile;
  const { cache } = post.charts ?? { cache: sharedChartCache };
  const conversation = `${post.channelId}|${post.threadTs ?? ''}`;
  /** The chart's key when it is to be marked as shared here once it went (`once`). */
  let onceKey: string | undefined;
  try {
    const summary =
      post.summary ?? (await summarizeBoard(post.db, post.board, post.at, { by: post.by ?? 'category', listLimit: 0 }));
    if (summary.total === 0) return false;
    const { png, key, current } = await boardChartPng(client, logger, { ...post, summary });
    if (current && post.once && cache.sharedIn(key, conversation)) return true;
    if (current && post.once) onceKey = key;
    file = {
      png,
      filename: `${summary.board.code}-${summary.today}.png`,
      title: t(post.lang, 'chart.file.title', {
        code: summary.board.code,
        date: formatDate(post.lang, summary.today, summary.today),
      }),
      ...(post.comment && { comment: post.comment }),
    };
  } catch (error) {
    logger.error({ err: error, board: post.board.code }, 'chart rendering failed');
    return false;
  }
  const shared = await postChart(
    client,
    logger,
    { channelId: post.channelId, ...(post.threadTs && { threadTs: post.threadTs }) },
    file,
  );
  // Only a chart that reached the conversation counts as there: after a failure the next request sends it.
  if (shared && onceKey) cache.markShared(onceKey, conversation);
  return shared;
}

interface ChartPngRequest {
  db: Db;
  board: SummaryBoard;
  at: Date;
  lang: Language;
  summary: BoardSummary;
  charts?: BoardChartPost['charts'];
}

/**
 * The summary's chart as a PNG, drawn once per change of the board's data (cached under its key while the
 * summary is current); the key says what it shows. Throws if drawing fails. The chart posts and the
 * progress report (upload/report.ts) take their picture from here.
 */
export async function boardChartPng(
  client: WebClient | null,
  logger: Logger,
  req: ChartPngRequest,
): Promise<{ png: Buffer; key: string; current: boolean }> {
  const { cache, render } = req.charts ?? { cache: sharedChartCache, render: renderBoardChart };
  const { summary } = req;
  const draw = async () => {
    const owners =
      summary.by === 'owner' ? summary.rows.slice(0, CHART_MAX_ROWS).flatMap((r) => (r.key ? [r.key] : [])) : [];
    const names = client ? await displayNames(client, logger, owners) : new Map<string, string>();
    return render(await boardChartData(req.db, req.board, summary, names), req.lang);
  };
  const { version, changedAt } = await boardDataVersion(req.db, req.board.id);
  // Drawn once per change of the board's data: a chart as of a moment before the latest change is not shared.
  const key = boardChartKey({
    boardId: req.board.id,
    version,
    lang: req.lang,
    date: summary.today,
    by: !summary.unit ? summary.by : `${summary.by}|unit:${summary.unit}`,
  });
  const current = req.at >= changedAt;
  return { png: current ? await cache.get(key, draw) : await draw(), key, current };
}
