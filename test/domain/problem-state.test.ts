import { describe, expect, it } from 'vitest';
import {
  canTransition,
  deriveFlags,
  requireTransition,
  effectiveDeadline,
  isClosedLate,
  isOverdue,
  isStale,
  restoredStatus,
  type ProblemFacts,
} from '../../src/domain/problem-state.js';
import { DomainError } from '../../src/domain/errors.js';
import { PROBLEM_STATUSES, type ProblemStatus } from '../../src/domain/types.js';
import { t } from '../../src/i18n/index.js';

const shanghai = {
  timezone: 'Asia/Shanghai',
  anchorDate: '2026-11-16',
  cycleDays: 14,
  promptTime: '09:00',
  deadline: null,
};
const newYork = { ...shanghai, timezone: 'America/New_York' };
const facts = (over: Partial<ProblemFacts> = {}): ProblemFacts => ({
  status: 'in_progress',
  deadline: null,
  lastUpdateAt: null,
  closedAt: null,
  ...over,
});
const NOW = new Date('2026-11-24T16:30:00Z'); // Nov 25 00:30 in Shanghai, Nov 24 11:30 in New York

describe('status transitions', () => {
  const legal: [ProblemStatus, ProblemStatus][] = [
    ['open', 'in_progress'],
    ['open', 'closeout_requested'],
    ['in_progress', 'closeout_requested'],
    ['closeout_requested', 'closed'],
    ['closeout_requested', 'in_progress'],
    ['closed', 'in_progress'],
  ];
  for (const from of PROBLEM_STATUSES) {
    for (const to of PROBLEM_STATUSES) {
      const ok = legal.some(([f, t]) => f === from && t === to);
      it(`${from} → ${to}: ${ok ? 'allowed' : 'refused'}`, () => expect(canTransition(from, to)).toBe(ok));
    }
  }
});

