import js from '@eslint/js';
import globals from 'globals';
import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';

/**
 * The layer rule: `cli`/`main` → `slack` → `jobs` → `services` → `domain`, with `i18n`, `config`, `db` and
 * `logging` at the bottom. A folder may import only from layers below it; each entry names what a folder's
 * files must not import. Specifiers are matched as written (`../slack/locale.js`), hence the regexes.
 */
const layer = (folder, message) => ({ regex: `(^|/)${folder}/`, message });
const NOT_SLACK = layer(
  'slack',
  'Only cli/, main.ts and engine-thread.ts sit above slack/: inject what you need (see src/slack/sender.ts).',
);
const NOT_CLI = layer('cli', 'cli/ is the top layer: nothing imports it.');
const NOT_JOBS = layer('jobs', 'jobs/ sit above services/ and domain/: pass what you need in instead.');
const NOT_SERVICES = layer('services', 'services/ sit above this layer.');
const NOT_DB = layer('db', 'domain/ is pure rules: no database.');
const PRISMA = [
  { regex: '^@prisma/', message: 'Prisma belongs in services/ (and jobs/ data access): call a service.' },
  {
    regex: '(^|/)db/generated(-pg)?/',
    message: 'Prisma belongs in services/ (and jobs/ data access): call a service.',
  },
];
const restrict = (files, patterns) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns }] } });
export const layerRules = [
  restrict(['src/jobs/**', 'src/charts/**'], [NOT_SLACK, NOT_CLI]),
  restrict(['src/services/**'], [NOT_SLACK, NOT_CLI, NOT_JOBS]),
  restrict(['src/domain/**'], [NOT_SLACK, NOT_CLI, NOT_JOBS, NOT_SERVICES, NOT_DB, ...PRISMA]),
  restrict(
    ['src/i18n/**', 'src/config/**', 'src/db/**', 'src/logging/**'],
    [NOT_SLACK, NOT_CLI, NOT_JOBS, NOT_SERVICES],
  ),
  restrict(['src/slack/**'], [NOT_CLI, ...PRISMA]),
  {
    // Prisma belongs in services: no query on a database client under src/slack (`deps.db.problem…`, `db.board…`).
    files: ['src/slack/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "MemberExpression[object.name='db'], MemberExpression[object.property.name='db'][parent.type='MemberExpression']",
          message: 'Prisma belongs in services: call (or add) a service function that selects what you need.',
        },
      ],
    },
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
