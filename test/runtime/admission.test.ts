import { describe, expect, it } from 'vitest';
import { Admission, isCommand, requesterOf } from '../../src/runtime/admission.js';

describe('who sent a request', () => {
  it('reads a command’s user_id, an interaction’s user.id and an event’s event.user', () => {
    expect(requesterOf({ command: '/closeout', user_id: 'U1' })).toBe('U1');
    expect(requesterOf({ type: 'block_actions', user: { id: 'U2' } })).toBe('U2');
    expect(requesterOf({ type: 'event_callback', event: { type: 'message', user: 'U4' } })).toBe('U4');
    expect(requesterOf({ type: 'event_callback', event: { type: 'message', bot_id: 'B1' } })).toBeUndefined();
    expect(isCommand({ command: '/closeout' })).toBe(true);
    expect(isCommand({ type: 'view_submission' })).toBe(false);
  });
});

describe('admission', () => {
  const command = (user: string) => ({ command: '/closeout', user_id: user });

  it('refuses once the queue is full, and takes again once a request is done', () => {
    const admission = new Admission({ maxQueue: 2, maxAgeMs: 60_000, perUser: 5 });
    const done = admission.take(command('U1'));
    admission.take(command('U2'));
    expect(admission.refusal(command('U3'))).toBe('full');
    done();
    done(); // twice is once
    expect(admission.depth).toBe(1);
    expect(admission.refusal(command('U3'))).toBeNull();
  });

  it('caps one person’s share, not anyone else’s', () => {
    const admission = new Admission({ maxQueue: 10, maxAgeMs: 60_000, perUser: 2 });
    admission.take(command('U1'));
    const second = admission.take({ type: 'block_actions', user: { id: 'U1' } });
    expect(admission.refusal({ type: 'event_callback', event: { user: 'U1' } })).toBe('user');
    expect(admission.refusal(command('U2'))).toBeNull();
    second();
    expect(admission.refusal(command('U1'))).toBeNull();
  });

  it('refuses while the oldest request has been running too long, and says how old it is', () => {
    let now = 1_000;
    const admission = new Admission(
      { maxQueue: 10, maxAgeMs: 30_000, perUser: 10 },
      () => false,
      () => now,
    );
    expect(admission.oldestAgeMs()).toBe(0);
    const oldest = admission.take(command('U1'));
    now += 10_000;
    admission.take(command('U2'));
    expect(admission.oldestAgeMs()).toBe(10_000);
    now += 20_000;
    expect(admission.refusal(command('U3'))).toBe('full');
    oldest();
    expect(admission.oldestAgeMs()).toBe(20_000);
    expect(admission.refusal(command('U3'))).toBeNull();
  });

  it('takes nothing on while the engine is stalled', () => {
    let stalled = true;
    const admission = new Admission(undefined, () => stalled);
    expect(admission.refusal(command('U1'))).toBe('stalled');
    stalled = false;
    expect(admission.refusal(command('U1'))).toBeNull();
  });
});
