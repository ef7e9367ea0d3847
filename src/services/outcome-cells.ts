import type { Db } from '../db/client.js';
import type { OUTCOME_COLUMNS } from './csv-format.js';

type OutcomeRow = Record<(typeof OUTCOME_COLUMNS)[number], string>;
export const NO_OUTCOME: OutcomeRow = { outcome: '', mechanisms: '', 'follow-up date': '', 'evidence files': '' };

/** JSON list of mechanisms as stored (null or bad JSON: none). */
export function mechanismList(json: string | null): string[] {
  if (!json) return [];
  try {
    const list: unknown = JSON.parse(json);
    return Array.isArray(list) ? list.filter((m): m is string => typeof m === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * A problem's outcome: a closed problem was rectified (long-term when its approval said so); an open one
 * whose latest decision was "not rectifiable" is counted apart (未整改); anything else has none yet.
 */
export function outcomeOf(closed: boolean, latest: { state: string; outcome: string | null } | null): string {
  if (closed) return latest?.state === 'approved' && latest.outcome === 'long_term' ? 'long_term' : 'rectified';
  return latest?.state === 'not_rectifiable' ? 'not_rectifiable' : '';
}

/**
 * The export's outcome cells for each problem, from its latest closeout request: the outcome, the lasting
 * mechanisms one a line and the follow-up date (YYYY-MM-DD, as deadlines), and the evidence files as
 * "name <link>".
 */
export async function outcomeCells(
  db: Db,
  problems: readonly { id: number; status: string }[],
): Promise<Map<number, OutcomeRow>> {
  const out = new Map<number, OutcomeRow>();
  if (!problems.length) return out;
  const requests = await db.closeoutRequest.findMany({
    where: { problemId: { in: problems.map((p) => p.id) } },
    orderBy: [{ problemId: 'asc' }, { id: 'desc' }],
    select: {
      problemId: true,
      state: true,
      outcome: true,
      mechanisms: true,
      followUpDate: true,
      files: { orderBy: { id: 'asc' }, select: { name: true, permalink: true } },
    },
  });
  const closed = new Set(problems.filter((p) => p.status === 'closed').map((p) => p.id));
  for (const r of requests) {
    if (out.has(r.problemId)) continue; // the latest request only
    const outcome = outcomeOf(closed.has(r.problemId), r);
    out.set(r.problemId, {
      outcome,
      // Mechanisms and follow-up date belong to the long-term outcome (a reopened problem's old ones do not
      // re-import as one).
      mechanisms: outcome === 'long_term' ? mechanismList(r.mechanisms).join('\n') : '',
      'follow-up date': outcome === 'long_term' ? (r.followUpDate ?? '') : '',
      'evidence files': r.files.map((f) => (f.permalink ? `${f.name} <${f.permalink}>` : f.name)).join('\n'),
    });
  }
  // A closed problem without a request (imported as closed, say) was rectified.
  for (const id of closed) if (!out.has(id)) out.set(id, { ...NO_OUTCOME, outcome: 'rectified' });
  return out;
}
