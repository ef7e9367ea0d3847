import { describe, expect, it } from 'vitest';
import { maySignOff } from '../../src/domain/sign-off.js';

describe('maySignOff', () => {
  const separate = { separationOfDuties: true };
  it('with separation of duties: neither the owner nor the requester signs off, anyone else may', () => {
    expect(maySignOff(separate, 'UOWNER', { ownerId: 'UOWNER', requestedBy: 'UOTHER' })).toBe(false);
    expect(maySignOff(separate, 'UASKED', { ownerId: 'UOWNER', requestedBy: 'UASKED' })).toBe(false);
    expect(maySignOff(separate, 'ULEADER', { ownerId: 'UOWNER', requestedBy: 'UOWNER' })).toBe(true);
    // No request (a problem created closed by import): only the owner counts.
    expect(maySignOff(separate, 'ULEADER', { ownerId: 'UOWNER', requestedBy: null })).toBe(true);
    expect(maySignOff(separate, 'UOWNER', { ownerId: 'UOWNER', requestedBy: null })).toBe(false);
  });

  it('without it: anyone who may decide signs off, their own work included', () => {
    expect(maySignOff({ separationOfDuties: false }, 'UOWNER', { ownerId: 'UOWNER', requestedBy: 'UOWNER' })).toBe(
      true,
    );
  });
});
