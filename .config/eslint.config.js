import js from '@eslint/js';
import globals from 'globals';
import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';
import { layersPlugin, PRISMA_FOLDERS } from './eslint-layers.js';

/**
 * The layer rule (`cli`/`main` → `playground` → `runtime` → `slack` → `jobs` → `services` → `domain`, with
 * `i18n`, `config`, `db` and `logging` at the bottom) lives in eslint-layers.js as one table; it checks
 * `import`, `export … from` and `import()` alike. Prisma queries (`db.problem…`, `deps.db.board…`) belong
 * in services/ and jobs/ (their data access); db/ owns the client.
 */
const PRISMA_QUERY = 'Prisma belongs in services: call (or add) a service function that selects what you need.';
const prismaQuery = (property) =>
  `MemberExpression[object.name='db']${property}, ` + `MemberExpression[object.property.name='db']${property}`;
export const layerRules = [
  { files: ['src/**/*.ts'], plugins: { layers: layersPlugin }, rules: { 'layers/imports': 'error' } },
  {
    // A model query (`db.problem…`, `deps.db.board…`) outside services/ and jobs/; the client's own `$…`
    // (a ping, `$disconnect` at stop) stays with whoever owns the client.
    files: ['src/**/*.ts'],
    ignores: PRISMA_FOLDERS.map((folder) => `src/${folder}/**`),
    rules: {
      'no-restricted-syntax': ['error', { selector: prismaQuery('[property.name=/^[^$]/]'), message: PRISMA_QUERY }],
    },
  },
  {
    // Under src/slack not even the client's own calls (`db.$transaction`): Slack code calls services.
    files: ['src/slack/**'],
    rules: { 'no-restricted-syntax': ['error', { selector: prismaQuery(''), message: PRISMA_QUERY }] },
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'src/db/generated/',
      'src/db/generated-pg/',
      'data/',
      '.test-db/',
      '.test-output/',
      '.scratch/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  {
    // The playground page runs in the browser.
    files: ['src/playground/web/**'],
    languageOptions: { globals: globals.browser },
  },
  {
    // The CLI's job is to print; tests and benchmarks may too.
    files: ['src/cli/**', 'test/**'],
    rules: { 'no-console': 'off' },
  },
  ...layerRules,
  {
    // Everything a person types is parsed in linear time: no pattern in src/ may backtrack super-linearly.
    // test/ is left out: its patterns read the app's own short output (log lines, CLI tables), never user text.
    // These rules see ambiguous quantifiers, not ambiguous alternatives (`^(?:(?:嗯|嗯嗯)\s*)+$` passes them):
    // test/domain/parsers-fuzz.test.ts is the other half of the check.
    files: ['src/**'],
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
    },
  },
);
