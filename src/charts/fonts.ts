import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';

/** The one family charts use: Noto Sans SC covers Chinese and Latin text alike, at every weight. */
export const CHART_FONT = 'Noto Sans SC';

/** One file of @fontsource-variable/noto-sans-sc: a WOFF2 with the glyphs of some Unicode ranges. */
interface Subset {
  file: string;
  ranges: [number, number][];
}

/** `U+4e00-4e0f,U+4e11` → [[0x4e00, 0x4e0f], [0x4e11, 0x4e11]] */
function parseRanges(list: string): [number, number][] {
  return list.split(',').map((part) => {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-');
    const start = parseInt(from ?? '', 16);
    return [start, to ? parseInt(to, 16) : start];
  });
}

let subsets: Subset[] | null = null;

/** The package's files and the ranges each covers (its unicode.json: `"[4]"` or `"latin"` → ranges). */
function fontSubsets(): Subset[] {
  if (subsets) return subsets;
  const pkg = createRequire(import.meta.url).resolve('@fontsource-variable/noto-sans-sc/package.json');
  const dir = path.dirname(pkg);
  const ranges = JSON.parse(fs.readFileSync(path.join(dir, 'unicode.json'), 'utf8')) as Record<string, string>;
  subsets = Object.entries(ranges).map(([name, list]) => ({
    file: path.join(dir, 'files', `noto-sans-sc-${name.replace(/^\[|\]$/g, '')}-wght-normal.woff2`),
    ranges: parseRanges(list),
  }));
  return subsets;
}

const registered = new Set<string>();
const covered = new Set<number>();

/**
 * Registers, with Skia under CHART_FONT, the font files that hold the characters of `text` and are not
 * registered yet (Skia's registry is per process). The font ships inside an npm package, cut into ~100
 * files by Unicode range; registering all of them made Skia search them all for each glyph, which cost
 * ~20 MB of decoded fonts for a chart in English. A chart needs a handful. Returns the files registered.
 */
export function ensureGlyphs(text: string): number {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (covered.has(code)) continue;
    covered.add(code);
    const subset = fontSubsets().find((s) => s.ranges.some(([from, to]) => code >= from && code <= to));
    if (subset && !registered.has(subset.file)) {
      if (!GlobalFonts.registerFromPath(subset.file, CHART_FONT)) throw new Error(`Could not load ${subset.file}`);
      registered.add(subset.file);
    }
  }
  return registered.size;
}

/**
 * Makes a 2D context load the glyphs of every text before it measures or draws it: ECharts lays out and
 * draws all its text (titles, labels, formatter output) through these three calls.
 */
export function withGlyphs(context: SKRSContext2D): SKRSContext2D {
  const fill = context.fillText.bind(context);
  const stroke = context.strokeText.bind(context);
  const measure = context.measureText.bind(context);
  context.fillText = (text: string, ...rest: [number, number, number?]) => {
    ensureGlyphs(text);
    fill(text, ...rest);
  };
  context.strokeText = (text: string, ...rest: [number, number, number?]) => {
    ensureGlyphs(text);
    stroke(text, ...rest);
  };
  context.measureText = (text: string) => {
    ensureGlyphs(text);
    return measure(text);
  };
  return context;
}