describe('requireTransition: the services’ gate', () => {
  it('refuses an illegal move with a message naming the problem and both statuses', () => {
    let refused: unknown;
    try {
      requireTransition('RECT-1', 'open', 'closed');
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(DomainError);
    const error = refused as DomainError;
    expect(error.code).toBe('conflict');
    expect(t('en', error.key, error.params)).toBe('RECT-1 cannot go from open to closed.');
  });

  it('lets legal moves and staying put through', () => {
    expect(() => requireTransition('RECT-1', 'closeout_requested', 'closed')).not.toThrow();
    expect(() => requireTransition('RECT-1', 'withdrawn', 'open')).not.toThrow();
    expect(() => requireTransition('RECT-1', 'closed', 'closed')).not.toThrow();
  });
});

describe('restoredStatus: where Restore (and an import) brings a withdrawn problem', () => {
  it('back to the status it was withdrawn from, but a returned closeout request is not revived', () => {
    expect(restoredStatus('in_progress')).toBe('in_progress');
    expect(restoredStatus('closed')).toBe('closed');
    expect(restoredStatus('closeout_requested')).toBe('in_progress');
    expect(restoredStatus(null)).toBe('open');
    for (const from of PROBLEM_STATUSES) expect(canTransition('withdrawn', restoredStatus(from))).toBe(true);
  });
});

describe('derived flags', () => {
  it('the problem’s own deadline wins over the board’s list-wide one', () => {
    expect(effectiveDeadline({ deadline: '2026-12-01' }, { deadline: '2026-11-20' })).toBe('2026-12-01');
    expect(effectiveDeadline({ deadline: null }, { deadline: '2026-11-20' })).toBe('2026-11-20');
    expect(effectiveDeadline({ deadline: null }, { deadline: null })).toBeNull();
  });

  it('overdue: strictly after the deadline day, never when closed or undated', () => {
    expect(isOverdue(facts({ deadline: '2026-11-24' }), '2026-11-24')).toBe(false);
    expect(isOverdue(facts({ deadline: '2026-11-24' }), '2026-11-25')).toBe(true);
    expect(isOverdue(facts({ deadline: '2026-11-24', status: 'closeout_requested' }), '2026-11-25')).toBe(true);
    expect(isOverdue(facts({ deadline: '2026-11-24', status: 'closed' }), '2026-11-25')).toBe(false);
    expect(isOverdue(facts(), '2099-01-01')).toBe(false);
  });

  it('stale: only problems that owe a report and have none since the cycle began', () => {
    const start = new Date('2026-11-15T16:00:00Z');
    expect(isStale(facts(), start)).toBe(true);
    expect(isStale(facts({ status: 'open' }), start)).toBe(true);
    expect(isStale(facts({ lastUpdateAt: new Date('2026-11-15T15:59:59Z') }), start)).toBe(true);
    expect(isStale(facts({ lastUpdateAt: start }), start)).toBe(false);
    expect(isStale(facts({ status: 'closeout_requested' }), start)).toBe(false);
    expect(isStale(facts({ status: 'closed' }), start)).toBe(false);
  });

  it('closed late: judged by the local closing day', () => {
    const closedAt = new Date('2026-11-24T16:30:00Z');
    expect(isClosedLate(facts({ status: 'closed', closedAt, deadline: '2026-11-24' }), 'Asia/Shanghai')).toBe(true);
    expect(isClosedLate(facts({ status: 'closed', closedAt, deadline: '2026-11-24' }), 'America/New_York')).toBe(false);
    expect(isClosedLate(facts({ status: 'in_progress', closedAt, deadline: '2026-11-01' }), 'UTC')).toBe(false);
  });

  it('closed late: the last instant of the deadline day is on time, the first of the next day is late', () => {
    const closed = (iso: string) => facts({ status: 'closed', closedAt: new Date(iso), deadline: '2026-11-24' });
    // Shanghai is UTC+8: Nov 24 ends at 16:00Z.
    expect(isClosedLate(closed('2026-11-24T15:59:59.999Z'), 'Asia/Shanghai')).toBe(false);
    expect(isClosedLate(closed('2026-11-24T16:00:00.000Z'), 'Asia/Shanghai')).toBe(true);
    // A day whose midnight DST skips: São Paulo's 2018-11-04 began at 01:00 local (03:00Z).
    const sp = (iso: string) => facts({ status: 'closed', closedAt: new Date(iso), deadline: '2018-11-03' });
    expect(isClosedLate(sp('2018-11-04T02:59:59.999Z'), 'America/Sao_Paulo')).toBe(false);
    expect(isClosedLate(sp('2018-11-04T03:00:00.000Z'), 'America/Sao_Paulo')).toBe(true);
  });

  it('deriveFlags: a problem due Nov 24 is overdue at 16:30Z in Shanghai, not in New York', () => {
    const p = facts({ deadline: '2026-11-24', lastUpdateAt: new Date('2026-11-20T00:00:00Z') });
    expect(deriveFlags(p, shanghai, NOW)).toEqual({
      deadline: '2026-11-24',
      overdue: true,
      stale: false,
      closedLate: false,
      daysOverdue: 1,
    });
    expect(deriveFlags(p, newYork, NOW)).toEqual({
      deadline: '2026-11-24',
      overdue: false,
      stale: false,
      closedLate: false,
      daysOverdue: 0,
    });
  });

  it('deriveFlags: the list-wide deadline applies to undated problems, days overdue counted in local days', () => {
    const board = { ...shanghai, deadline: '2026-11-14' };
    expect(deriveFlags(facts(), board, NOW)).toEqual({
      deadline: '2026-11-14',
      overdue: true,
      stale: true,
      closedLate: false,
      daysOverdue: 11,
    });
    expect(deriveFlags(facts({ deadline: '2026-12-31' }), board, NOW)).toMatchObject({
      deadline: '2026-12-31',
      overdue: false,
      daysOverdue: 0,
    });
  });

  it('deriveFlags: stale follows the board’s current cycle', () => {
    // Updated 23:30 Nov 15 in New York = 12:30 Nov 16 in Shanghai: previous cycle in New York, current in Shanghai.
    const p = facts({ lastUpdateAt: new Date('2026-11-16T04:30:00Z') });
    expect(deriveFlags(p, shanghai, NOW).stale).toBe(false);
    expect(deriveFlags(p, newYork, NOW).stale).toBe(true);
  });

  it('deriveFlags: a problem closed after its deadline is closed late and not overdue', () => {
    const p = facts({ status: 'closed', deadline: '2026-11-20', closedAt: new Date('2026-11-22T03:00:00Z') });
    expect(deriveFlags(p, shanghai, NOW)).toEqual({
      deadline: '2026-11-20',
      overdue: false,
      stale: false,
      closedLate: true,
      daysOverdue: 0,
    });
    const onTime = { ...p, closedAt: new Date('2026-11-20T15:59:00Z') }; // 23:59 Nov 20 in Shanghai
    expect(deriveFlags(onTime, shanghai, NOW).closedLate).toBe(false);
  });
});
