import type { Actor } from '../domain/types.js';
import type { Tx } from './deps.js';

interface AuditEntry {
  action: string;
  targetType: 'board' | 'problem' | 'measure' | 'closeout' | 'person';
  targetId: string | number;
  before?: unknown;
  after?: unknown;
}

/** Writes one audit event inside the caller's transaction, so a change and its record land together. */
export async function audit(tx: Tx, actor: Actor, at: Date, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: {
      teamId: actor.teamId,
      actorId: actor.userId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: String(entry.targetId),
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      createdAt: at,
    },
  });
}
