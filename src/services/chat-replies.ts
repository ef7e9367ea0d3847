import { DomainError, conflict, forbidden, notFound } from '../domain/errors.js';
import type { ParsedReply } from '../domain/reply-parser.js';
import type { Actor, Health } from '../domain/types.js';
import { findProblem } from './access.js';
import { decide, ownedOpen, parse, toCandidate } from './chat-reply-target.js';
import type { Candidate, IncomingReply } from './chat-reply-types.js';
export type { Candidate, IncomingReply } from './chat-reply-types.js';
import { claimAnswer } from './chat-reply-answers.js';
import { isUniqueViolation, transact, type ServiceDeps, type Tx } from './deps.js';
import { writeUpdate } from './progress.js';

/**
 * Progress replies typed in chat: a DM to the bot, or a reply in the thread of a message the scheduler
 * sent. Every reply is first stored as a ChatReply keyed by (channel, ts), which is what makes a retried
 * Slack event harmless and guarantees the text is kept until it is recorded or the user dismisses it.
 */

interface RecordedProblem {
  key: string;
  title: string;
  ownerId: string;
  percent: number;
  health: Health | null;
}

export interface RecordedReply {
  kind: 'recorded';
  replyId: number;
  /** True when this reply had already been recorded (a repeated click). */
  already: boolean;
  update: { id: number; percent: number; health: Health; note: string };
  problem: RecordedProblem;
  boardLanguage: string;
  /** Who should see the change (owner, author, the board's leaders), e.g. to refresh their Home tabs. */
  affected: string[];
}

export type ReplyOutcome =
  | RecordedReply
  /** More than one problem fits: the text is kept until the user picks one. */
  | { kind: 'ask'; replyId: number; text: string; candidates: Candidate[] }
  /** The reply names a problem the user cannot report on (or none fits): kept, with their own problems to pick from. */
  | { kind: 'refused'; replyId: number; text: string; error: DomainError; candidates: Candidate[] }
  /** Nothing to record: an acknowledgement ("thanks", "收到") or channel chatter that concerns none of the user's problems. */
  | { kind: 'ignored'; replyId: number }
  /** Slack delivered this message before (an event retry): already handled. */
  | { kind: 'duplicate'; replyId: number };

const NOTE_MAX = 3000;

/** Notes longer than an update allows keep their start; the full text stays on the ChatReply. */
function clip(note: string): string {
  const chars = [...note];
  return chars.length <= NOTE_MAX ? note : `${chars.slice(0, NOTE_MAX - 1).join('')}…`;
}

/** True when a message in this channel thread is a reply to something the scheduler sent. */
export async function isSchedulerThread(
  deps: ServiceDeps,
  teamId: string,
  channelId: string,
  threadTs: string,
): Promise<boolean> {
  return (await deps.db.delivery.count({ where: { teamId, channelId, slackTs: threadTs } })) > 0;
}

/**
 * Records a kept reply on `key`: the update and the reply's state are written in one transaction, so a
 * crash leaves either both or neither, and of two clicks (or a click racing the original event) one records
 * it. A refusal rolls everything back and the text stays pending. A reply left `recorded` without an update
 * (by a version that wrote them separately and crashed in between) counts as pending.
 */
async function recordOn(
  deps: ServiceDeps,
  actor: Actor,
  replyId: number,
  key: string,
  parsed?: ParsedReply,
): Promise<RecordedReply> {
  const reply = await deps.db.chatReply.findUniqueOrThrow({ where: { id: replyId } });
  const reading = parsed ?? (await parse(deps, actor.teamId, reply.text));
  const outcome = await transact(deps.db, async (tx) => {
    const claimed = await tx.chatReply.updateMany({
      where: { id: replyId, OR: [{ state: { in: ['pending', 'dismissed'] } }, { state: 'recorded', updateId: null }] },
      data: { state: 'recorded', problemKey: key.toUpperCase() },
    });
    if (claimed.count === 0) return null;
    await requireReporter(tx, actor, key);
    const written = await writeUpdate(
      deps,
      tx,
      actor,
      key,
      {
        ...(reading.health && { health: reading.health }),
        ...(reading.percent !== null && { percent: reading.percent }),
        note: clip(reading.note),
      },
      'chat',
      { reporterChecked: true },
    );
    await tx.chatReply.update({ where: { id: replyId }, data: { updateId: written.update.id } });
    return written;
  });
  if (!outcome) return alreadyRecorded(deps, replyId);
  return recorded(deps, actor, replyId, false, outcome.update, outcome.problem);
}

/** The problem's owner or one of its measures' owners; anyone else is refused (leaders included). */
async function requireReporter(tx: Tx, actor: Actor, key: string): Promise<void> {
  const problem = await findProblem(tx, actor.teamId, key);
  if (problem.ownerId === actor.userId) return;
  const measure = await tx.measure.findFirst({
    where: { problemId: problem.id, ownerId: actor.userId },
    select: { id: true },
  });
  if (!measure) throw forbidden('error.not_owner', { key: problem.key });
}

