import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

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
);
