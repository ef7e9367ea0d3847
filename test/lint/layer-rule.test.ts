import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, '.config/eslint.config.js') });

/** Messages of `ruleId` ESLint gives for `code` as if it were the file at `file` (nothing is written). */
async function errors(file: string, code: string, ruleId: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === ruleId).map((m) => m.message);
}
const layerErrors = (file: string, code: string) => errors(file, `${code}\nexport const used = x;\n`, 'layers/imports');

/** Every unit the rule places (folders of src/ and the entry file at its root), and one it does not. */
const UNITS = [
  'cli',
  'main.ts',
  'playground',
  'runtime',
  'slack',
  'jobs',
  'charts',
  'services',
  'domain',
  'i18n',
  'config',
  'db',
  'logging',
  'platform',
  'unplaced',
] as const;
type Unit = (typeof UNITS)[number];

const BOTTOM: Unit[] = ['i18n', 'config', 'db', 'logging', 'platform'];
const BELOW_SLACK: Unit[] = ['jobs', 'charts', 'services', 'domain', ...BOTTOM];
const BELOW_RUNTIME: Unit[] = ['slack', ...BELOW_SLACK];

/**
 * What each unit may import besides itself, written out by hand (not derived from the config) so a change
 * to the rule shows up here as a failing pair.
 */
const MAY_IMPORT: Record<Unit, Unit[]> = {
  cli: ['playground', 'runtime', ...BELOW_RUNTIME],
  'main.ts': ['playground', 'runtime', ...BELOW_RUNTIME],
  playground: ['runtime', ...BELOW_RUNTIME],
  runtime: BELOW_RUNTIME,
  slack: BELOW_SLACK,
  jobs: ['services', 'domain', ...BOTTOM],
  charts: ['services', 'domain', ...BOTTOM],
  services: ['domain', ...BOTTOM],
  domain: ['i18n', 'config', 'logging', 'platform'],
  i18n: BOTTOM,
  config: BOTTOM,
  db: BOTTOM,
  logging: BOTTOM,
  platform: BOTTOM,
  unplaced: [],
};

/** A file of the unit (folders get one inside; root files are themselves). */
const fileOf = (unit: Unit) => (unit.endsWith('.ts') ? `src/${unit}` : `src/${unit}/example.ts`);

/** The specifier `from`'s file would write to reach a module of `to`, as the code base writes them (`.js`). */
function specifier(from: Unit, to: Unit): string {
  const target = to.endsWith('.ts') ? `src/${to.replace(/\.ts$/, '.js')}` : `src/${to}/module.js`;
  const rel = path.posix.relative(path.posix.dirname(fileOf(from)), target);
  return rel.startsWith('.') ? rel : `./${rel}`;
}

