import type { Command } from 'commander';
import { parseEnv, type Env } from '../config/env.js';
import { migrateDatabase, openDatabase } from '../db/database.js';
import { systemClock, type Clock } from '../domain/clock.js';
import { OPERATOR, type Actor } from '../domain/types.js';
import type { ServiceDeps } from '../services/deps.js';
import { settleImports } from '../services/import-runs.js';
import { resolveTeam } from './team.js';

/** Everything the CLI touches outside itself, passed in so tests run it in-process. */
export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  /** stderr is a terminal: progress bars are drawn. */
  isTTY: boolean;
  clock?: Clock;
}

interface Services {
  deps: ServiceDeps;
  /** The operator, acting in the resolved Slack team. */
  actor: Actor;
  env: Env;
}

/** Shared by the commands of one run: output helpers, the exit code, and access to the database. */
export class CliContext {
  exitCode = 0;

  constructor(
    readonly io: CliIo,
    private readonly program: Command,
  ) {}

  get clock(): Clock {
    return this.io.clock ?? systemClock;
  }

  out(text: string): void {
    this.io.stdout.write(`${text}\n`);
  }

  err(text: string): void {
    this.io.stderr.write(`${text}\n`);
  }

  env(): Env {
    return parseEnv(this.io.env);
  }

  /**
   * Migrates (idempotent and fast), opens the database, takes back any import cut off by a dead process
   * (services/import-runs.ts), resolves the team, runs `fn`, closes the database.
   */
  async withServices<T>(fn: (services: Services) => Promise<T>): Promise<T> {
    const env = this.env();
    await migrateDatabase(env.DATABASE_URL);
    const db = await openDatabase(env.DATABASE_URL, { poolSize: env.DATABASE_POOL_SIZE });
    try {
      const deps: ServiceDeps = { db, clock: this.clock, admins: new Set(env.CLOSEOUT_ADMINS) };
      for (const run of await settleImports(deps)) {
        const kept = run.kept.length ? ` Kept because they changed since: ${run.kept.join('; ')}.` : '';
        this.err(
          `An import into board ${run.boardCode} cut off after ${run.rowsDone} of ${run.rows} rows (its process stopped) was taken back; run it again.${kept}`,
        );
      }
      const teamId = await resolveTeam(db, this.program.opts<{ team?: string }>().team, this.io.env);
      return await fn({ deps, actor: { teamId, userId: OPERATOR }, env });
    } finally {
      await db.$disconnect();
    }
  }
}
