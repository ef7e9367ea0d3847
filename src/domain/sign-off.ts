/**
 * Separation of duties: on a board that asks for it, whoever owns a problem or asked for its closeout
 * cannot sign it off themselves. One rule for every path that closes a problem: the Approve button and
 * modal (services/closeout.ts) and a list imported with `status = closed` (services/import-plan.ts).
 */
export function maySignOff(
  board: { separationOfDuties: boolean },
  deciderId: string,
  work: { ownerId: string; requestedBy: string | null },
): boolean {
  if (!board.separationOfDuties) return true;
  return work.ownerId !== deciderId && work.requestedBy !== deciderId;
}
