import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import type {} from './db.js'; // ProvidedContext
import { migrate } from '../../src/db/migrate.js';

/**
 * Migrates one template database per test run (in its own folder, so parallel runs never collide);
 * each test copies it (see db.ts).
 */
export default function setup(project: TestProject): () => void {
  const dir = path.resolve('.test-db', randomUUID());
  fs.mkdirSync(dir, { recursive: true });
  migrate(`file:${path.join(dir, 'template.db')}`);
  project.provide('testDbKind', 'sqlite');
  project.provide('testDbDir', dir);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