async function recorded(
  deps: ServiceDeps,
  actor: Actor,
  replyId: number,
  already: boolean,
  update: { id: number; percent: number; health: Health; note: string },
  problem: RecordedProblem & { boardId: number },
): Promise<RecordedReply> {
  const board = await deps.db.board.findUniqueOrThrow({ where: { id: problem.boardId }, include: { leaders: true } });
  const affected = [...new Set([problem.ownerId, actor.userId, ...board.leaders.map((l) => l.userId)])];
  return {
    kind: 'recorded',
    replyId,
    already,
    update: { id: update.id, percent: update.percent, health: update.health, note: update.note },
    problem: {
      key: problem.key,
      title: problem.title,
      ownerId: problem.ownerId,
      percent: problem.percent,
      health: problem.health,
    },
    boardLanguage: board.language,
    affected,
  };
}

/** The reply was recorded already (a second click, a retried event): its update is there, committed with it. */
async function alreadyRecorded(deps: ServiceDeps, replyId: number): Promise<RecordedReply> {
  const reply = await deps.db.chatReply.findUniqueOrThrow({ where: { id: replyId } });
  const update = reply.updateId
    ? await deps.db.update.findUnique({ where: { id: reply.updateId }, include: { problem: true } })
    : null;
  if (reply.state !== 'recorded' || !update) throw conflict('chat.reply_in_progress');
  return recorded(deps, { teamId: reply.teamId, userId: reply.userId }, replyId, true, update, update.problem);
}

/**
 * Handles one reply typed in chat. Safe to call again with the same message (Slack retries an event with the
 * same message): once answered, a second call does nothing; stored but never answered (the process died in
 * between), it is handled again from what was stored — recorded already, it is answered as recorded.
 */
export async function receiveReply(deps: ServiceDeps, actor: Actor, msg: IncomingReply): Promise<ReplyOutcome> {
  let replyId: number;
  const now = deps.clock.now();
  try {
    const row = await deps.db.chatReply.create({
      data: {
        teamId: actor.teamId,
        userId: actor.userId,
        channelId: msg.channelId,
        ts: msg.ts,
        threadTs: msg.threadTs ?? null,
        text: msg.text,
        createdAt: now,
        answerClaimedAt: now,
      },
    });
    replyId = row.id;
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    const existing = await deps.db.chatReply.findUniqueOrThrow({
      where: { channelId_ts: { channelId: msg.channelId, ts: msg.ts } },
    });
    if (!(await claimAnswer(deps, existing.id))) return { kind: 'duplicate', replyId: existing.id };
    replyId = existing.id;
    if (existing.state === 'dismissed') return { kind: 'ignored', replyId };
    if (existing.state === 'recorded' && existing.updateId !== null)
      return { ...(await alreadyRecorded(deps, replyId)), already: false };
    // Still pending: decided again below, from the text as stored.
  }

  const parsed = await parse(deps, actor.teamId, msg.text);
  const decision = parsed.acknowledgement ? ({ kind: 'ignore' } as const) : await decide(deps, actor, msg, parsed);
  switch (decision.kind) {
    case 'ignore':
      await deps.db.chatReply.update({ where: { id: replyId }, data: { state: 'dismissed' } });
      return { kind: 'ignored', replyId };
    case 'ask':
      return { kind: 'ask', replyId, text: msg.text, candidates: decision.candidates };
    case 'refuse':
      return { kind: 'refused', replyId, text: msg.text, error: decision.error, candidates: decision.candidates };
    case 'record':
      try {
        return await recordOn(deps, actor, replyId, decision.key, parsed);
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        const owned = await ownedOpen(deps, actor);
        return {
          kind: 'refused',
          replyId,
          text: msg.text,
          error: e,
          candidates: owned.filter((p) => p.key !== decision.key).map(toCandidate),
        };
      }
  }
}

async function ownReply(deps: ServiceDeps, actor: Actor, replyId: number) {
  const reply = await deps.db.chatReply.findUnique({ where: { id: replyId } });
  if (!reply || reply.teamId !== actor.teamId) throw notFound('chat.reply_not_found');
  if (reply.userId !== actor.userId) throw forbidden('chat.not_your_reply');
  return reply;
}

/** The user picked the problem a kept reply is about: record it there (once, however often they click). */
export async function resolvePending(
  deps: ServiceDeps,
  actor: Actor,
  replyId: number,
  key: string,
): Promise<RecordedReply> {
  await ownReply(deps, actor, replyId);
  return recordOn(deps, actor, replyId, key);
}

/** "None of these": the reply stays stored but is no longer waiting. A recorded reply cannot be dismissed. */
export async function dismissReply(deps: ServiceDeps, actor: Actor, replyId: number): Promise<{ text: string }> {
  const reply = await ownReply(deps, actor, replyId);
  const done = await deps.db.chatReply.updateMany({
    where: { id: replyId, state: 'pending' },
    data: { state: 'dismissed' },
  });
  if (done.count === 0 && reply.state === 'recorded')
    throw conflict('chat.already_recorded', { key: reply.problemKey ?? '' });
  return { text: reply.text };
}
