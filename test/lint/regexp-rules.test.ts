import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, '.config/eslint.config.js') });

/** The eslint-plugin-regexp rules that fire on `code` as if it were the file at `file` (nothing is written). */
async function regexpRules(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? '').filter((id) => id.startsWith('regexp/'));
}

describe('linear-time patterns (eslint-plugin-regexp in .config/eslint.config.js)', () => {
  it.each([
    // The owner import's old e-mail pattern: quadratic over a run of dots.
    ['src/services/example.ts', 'export const EMAIL = /^[^\\s@<>]+@[^\\s@<>]+\\.[^\\s@<>]+$/;', 'backtracking'],
    // The reply parser's old percentage prefix: two `\\s*` share a run of spaces.
    ['src/domain/example.ts', 'export const P = /完成\\s*[:：]?\\s*\\d+%/;', 'backtracking'],
    // The old tokenizer: an unclosed quote rescans to the end from every quote.
    ['src/slack/parsers/example.ts', 'export const T = /“([^”]*)”|(\\S+)/g;', 'move'],
  ])('%s: %s is refused', async (file, code, kind) => {
    expect(await regexpRules(file, code)).toContain(`regexp/no-super-linear-${kind}`);
  });

  it('passes the linear rewrites', async () => {
    expect(await regexpRules('src/services/example.ts', 'export const EMAIL = /^[^\\s@<>]+@([^\\s@<>]+)$/;')).toEqual(
      [],
    );
    expect(await regexpRules('src/domain/example.ts', 'export const P = /完成\\s*(?:[:：]\\s*)?\\d+%/;')).toEqual([]);
  });
});
