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

export type OwnerCell = { ok: true; id: string } | { ok: false; message: string };

/** Spreadsheets may have lower-cased a pasted mention. */
const MENTION = new RegExp(USER_MENTION.source, 'i');
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;
const MAX_CANDIDATES = 5;

const normalName = (s: string) => s.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
/** Chinese names are written with or without a space between family and given name. */
const compact = (s: string) => normalName(s).replace(/ /g, '');

/** How a member reads in an error: `U0123 张三 (zhang@example.gov.cn)`. */
export function describeUser(u: WorkspaceUser): string {
  const name = u.realName || u.displayName || u.handle;
  return [u.id, name, u.email && `(${u.email})`].filter(Boolean).join(' ');
}

export class OwnerResolver {
  private readonly cache = new Map<string, Promise<OwnerCell>>();
  private users: Promise<WorkspaceUser[]> | null = null;
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

  private async lookup(text: string): Promise<OwnerCell> {
    if (text === '') return { ok: true, id: '' }; // "is required", from the shared schema
    const mention = MENTION.exec(text);
    if (mention) return { ok: true, id: mention[1]!.toUpperCase() };
    if (SLACK_USER_PATTERN.test(text)) return { ok: true, id: text };
    if (!this.directory) {
      return {
        ok: false,
        message: `"${text}" is not a Slack user ID; to find people by e-mail or name the import needs the bot token (set SLACK_BOT_TOKEN), or write the member ID (U…) instead`,
      };
    }
    if (EMAIL.test(text)) {
      const user = await this.directory.lookupByEmail(text);
      return user
        ? { ok: true, id: user.id }
        : { ok: false, message: `no one in the workspace has the e-mail ${text}` };
    }
    const users = await this.everyone();
    const handle = text.startsWith('@') ? normalName(text.slice(1)) : null;
    const wanted = compact(handle ?? text);
    const matches = users.filter((u) =>
      handle !== null
        ? normalName(u.handle ?? '') === handle || compact(u.displayName ?? '') === wanted
        : [u.displayName, u.realName, u.handle].some((n) => n && compact(n) === wanted),
    );
    if (matches.length === 1) return { ok: true, id: matches[0]!.id };
    if (matches.length > 1) {
      const listed = matches.slice(0, MAX_CANDIDATES).map(describeUser).join('; ');
      const more = matches.length > MAX_CANDIDATES ? ` and ${matches.length - MAX_CANDIDATES} more` : '';
      return {
        ok: false,
        message: `"${text}" matches ${matches.length} people: ${listed}${more}; write the member ID or e-mail instead`,
      };
    }
    const near = users
      .map((u) => ({
        u,
        d: Math.min(...[u.displayName, u.realName, u.handle].filter(Boolean).map((n) => distance(compact(n!), wanted))),
      }))
      .filter(({ d }) => d <= Math.max(1, Math.floor(wanted.length / 3)))
      .sort((a, b) => a.d - b.d)
      .slice(0, MAX_CANDIDATES)
      .map(({ u }) => describeUser(u));
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
export interface UsersApi {
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
