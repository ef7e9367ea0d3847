import fs from 'node:fs';
import path from 'node:path';
import { migrate } from '../../src/db/migrate.js';

export const TEST_DB_DIR = path.resolve('.test-db');
export const TEMPLATE_DB = path.join(TEST_DB_DIR, 'template.db');

/** Migrates one template database; each test file copies it (see db.ts). */
export default function setup(): () => void {
  fs.rmSync(TEST_DB_DIR, { recursive: true, force: true });
  fs.mkdirSync(TEST_DB_DIR, { recursive: true });
  migrate(`file:${TEMPLATE_DB}`);
  return () => fs.rmSync(TEST_DB_DIR, { recursive: true, force: true });
}
