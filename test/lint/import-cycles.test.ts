import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');

/** Every .ts file under `dir`, but the generated Prisma clients and the browser page. */
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return /^(generated(-pg)?|web)$/.test(entry.name) ? [] : sources(file);
    return file.endsWith('.ts') ? [file] : [];
  });
}

/** The files of src/ that `file` imports, in any form (`import`, `import type`, `export … from`, `import()`). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*)'(\.[^']+)'/g)].map((m) => m[1]!);
  return specifiers
    .map((spec) => path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts'))
    .filter((target) => fs.existsSync(target));
}

/** The import cycles among `files` (each as the files on it, from src/), found by a depth-first walk. */
function cycles(files: string[]): string[][] {
  const graph = new Map(files.map((file) => [file, importsOf(file)]));
  const done = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string, trail: string[]) => {
    const at = trail.indexOf(file);
    if (at >= 0) {
      found.push(trail.slice(at).map((f) => path.relative(src, f)));
      return;
    }
    if (done.has(file)) return;
    for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
    done.add(file);
  };
  for (const file of files) visit(file, []);
  return found;
}

describe('import cycles', () => {
  it('finds a cycle when there is one (the walk itself works)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'closeout-cycles-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.ts'), "import type { B } from './b.js';\nexport type A = B;\n");
      fs.writeFileSync(path.join(dir, 'b.ts'), "import { c } from './c.js';\nexport type B = typeof c;\n");
      fs.writeFileSync(path.join(dir, 'c.ts'), "export const c = () => import('./a.js');\n");
      expect(cycles(sources(dir))).toHaveLength(1);
      expect(
        cycles(sources(dir))[0]!
          .map((f) => path.basename(f))
          .sort(),
      ).toEqual(['a.ts', 'b.ts', 'c.ts']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('src/ has none, type-only imports included: two files that need each other share a third', () => {
    expect(cycles(sources(src))).toEqual([]);
  });
});
