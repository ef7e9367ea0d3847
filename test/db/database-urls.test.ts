import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/config/env.js';
import { sqlitePath } from '../../src/db/kind.js';
import { describeDatabase } from '../../src/db/database.js';
import { isPostgresUrl } from '../../src/db/kind.js';

/** env.ts accepts both PostgreSQL spellings; the database layer must open both (issue 11). */
describe('DATABASE_URL spellings', () => {
  it.each(['postgres://u:secret@db/closeout', 'postgresql://u:secret@db/closeout'])(
    '%s passes env.ts and is opened as PostgreSQL',
    (url) => {
      expect(parseEnv({ DATABASE_URL: url }).DATABASE_URL).toBe(url);
      expect(isPostgresUrl(url)).toBe(true);
      expect(describeDatabase(url)).not.toContain('secret');
    },
  );

  it('a file: URL is SQLite; sqlitePath refuses anything else without claiming PostgreSQL is unsupported', () => {
    expect(isPostgresUrl('file:./data/closeout.db')).toBe(false);
    expect(() => sqlitePath('postgres://u@db/closeout')).toThrow('Not a SQLite database URL (file:…): got postgres:');
  });
});
