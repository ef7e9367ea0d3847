import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import zlib from 'node:zlib';

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

/**
 * A subset file as a plain TrueType font, unpacked once per process (a worker keeps it for its next
 * documents): fontkit would otherwise inflate each WOFF table in JavaScript for every document, which was
 * most of a report's time.
 */
export function fontBytes(subset: string, weight: Weight): Buffer {
  const key = `${subset}-${weight}`;
  let b = bytes.get(key);
  if (!b) {
    b = woffToSfnt(fs.readFileSync(path.join(packageDir(), 'files', `noto-sans-sc-${subset}-${weight}-normal.woff`)));
    bytes.set(key, b);
  }
  return b;
}

/**
 * WOFF 1.0 → the sfnt it wraps (W3C WOFF, sections 3–5): the tables, each inflated where compressed, behind
 * a fresh offset table and directory, 4-byte aligned. Checksums are copied as WOFF keeps them.
 */
function woffToSfnt(woff: Buffer): Buffer {
  if (woff.readUInt32BE(0) !== 0x774f4646) throw new Error('not a WOFF file');
  const flavor = woff.readUInt32BE(4);
  const count = woff.readUInt16BE(12);
  const tables = Array.from({ length: count }, (_, i) => {
    const at = 44 + i * 20;
    const offset = woff.readUInt32BE(at + 4);
    const compLength = woff.readUInt32BE(at + 8);
    const origLength = woff.readUInt32BE(at + 12);
    const raw = woff.subarray(offset, offset + compLength);
    return {
      tag: woff.readUInt32BE(at),
      checksum: woff.readUInt32BE(at + 16),
      data: compLength < origLength ? zlib.inflateSync(raw) : raw,
    };
  });
  let pow = 1;
  while (pow * 2 <= count) pow *= 2;
  const header = Buffer.alloc(12 + 16 * count);
  header.writeUInt32BE(flavor, 0);
  header.writeUInt16BE(count, 4);
  header.writeUInt16BE(pow * 16, 6);
  header.writeUInt16BE(Math.log2(pow), 8);
  header.writeUInt16BE(count * 16 - pow * 16, 10);
  const chunks: Buffer[] = [header];
  let offset = header.length;
  tables.forEach((t, i) => {
    const at = 12 + i * 16;
    header.writeUInt32BE(t.tag, at);
    header.writeUInt32BE(t.checksum, at + 4);
    header.writeUInt32BE(offset, at + 8);
    header.writeUInt32BE(t.data.length, at + 12);
    const padded = (t.data.length + 3) & ~3;
    chunks.push(t.data, Buffer.alloc(padded - t.data.length));
    offset += padded;
  });
  return Buffer.concat(chunks);
}
