import { z } from 'zod';
import type { DomainError } from '../domain/errors.js';
import { conflict, forbidden, notFound } from '../domain/errors.js';
import { parseReply, type ParsedReply } from '../domain/reply-parser.js';
import type { Actor } from '../domain/types.js';
import { canLead } from './access.js';
import type { Candidate, IncomingReply } from './chat-reply-types.js';
import type { ServiceDeps } from './deps.js';

/**
 * Which problem a chat reply is about: the thread's parent message, keys named in the text, or the
 * writer's only open problem (see `decide`). Reading only; recording is in chat-replies.ts.
 */

/** Delivery.problemKeys: a JSON array of keys (anything else means the thread is about no problem in particular). */
const keyList = z
  .string()
  .transform((s, ctx) => {
    try {
      return JSON.parse(s) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not JSON' });
      return z.NEVER;
    }
  })
  .pipe(z.array(z.string()));

async function boardCodes(deps: ServiceDeps, teamId: string): Promise<string[]> {
  const boards = await deps.db.board.findMany({ where: { teamId }, select: { code: true } });
  return boards.map((b) => b.code);
}

export async function parse(deps: ServiceDeps, teamId: string, text: string): Promise<ParsedReply> {
  return parseReply(text, { boardCodes: await boardCodes(deps, teamId) });
}

/** Problem keys of the scheduler message a thread hangs off, or null when the parent is not ours. */
async function threadKeys(
  deps: ServiceDeps,
  teamId: string,
  channelId: string,
  threadTs: string | null | undefined,
): Promise<string[] | null> {
  if (!threadTs) return null;
  const delivery = await deps.db.delivery.findFirst({
    where: { teamId, channelId, slackTs: threadTs },
    orderBy: { id: 'asc' },
  });
  if (!delivery?.problemKeys) return null;
  const parsed = keyList.safeParse(delivery.problemKeys);
  return parsed.success ? parsed.data.map((k) => k.toUpperCase()) : null;
}

/** Whose chat replies count as a problem's update: its owner's and its assigned measure owners'. */
const reporterOf = (userId: string) => ({ OR: [{ ownerId: userId }, { measures: { some: { ownerId: userId } } }] });

/** The open problems on active boards the user reports on (owns, or owns a measure of), due soonest first. */
export async function ownedOpen(deps: ServiceDeps, actor: Actor) {
  const problems = await deps.db.problem.findMany({
    where: {
      teamId: actor.teamId,
      ...reporterOf(actor.userId),
      status: { notIn: ['closed', 'withdrawn'] },
      board: { archived: false },
    },
    select: { key: true, title: true, deadline: true, boardId: true, number: true },
  });
  return problems.sort(
    (a, b) =>
      (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999') || a.boardId - b.boardId || a.number - b.number,
  );
}

export const toCandidate = (p: { key: string; title: string }): Candidate => ({ key: p.key, title: p.title });

type Decision =
  | { kind: 'record'; key: string }
  | { kind: 'ask'; candidates: Candidate[] }
  | { kind: 'refuse'; error: DomainError; candidates: Candidate[] }
  | { kind: 'ignore' };

/**
 * Which problem a reply is about: the one the thread's parent was about; else a key named in the text that
 * the user may report on; else the user's only open problem. Anything else is asked about. Without a key
 * in the text, a reply only ever lands on a problem the user owns (a leader chatting in a thread is not
 * reporting).
 */
export async function decide(
  deps: ServiceDeps,
  actor: Actor,
  msg: IncomingReply,
  parsed: ParsedReply,
): Promise<Decision> {
  const inThread = await threadKeys(deps, actor.teamId, msg.channelId, msg.threadTs);
  const owned = await ownedOpen(deps, actor);
  const named = await deps.db.problem.findMany({
    where: { teamId: actor.teamId, key: { in: parsed.keys } },
    select: { key: true, title: true, status: true, boardId: true, ownerId: true },
  });
  const byKey = new Map(named.map((p) => [p.key, p]));
  // Only the people who report on a problem can report in chat: a leader naming a key in a thread is
  // discussing it, not reporting (recording it would also silence the owner's nudge).
  const mayReport = new Set(owned.map((p) => p.key));
  const namedOk: Candidate[] = [];
  for (const key of parsed.keys) {
    const p = byKey.get(key);
    if (p && p.status !== 'closed' && mayReport.has(p.key)) namedOk.push(toCandidate(p));
  }
  const pool = (inThread ? owned.filter((p) => inThread.includes(p.key)) : owned).map(toCandidate);

  if (inThread?.length === 1) {
    const about = inThread[0] ?? '';
    const mine = pool.find((p) => p.key === about);
    if (namedOk.some((p) => p.key === about) || (mine && namedOk.length === 0)) return { kind: 'record', key: about };
    if (mine) return { kind: 'ask', candidates: [mine, ...namedOk] };
    if (namedOk.length === 0 && parsed.keys.length === 0) {
      const p = await deps.db.problem.findUnique({ where: { teamId_key: { teamId: actor.teamId, key: about } } });
      if (p?.ownerId === actor.userId && p.status === 'closed') {
        return {
          kind: 'refuse',
          error: conflict('error.problem_closed', { key: about }),
          candidates: owned.map(toCandidate),
        };
      }
    }
  }
  if (namedOk.length === 1) return { kind: 'record', key: namedOk[0]?.key ?? '' };
  if (namedOk.length > 1) return { kind: 'ask', candidates: namedOk };
  if (parsed.keys.length > 0) {
    const first = parsed.keys[0] ?? '';
    const p = byKey.get(first);
    // In a shared channel, a leader's message about the board's problems is left alone.
    if (msg.inChannel && p && (await canLead(deps, deps.db, actor, p.boardId))) return { kind: 'ignore' };
    const error = !p
      ? notFound('error.problem_not_found', { key: first })
      : p.status === 'closed'
        ? conflict('error.problem_closed', { key: first })
        : forbidden('error.not_owner', { key: first });
    return { kind: 'refuse', error, candidates: owned.map(toCandidate) };
  }
  if (pool.length === 1) return { kind: 'record', key: pool[0]?.key ?? '' };
  if (pool.length > 1) return { kind: 'ask', candidates: pool };
  if (msg.inChannel) return { kind: 'ignore' };
  if (inThread && owned.length > 0)
    return { kind: 'refuse', error: forbidden('chat.thread_not_yours'), candidates: owned.map(toCandidate) };
  return { kind: 'refuse', error: notFound('chat.no_open_problems'), candidates: [] };
}
