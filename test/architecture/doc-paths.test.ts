import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Every file and folder of the project (relative, with `/`), but dependencies, builds and git. */
function entries(dir = ''): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    if (/^(node_modules|dist|\.git|data|coverage|generated(-pg)?|\.test-db|\.test-output)$/.test(e.name)) return [];
    const rel = dir ? `${dir}/${e.name}` : e.name;
    return e.isDirectory() ? [`${rel}/`, ...entries(rel)] : [rel];
  });
}

/**
 * The code paths a page names in backticks: `runtime/door.ts`, `commands/support/on-command.ts`, `jobs/outbox/`.
 * Pages name them from the folder the sentence is about, so a path counts as found when some file or
 * folder ends with it. Not paths: URLs, commands, placeholders (`<kind>`), a package's own files (`App.js`).
 */
function namedPaths(markdown: string): string[] {
  return (
    [...markdown.matchAll(/`([^`\s]+)`/g)]
      .map((m) => m[1]!)
      .filter((t) => !/[<>*{}$:=@]/.test(t) && !/^[/\-.]/.test(t) && !/^[\d/]+$/.test(t))
      // What a run writes (the database, the build) is named but not in the tree.
      .filter((t) => !/^(data|dist)\//.test(t))
      .filter((t) => /^[\w.-]+(\/[\w.-]*)+$/.test(t) || /^[\w-]+(\.[\w-]+)*\.ts$/.test(t))
  );
}

const PAGES = [
  'README.md',
  'docs/architecture.md',
  ...fs.readdirSync(path.join(root, 'docs/decisions')).map((f) => `docs/decisions/${f}`),
];

describe('the paths the architecture pages name exist', () => {
  const all = entries();
  const found = (named: string) =>
    all.some((e) =>
      [named, `${named}.ts`, `${named.replace(/\.js$/, '.ts')}`].some(
        (n) => e === n || e.endsWith(`/${n}`) || e === `${n}/` || e.endsWith(`/${n}/`),
      ),
    );

  it('finds a renamed path (the check itself works)', () => {
    expect(found('runtime/door.ts')).toBe(true);
    expect(found('slack/views/home.ts')).toBe(false);
  });

  it.each(PAGES)('%s', (page) => {
    const named = namedPaths(fs.readFileSync(path.join(root, page), 'utf8'));
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((p) => !found(p))).toEqual([]);
  });
});