describe('the layer rule (layers/imports, the table in .config/eslint-layers.js)', () => {
  it('the pairs below cover every folder of src/ and every file at its root', () => {
    const entries = fs
      .readdirSync(path.join(root, 'src'), { withFileTypes: true })
      .filter((e) => e.isDirectory() || e.name.endsWith('.ts'))
      .map((e) => e.name);
    expect(entries.sort()).toEqual(UNITS.filter((unit) => unit !== 'unplaced').sort());
  });

  it.each(UNITS)('decides every import from %s, written as import, export … from and import()', async (from) => {
    const decided: Record<string, string[]> = {};
    for (const to of UNITS) {
      const spec = specifier(from, to);
      const forms = [
        `import { x } from '${spec}';`,
        `import type { X } from '${spec}';\nconst x: X = 1;`,
        `export { y } from '${spec}';\nconst x = 1;`,
        `export * from '${spec}';\nconst x = 1;`,
        `const x = await import('${spec}');`,
      ];
      decided[to] = await Promise.all(forms.map((code) => layerErrors(fileOf(from), code))).then((all) =>
        all.map((messages) => (messages.length === 0 ? 'allowed' : messages.join(' | '))),
      );
    }
    for (const to of UNITS) {
      const allowed = to === from || MAY_IMPORT[from].includes(to);
      for (const outcome of decided[to]!) {
        if (allowed) expect(outcome, `${from} → ${to}`).toBe('allowed');
        else expect(outcome, `${from} → ${to}`).toMatch(/may not import|is in no layer/);
      }
    }
  });

  it.each([
    [
      'src/jobs/example.ts',
      "import { x } from '../slack/locale.js';",
      /jobs may not import slack: inject what you need/,
    ],
    [
      'src/charts/example.ts',
      "import { x } from '../jobs/outbox/send.js';",
      /charts may not import jobs: jobs\/ sit above/,
    ],
    ['src/jobs/example.ts', "import { x } from '../cli/context.js';", /cli\/ is the top layer/],
    [
      'src/slack/blocks/x.ts',
      "import { x } from '../../playground/run.js';",
      /Only cli\/ and main.ts start the playground/,
    ],
    ['src/slack/locale.ts', "import { x } from '../runtime/engine.js';", /runtime\/ is the top of the app/],
    ['src/domain/example.ts', "import { x } from '../db/client.js';", /domain\/ is pure rules: no database/],
    ['src/config/env.ts', "import { x } from '../domain/keys.js';", /config may not import domain/],
    ['src/i18n/index.ts', "import type { x } from '../domain/types.js';", /i18n may not import domain/],
    ['src/newfolder/x.ts', "import { x } from '../domain/types.js';", /src\/newfolder is in no layer/],
    // The whole path counts, not the words in it: services/ importing its own `jobs`-named file is fine.
    ['src/services/example.ts', "import { x } from './slack-jobs.js';", null],
    ['src/slack/listeners/x.ts', "import { x } from '../blocks/problem-format.js';", null],
  ])('%s: %s', async (file, code, message) => {
    const found = await layerErrors(file, code);
    if (message === null) expect(found).toEqual([]);
    else expect(found).toEqual([expect.stringMatching(message)]);
  });
});

describe('Prisma only in services/, jobs/ and db/', () => {
  it.each(UNITS.filter((unit) => unit !== 'unplaced'))('%s: imports of Prisma', async (from) => {
    const allowed = ['services', 'jobs', 'db'].includes(from);
    const generated = path.posix.relative(path.posix.dirname(fileOf(from)), 'src/db/generated/client.js');
    for (const spec of ['@prisma/client', generated.startsWith('.') ? generated : `./${generated}`]) {
      const found = await layerErrors(fileOf(from), `import { x } from '${spec}';`);
      if (allowed) expect(found, spec).toEqual([]);
      else expect(found, spec).toEqual([expect.stringMatching(/Prisma belongs in services/)]);
    }
  });

  const queryErrors = (file: string, code: string) => errors(file, code, 'no-restricted-syntax');

  it.each([
    [
      'src/slack/refresh/example.ts',
      'export const f = (ctx: { deps: { db: any } }) => ctx.deps.db.problem.findMany();',
    ],
    ['src/slack/refresh/example.ts', 'export const f = (db: any) => db.board.findUniqueOrThrow({ where: { id: 1 } });'],
    ['src/slack/example.ts', 'export const f = ({ db }: { db: any }) => db.$transaction([]);'],
    ['src/cli/team.ts', 'export const f = (db: any) => db.board.findMany();'],
    ['src/cli/commands/board.ts', 'export const f = (deps: { db: any }) => deps.db.problem.groupBy({});'],
    ['src/playground/run.ts', 'export const f = ({ db }: { db: any }) => db.delivery.update({});'],
    ['src/runtime/health.ts', 'export const f = (db: any) => db.problem.count();'],
    ['src/main.ts', 'export const f = (db: any) => db.board.count();'],
  ])('%s: refuses the query in %s', async (file, code) => {
    expect(await queryErrors(file, code)).toEqual([expect.stringMatching(/Prisma belongs in services/)]);
  });

  it.each([
    ['src/slack/app-example.ts', 'export const f = (deps: { db: unknown }, g: (d: unknown) => void) => g(deps.db);'],
    ['src/services/example.ts', 'export const f = (db: any) => db.board.findMany();'],
    ['src/jobs/example.ts', 'export const f = (deps: { db: any }) => deps.db.delivery.findMany();'],
    ['src/cli/context.ts', 'export const f = (db: any) => db.$disconnect();'],
    ['src/runtime/health.ts', 'export const f = (db: any) => db.$queryRaw`SELECT 1`;'],
  ])('%s: allows %s', async (file, code) => {
    expect(await queryErrors(file, code)).toEqual([]);
  });
});
