import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { GlobalFonts } from '@napi-rs/canvas';

/** The one family charts use: Noto Sans SC covers Chinese and Latin text alike, at every weight. */
export const CHART_FONT = 'Noto Sans SC';

/** Where @fontsource-variable/noto-sans-sc keeps its files (WOFF2, one per Unicode range). */
function fontDir(): string {
  const pkg = createRequire(import.meta.url).resolve('@fontsource-variable/noto-sans-sc/package.json');
  return path.join(path.dirname(pkg), 'files');
}

let registered: number | null = null;

/**
 * Registers the font's files with Skia under CHART_FONT, once per process (Skia's font registry is
 * process-wide anyway). The font ships inside an npm package: nothing is fetched at run time, and Skia
 * reads WOFF2 and picks, per character, the range file that has it. Returns how many files were taken.
 */
export function ensureChartFont(): number {
  if (registered !== null) return registered;
  const dir = fontDir();
  let count = 0;
  for (const file of fs.readdirSync(dir).sort()) {
    if (file.endsWith('.woff2') && GlobalFonts.registerFromPath(path.join(dir, file), CHART_FONT)) count += 1;
  }
  if (count === 0) throw new Error(`No chart font could be registered from ${dir}`);
  registered = count;
  return count;
}
