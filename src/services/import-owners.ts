import { distance } from 'fastest-levenshtein';
import { SLACK_USER_PATTERN, USER_MENTION } from '../domain/keys.js';

/**
 * Owners as people write them in a list: a Slack user ID, a mention `<@U…>`, an e-mail address, an
 * `@handle`, or a display or real name. IDs need nothing; the rest are looked up in the workspace through
 * a `UserDirectory` (Slack's users.lookupByEmail and one paged users.list, cached for the import).
 */

export interface WorkspaceUser {
  id: string;
  /** The handle (`name` in users.list). */
  handle?: string;
  displayName?: string;
  realName?: string;
  email?: string;
}

export interface UserDirectory {
  /** null: nobody in the workspace has that address. */
  lookupByEmail(email: string): Promise<WorkspaceUser | null>;
  /** Every active, human member (called at most once per import). */
  listUsers(): Promise<WorkspaceUser[]>;
}

type OwnerCell = { ok: true; id: string } | { ok: false; message: string };

/** Spreadsheets may have lower-cased a pasted mention. */
const MENTION = new RegExp(USER_MENTION.source, 'i');
/**
 * An e-mail address: one `@`, no spaces or angle brackets, and a dot inside the domain (checked apart: a
 * pattern `[^@]+\.[^@]+` for the domain backtracks quadratically over a long run of dots).
 */
const EMAIL = /^[^\s@<>]+@([^\s@<>]+)$/;
const isEmail = (text: string) => EMAIL.exec(text)?.[1]?.slice(1, -1).includes('.') === true;
const MAX_CANDIDATES = 5;
/**
 * The longest cell read as an owner. An e-mail address has at most 254 characters and a Slack name far fewer,
 * so nothing longer can name anyone; it is refused before any matching (a 2 MB cell cost an hour before).
 */
const OWNER_CELL_MAX = 320;
/**
 * Bounds on "did you mean", so its cost does not grow with the workspace or the file. Per unknown name, at
 * most NEAR_SCANNED member names (in directory order) are looked at; one whose length or letters differ by
 * more than the allowed edit distance is skipped without computing it (each length unit, and each letter one
 * name has and the other lacks, costs at least one edit): a length check, then one pass over the name. Of the
 * rest, at most NEAR_COMPARED get a Levenshtein distance: for names of at most 320 characters (the cell's
 * bound) and 426 (the length filter's), Myers' bit-parallel algorithm takes about 10 × 426 ≈ 4,300 steps, so
 * under 9 million steps for the 2,000, plus about 20,000 × 80 letters ≈ 1.6 million for the scan of real
 * names. Only the first NEAR_LOOKUPS unknown names of an import get suggestions (later ones are reported
 * without), so a whole import spends at most about 100 × 10 million steps on them, whatever its size.
 */
const NEAR_SCANNED = 20_000;
const NEAR_COMPARED = 2_000;
const NEAR_LOOKUPS = 100;

const normalName = (s: string) => s.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
/** Chinese names are written with or without a space between family and given name. */
const compact = (s: string) => normalName(s).replace(/ /g, '');

/** How a member reads in an error: `U0123 张三 (zhang@example.gov.cn)`. */
function describeUser(u: WorkspaceUser): string {
  const name = u.realName || u.displayName || u.handle;
  return [u.id, name, u.email && `(${u.email})`].filter(Boolean).join(' ');
}

/** A member's names, normalised once per import, and where to find each name. */
interface NameIndex {
  /** normalName(handle) → members, in directory order (so are the other maps). */
  byHandle: Map<string, number[]>;
  /** compact(display name) → members. */
  byDisplay: Map<string, number[]>;
  /** compact(display, real or handle name), each member once per name → members. */
  byName: Map<string, number[]>;
  /** Every (member, compact name) pair, for "did you mean". */
  names: { at: number; name: string }[];
}

function push(map: Map<string, number[]>, key: string, at: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [at]);
  else if (list.at(-1) !== at) list.push(at);
}

function indexNames(users: readonly WorkspaceUser[]): NameIndex {
  const index: NameIndex = { byHandle: new Map(), byDisplay: new Map(), byName: new Map(), names: [] };
  users.forEach((u, at) => {
    push(index.byHandle, normalName(u.handle ?? ''), at);
    push(index.byDisplay, compact(u.displayName ?? ''), at);
    for (const n of [u.displayName, u.realName, u.handle]) {
      if (!n) continue;
      const name = compact(n);
      push(index.byName, name, at);
      index.names.push({ at, name });
    }
  });
  return index;
}

/**
 * A lower bound of the edit distance between `wanted` (as counted in `counts`) and `name`: the letters one
 * has and the other lacks, counted with repeats. Linear in the name's length.
 */
