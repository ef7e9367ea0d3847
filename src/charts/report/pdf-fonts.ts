import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Noto Sans SC for the PDF, from @fontsource/noto-sans-sc: static weights (400 and 700) cut into ~100 WOFF
 * files by Unicode range. The variable font the chart uses (@fontsource-variable) does not do here: fontkit
 * subsets a variable font's outlines as stored, which are its default instance, Thin (weight 100). And the
 * WOFF files, not the WOFF2 ones: fontkit reads WOFF2, but its subsetter copies the glyf table's bytes as
 * stored, which WOFF2 transforms, so the embedded glyphs came out as shards (found by looking at the pages).
 * pdfkit embeds only the glyphs used, so a file costs what its text needs.
 */

export type Weight = 400 | 700;

interface Subset {
  name: string;
  ranges: [number, number][];
}

let dir: string | null = null;
let subsets: Subset[] | null = null;
/** Code point → subset name (undefined: no file has it), memoised. */
const subsetOf = new Map<number, string | undefined>();
const bytes = new Map<string, Buffer>();

function packageDir(): string {
  dir ??= path.dirname(createRequire(import.meta.url).resolve('@fontsource/noto-sans-sc/package.json'));
  return dir;
}

function allSubsets(): Subset[] {
  if (subsets) return subsets;
  const ranges = JSON.parse(fs.readFileSync(path.join(packageDir(), 'unicode.json'), 'utf8')) as Record<string, string>;
  subsets = Object.entries(ranges).map(([name, list]) => ({
    name: name.replace(/^\[|\]$/g, ''),
    ranges: list.split(',').map((part) => {
      const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
      const start = parseInt(from ?? '', 16);
      return [start, to ? parseInt(to, 16) : start] as [number, number];
    }),
  }));
  return subsets;
}

/** The name of the file holding `code`, or undefined when Noto Sans SC has no glyph for it. */
export function fontSubset(code: number): string | undefined {
  if (subsetOf.has(code)) return subsetOf.get(code);
  const found = allSubsets().find((s) => s.ranges.some(([from, to]) => code >= from && code <= to))?.name;
  subsetOf.set(code, found);
  return found;
}

/** A subset file's bytes (read once per process: a worker keeps them for the next document). */
export function fontBytes(subset: string, weight: Weight): Buffer {
  const key = `${subset}-${weight}`;
  let b = bytes.get(key);
  if (!b) {
    b = fs.readFileSync(path.join(packageDir(), 'files', `noto-sans-sc-${subset}-${weight}-normal.woff`));
    bytes.set(key, b);
  }
  return b;
}
