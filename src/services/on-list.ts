import type { Prisma } from '../db/generated/client.js';
import { WITHDRAWN, type CountedStatus, type ProblemStatus } from '../domain/types.js';

/**
 * Problems on the list: everything but withdrawn ones. Every list, prompt, reminder and count adds this
 * to its filter; a withdrawn problem is still found by its key (show, restore, export).
 */
export const ON_LIST = { status: { not: WITHDRAWN } } as const satisfies Prisma.ProblemWhereInput;

export function isCounted(status: ProblemStatus): status is CountedStatus {
  return status !== WITHDRAWN;
}
