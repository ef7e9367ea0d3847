import { distance } from 'fastest-levenshtein';
import type { Actor } from '../domain/types.js';
import type { ServiceDeps } from './deps.js';
import { ON_LIST } from './on-list.js';
import { ledBoard } from './summary.js';

/**
 * `unit:NAME` as people type it, matched to a responsible unit of the board: exactly (ignoring case, width
 * and spacing), else the one unit whose name contains it (or is contained in it), else the one nearest by
 * edit distance within a bound. Several equally good answers are not guessed between: the caller asks.
 */
type UnitMatch =
  | { kind: 'found'; unit: string; exact: boolean }
  | { kind: 'ambiguous'; candidates: string[] }
  | { kind: 'none'; candidates: string[] };

/** Units compared at most (a board with more is unusual; its first units by name are compared). */
const MAX_UNITS = 5_000;
/** Typed names longer than this match only exactly: the distance costs length × length. */
const MAX_FUZZY_CHARS = 60;
/** Candidates named in an answer. */
const MAX_CANDIDATES = 6;

const norm = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/** Pure: the match of `typed` among `units` (see UnitMatch). */
export function matchUnitName(typed: string, units: readonly string[]): UnitMatch {
  const want = norm(typed);
  const named = units.map((u) => ({ unit: u, n: norm(u) }));
  const pick = (list: { unit: string }[], exact: boolean): UnitMatch | null => {
    const distinct = [...new Set(list.map((l) => l.unit))];
    if (distinct.length === 1) return { kind: 'found', unit: distinct[0]!, exact };
    if (distinct.length > 1) return { kind: 'ambiguous', candidates: distinct.slice(0, MAX_CANDIDATES) };
    return null;
  };
  // Exactly as written (spacing aside) first: units that differ only in case or width (PERMITS, Permits,
  // Ｐｅｒｍｉｔｓ) are each reachable, and the ambiguity answer's suggested `unit:"…"` is then not ambiguous.
  const spaced = (s: string) => s.replace(/\s+/g, ' ').trim();
  const exact =
    pick(
      units.filter((u) => spaced(u) === spaced(typed)).map((unit) => ({ unit })),
      true,
    ) ??
    pick(
      named.filter((u) => u.n === want),
      true,
    );
  if (exact) return exact;
  if (want.length === 0) return { kind: 'none', candidates: [] };
  if (want.length > MAX_FUZZY_CHARS) return { kind: 'none', candidates: [] };
  const containing = pick(
    named.filter((u) => (want.length >= 2 && u.n.includes(want)) || (u.n.length >= 2 && want.includes(u.n))),
    false,
  );
  if (containing) return containing;
  const bound = Math.max(1, Math.floor([...want].length / 4));
  const scored = named
    .filter((u) => Math.abs(u.n.length - want.length) <= bound)
    .map((u) => ({ ...u, d: distance(u.n, want) }))
    .filter((u) => u.d <= bound);
  const best = Math.min(...scored.map((s) => s.d));
  const near = pick(
    scored.filter((s) => s.d === best),
    false,
  );
  if (near) return near;
  // Nothing close: name a few units by distance, so the answer helps.
  const closest = named
    .filter((u) => u.n.length <= MAX_FUZZY_CHARS * 2)
    .map((u) => ({ unit: u.unit, d: distance(u.n, want) }))
    .sort((a, b) => a.d - b.d || a.unit.localeCompare(b.unit))
    .slice(0, MAX_CANDIDATES)
    .map((u) => u.unit);
  return { kind: 'none', candidates: closest };
}

/** The board's responsible units (those on its list), by name. */
async function boardUnits(db: ServiceDeps['db'], boardId: number): Promise<string[]> {
  const rows = await db.problem.groupBy({
    by: ['unit'],
    where: { boardId, ...ON_LIST, unit: { not: null } },
    orderBy: { unit: 'asc' },
    take: MAX_UNITS,
  });
  return rows.flatMap((r) => (r.unit ? [r.unit] : []));
}

/** `unit:NAME` on a board the actor leads (anyone else is refused before any unit is named to them). */
export async function ledUnit(deps: ServiceDeps, actor: Actor, code: string, typed: string): Promise<UnitMatch> {
  const board = await ledBoard(deps, actor, code);
  return matchUnitName(typed, await boardUnits(deps.db, board.id));
}