function bagDistance(counts: Map<number, number>, wantedLength: number, name: string): number {
  const used = new Map<number, number>();
  let extra = 0;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const u = used.get(c) ?? 0;
    if (u < (counts.get(c) ?? 0)) used.set(c, u + 1);
    else extra++;
  }
  return Math.max(extra, wantedLength - (name.length - extra));
}

export class OwnerResolver {
  private readonly cache = new Map<string, Promise<OwnerCell>>();
  private users: Promise<WorkspaceUser[]> | null = null;
  private index: Promise<{ users: WorkspaceUser[]; names: NameIndex }> | null = null;
  /** Unknown names given suggestions so far (at most NEAR_LOOKUPS per import). */
  private nearLookups = 0;
  private readonly directory: UserDirectory | null;
  /** Why Slack did not answer a look-up, once it did not: later look-ups fail at once with the same. */
  private failure: DirectoryFailure | null = null;

  /** `directory` null: no Slack token (the CLI without SLACK_BOT_TOKEN); only IDs and mentions resolve. */
  constructor(directory: UserDirectory | null) {
    this.directory = directory && this.guarded(directory);
  }

  /** Slack could not be reached (or refused the look-ups): the rows that needed it were refused. */
  get unreachable(): DirectoryFailure | null {
    return this.failure;
  }

  resolve(cell: string): Promise<OwnerCell> {
    const text = cell.trim();
    let found = this.cache.get(text);
    if (!found) {
      // A directory that fails refuses the rows that need it, each named, instead of ending the import.
      found = this.lookup(text).catch((err: unknown) => {
        if (!(err instanceof DirectoryError)) throw err;
        return { ok: false, message: `"${text}" could not be looked up: ${err.failure.reason}` };
      });
      this.cache.set(text, found);
    }
    return found;
  }

  /** The directory, failing fast after its first failure (each failed call may have waited out retries). */
  private guarded(directory: UserDirectory): UserDirectory {
    const call = async <T>(fn: () => Promise<T>): Promise<T> => {
      if (this.failure) throw new DirectoryError(this.failure);
      try {
        return await fn();
      } catch (err) {
        this.failure ??= directoryFailure(err);
        throw new DirectoryError(this.failure);
      }
    };
    return {
      lookupByEmail: (email) => call(() => directory.lookupByEmail(email)),
      listUsers: () => call(() => directory.listUsers()),
    };
  }

  /** Names for the `owner name` column of an export (a failed lookup leaves names empty, not the export). */
  async names(): Promise<Map<string, string>> {
    if (!this.directory) return new Map();
    const users = await this.everyone();
    return new Map(users.map((u) => [u.id, u.realName || u.displayName || u.handle || '']));
  }

  private everyone(): Promise<WorkspaceUser[]> {
    this.users ??= this.directory!.listUsers();
    return this.users;
  }

  /** The members and their names, indexed once per import: a row costs a few map look-ups, not a scan. */
  private indexed(): Promise<{ users: WorkspaceUser[]; names: NameIndex }> {
    this.index ??= this.everyone().then((users) => ({ users, names: indexNames(users) }));
    return this.index;
  }

  /** Members whose names are within a few edits of `wanted`, closest first, bounded as NEAR_COMPARED says. */
  private near(users: readonly WorkspaceUser[], index: NameIndex, wanted: string): WorkspaceUser[] {
    if (++this.nearLookups > NEAR_LOOKUPS) return [];
    const limit = Math.max(1, Math.floor(wanted.length / 3));
    const counts = new Map<number, number>();
    for (let i = 0; i < wanted.length; i++)
      counts.set(wanted.charCodeAt(i), (counts.get(wanted.charCodeAt(i)) ?? 0) + 1);
    const best = new Map<number, number>();
    let compared = 0;
    for (const { at, name } of index.names.slice(0, NEAR_SCANNED)) {
      if (compared >= NEAR_COMPARED) break;
      if (Math.abs(name.length - wanted.length) > limit || bagDistance(counts, wanted.length, name) > limit) continue;
      compared++;
      const d = distance(name, wanted);
      if (d <= limit && d < (best.get(at) ?? Infinity)) best.set(at, d);
    }
    return [...best]
      .sort(([a, da], [b, db]) => da - db || a - b)
      .slice(0, MAX_CANDIDATES)
      .map(([at]) => users[at]!);
  }

