import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, '.config/eslint.config.js') });

/** The layer-rule messages ESLint gives for `code` as if it were the file at `file` (nothing is written). */
async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = x;\n`, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the layer rule (no-restricted-imports in .config/eslint.config.js)', () => {
  it.each([
    ['src/jobs/example.ts', "import { x } from '../slack/locale.js';", /inject what you need/],
    ['src/charts/example.ts', "import { x } from '../slack/views/problem-format.js';", /inject what you need/],
    ['src/jobs/example.ts', "import { x } from '../cli/context.js';", /cli\/ is the top layer/],
    ['src/services/example.ts', "import { x } from '../jobs/job-data.js';", /jobs\/ sit above/],
    ['src/services/example.ts', "import { x } from '../slack/sender.js';", /inject what you need/],
    ['src/domain/example.ts', "import { x } from '../services/problems.js';", /services\/ sit above/],
    ['src/domain/example.ts', "import { x } from '../db/client.js';", /no database/],
    ['src/i18n/example.ts', "import { x } from '../jobs/messages.js';", /jobs\/ sit above/],
    ['src/logging/example.ts', "import { x } from '../slack/app.js';", /inject what you need/],
    ['src/slack/views/example.ts', "import { x } from '@prisma/client';", /Prisma belongs in services/],
    ['src/slack/flows/example.ts', "import { x } from '../../db/generated/client.js';", /Prisma belongs in services/],
  ])('%s: %s is refused', async (file, code, message) => {
    const errors = await layerErrors(file, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it.each([
    ['src/slack/example.ts', "import { x } from '../jobs/send.js';"],
    ['src/cli/example.ts', "import { x } from '../slack/sender.js';"],
    ['src/main.ts', "import { x } from './slack/app.js';"],
    ['src/jobs/example.ts', "import { x } from '../services/boards.js';"],
    ['src/services/example.ts', "import { x } from '../db/generated/client.js';"],
    ['src/jobs/example.ts', "import { x } from '@slack/web-api';"],
  ])('%s: %s is allowed (it points down)', async (file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  });
});

describe('no Prisma queries under src/slack (no-restricted-syntax)', () => {
  const queryErrors = async (file: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
    return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.message);
  };

  it.each([
    'export const f = (ctx: { deps: { db: any } }) => ctx.deps.db.problem.findMany();',
    'export const f = (db: any) => db.board.findUniqueOrThrow({ where: { id: 1 } });',
    'export const f = ({ db }: { db: any }) => db.delivery.update({});',
  ])('refuses %s', async (code) => {
    expect(await queryErrors('src/slack/refresh/example.ts', code)).toEqual([
      expect.stringMatching(/Prisma belongs in services/),
    ]);
  });

  it('allows passing the client on to a service, and queries in services', async () => {
    const pass = 'export const f = (deps: { db: unknown }, g: (d: unknown) => void) => g(deps.db);';
    expect(await queryErrors('src/slack/app-example.ts', pass)).toEqual([]);
    const query = 'export const f = (db: any) => db.board.findMany();';
    expect(await queryErrors('src/services/example.ts', query)).toEqual([]);
  });
});
