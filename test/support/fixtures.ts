import { fixedClock } from '../../src/domain/clock.js';
import type { Actor } from '../../src/domain/types.js';
import { createBoard } from '../../src/services/boards.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import type { Db } from '../../src/db/client.js';

export const TEAM = 'T0TEST';
export const ADMIN: Actor = { teamId: TEAM, userId: 'UADMIN' };
export const LEADER: Actor = { teamId: TEAM, userId: 'ULEADER' };
export const OWNER: Actor = { teamId: TEAM, userId: 'UOWNER' };
export const OTHER: Actor = { teamId: TEAM, userId: 'UOTHER' };

export function makeDeps(db: Db, at = '2026-11-25T02:00:00Z') {
  const clock = fixedClock(at);
  const deps: ServiceDeps = { db, clock, admins: new Set([ADMIN.userId]) };
  return { deps, clock };
}

export async function seedBoard(deps: ServiceDeps, overrides: Partial<Parameters<typeof createBoard>[2]> = {}) {
  return createBoard(deps, ADMIN, {
    code: 'RECT',
    name: 'Rectification list',
    channelId: 'C0BOARD',
    timezone: 'Asia/Shanghai',
    language: 'en',
    leaders: [LEADER.userId],
    anchorDate: '2026-11-16',
    ...overrides,
  });
}