  private async lookup(text: string): Promise<OwnerCell> {
    if (text === '') return { ok: true, id: '' }; // "is required", from the shared schema
    if (text.length > OWNER_CELL_MAX) {
      return {
        ok: false,
        message: `"${text.slice(0, 40)}…" (${text.length} characters) is too long to name a member: write the member ID, e-mail or name`,
      };
    }
    const mention = MENTION.exec(text);
    if (mention) return { ok: true, id: mention[1]!.toUpperCase() };
    if (SLACK_USER_PATTERN.test(text)) return { ok: true, id: text };
    if (!this.directory) {
      return {
        ok: false,
        message: `"${text}" is not a Slack user ID; to find people by e-mail or name the import needs the bot token (set SLACK_BOT_TOKEN), or write the member ID (U…) instead`,
      };
    }
    if (isEmail(text)) {
      const user = await this.directory.lookupByEmail(text);
      return user
        ? { ok: true, id: user.id }
        : { ok: false, message: `no one in the workspace has the e-mail ${text}` };
    }
    const { users, names: index } = await this.indexed();
    const handle = text.startsWith('@') ? normalName(text.slice(1)) : null;
    const wanted = compact(handle ?? text);
    const found =
      handle !== null
        ? [...new Set([...(index.byHandle.get(handle) ?? []), ...(index.byDisplay.get(wanted) ?? [])])].sort(
            (a, b) => a - b,
          )
        : (index.byName.get(wanted) ?? []);
    const matches = found.map((at) => users[at]!);
    if (matches.length === 1) return { ok: true, id: matches[0]!.id };
    if (matches.length > 1) {
      const listed = matches.slice(0, MAX_CANDIDATES).map(describeUser).join('; ');
      const more = matches.length > MAX_CANDIDATES ? ` and ${matches.length - MAX_CANDIDATES} more` : '';
      return {
        ok: false,
        message: `"${text}" matches ${matches.length} people: ${listed}${more}; write the member ID or e-mail instead`,
      };
    }
    const near = this.near(users, index, wanted).map(describeUser);
    return {
      ok: false,
      message: `no one in the workspace is called "${text}"${near.length ? ` (did you mean: ${near.join('; ')}?)` : ''}`,
    };
  }
}

/** Why owner look-ups failed: `unreachable` (no answer: network, DNS, timeouts) or `refused` by Slack. */
export interface DirectoryFailure {
  kind: 'unreachable' | 'refused';
  /** For a row's reason, in English like the others. */
  reason: string;
}

class DirectoryError extends Error {
  constructor(readonly failure: DirectoryFailure) {
    super(failure.reason);
  }
}

function directoryFailure(err: unknown): DirectoryFailure {
  // A Web API platform error carries Slack's own code (missing_scope, invalid_auth, ratelimited …).
  const code = (err as { data?: { error?: unknown } } | null)?.data?.error;
  if (typeof code === 'string')
    return {
      kind: 'refused',
      reason: `Slack refused the look-up (${code.slice(0, 60)}); write the member ID (U…) instead, or check the bot token's scopes users:read and users:read.email`,
    };
  return {
    kind: 'unreachable',
    reason:
      'Slack could not be reached; write the member ID (U…) instead, or run the import again when Slack can be reached',
  };
}

/** The Web API calls the directory makes; a `WebClient` has them. */
interface UsersApi {
  users: {
    lookupByEmail(args: { email: string }): Promise<{ user?: SlackMember }>;
    list(args: { limit: number; cursor?: string }): Promise<{
      members?: SlackMember[];
      response_metadata?: { next_cursor?: string };
    }>;
  };
}
interface SlackMember {
  id?: string;
  name?: string;
  real_name?: string;
  deleted?: boolean;
  is_bot?: boolean;
  profile?: { display_name?: string; real_name?: string; email?: string };
}

const toUser = (m: SlackMember): WorkspaceUser => ({
  id: m.id!,
  handle: m.name,
  displayName: m.profile?.display_name || undefined,
  realName: m.profile?.real_name || m.real_name || undefined,
  email: m.profile?.email,
});

/** Bounded: a workspace of 200,000 members is 1,000 pages of 200. */
const MAX_PAGES = 1_000;

/** A directory over Slack's Web API (users:read, users:read.email). */
export function slackDirectory(client: UsersApi): UserDirectory {
  return {
    async lookupByEmail(email) {
      try {
        const res = await client.users.lookupByEmail({ email });
        return res.user?.id && !res.user.deleted ? toUser(res.user) : null;
      } catch (err) {
        if ((err as { data?: { error?: string } }).data?.error === 'users_not_found') return null;
        throw err;
      }
    },
    async listUsers() {
      const users: WorkspaceUser[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const res = await client.users.list({ limit: 200, ...(cursor && { cursor }) });
        for (const m of res.members ?? []) if (m.id && !m.deleted && !m.is_bot) users.push(toUser(m));
        cursor = res.response_metadata?.next_cursor || undefined;
        if (!cursor) break;
      }
      return users;
    },
  };
}
