import LineBreaker from 'linebreak';
import type PDFDocument from 'pdfkit';
import { fontBytes, fontSubset, type Weight } from './pdf-fonts.js';

/**
 * Text for pdfkit in Noto Sans SC, whose glyphs come in ~100 files: each run of characters is set in the file
 * that has them, and lines are broken where Unicode's line-breaking rules allow (UAX #14, via `linebreak`):
 * between any two CJK characters, but not before a closing mark such as ，or 。— pdfkit's own wrapping
 * breaks only at spaces, and would run a Chinese sentence off the cell.
 */

type Doc = InstanceType<typeof PDFDocument>;

export interface TextStyle {
  size: number;
  weight: Weight;
  color: string;
}

interface Run {
  font: string;
  text: string;
}

/** Shown for a character no file has (an emoji, say), so nothing is silently dropped. */
const MISSING = '?';
/**
 * Joiners and variation selectors: invisible, and in no file. Bidi controls too: pdfkit does not reorder
 * text, so they would only show as the missing-glyph mark.
 */
const INVISIBLE = /\u200d|[\ufe00-\ufe0f]|[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export class PdfText {
  private readonly registered = new Set<string>();

  constructor(private readonly doc: Doc) {}

  /** The text cut into runs of one font file each (registered with the document on first use). */
  runs(text: string, weight: Weight): Run[] {
    const out: Run[] = [];
    for (const raw of text.replace(INVISIBLE, '')) {
      const code = raw.codePointAt(0) ?? 0;
      let subset = fontSubset(code);
      let ch = raw;
      if (subset === undefined) {
        ch = /\s/.test(raw) ? ' ' : MISSING;
        subset = fontSubset(ch.codePointAt(0) ?? 0) ?? 'latin';
      }
      const font = `${subset}-${weight}`;
      if (!this.registered.has(font)) {
        this.doc.registerFont(font, fontBytes(subset, weight));
        this.registered.add(font);
      }
      const last = out[out.length - 1];
      if (last && last.font === font) last.text += ch;
      else out.push({ font, text: ch });
    }
    return out;
  }

  /** Widths of the pieces measured so far (a report repeats words, keys and dates a great deal). */
  private readonly widths = new Map<string, number>();

  width(text: string, style: Pick<TextStyle, 'size' | 'weight'>): number {
    const key = `${style.weight}|${style.size}|${text}`;
    const known = this.widths.get(key);
    if (known !== undefined) return known;
    let w = 0;
    for (const r of this.runs(text, style.weight))
      w += this.doc.font(r.font).fontSize(style.size).widthOfString(r.text);
    if (text.length <= 200) this.widths.set(key, w);
    return w;
  }

  /**
   * The lines `text` takes in `width` points: its own line breaks kept, long lines broken where allowed. A
   * line's width is the sum of its pieces' (each measured once), so wrapping is linear in the text.
   */
  wrap(text: string, width: number, style: Pick<TextStyle, 'size' | 'weight'>): string[] {
    const lines: string[] = [];
    for (const paragraph of text.split(/\r?\n/)) {
      const breaker = new LineBreaker(paragraph);
      let line = '';
      let lineWidth = 0;
      const flush = () => {
        if (line) lines.push(line.trimEnd());
        line = '';
        lineWidth = 0;
      };
      let start = 0;
      for (let b = breaker.nextBreak(); b; b = breaker.nextBreak()) {
        const piece = paragraph.slice(start, b.position);
        start = b.position;
        // Trailing spaces may hang past the edge: the piece fits if its visible part does.
        if (lineWidth + this.width(piece.trimEnd(), style) <= width) {
          line += piece;
          lineWidth += this.width(piece, style);
          continue;
        }
        flush();
        if (this.width(piece.trimEnd(), style) <= width) {
          line = piece;
          lineWidth = this.width(piece, style);
          continue;
        }
        // A piece wider than the line by itself (a long key or URL): cut it by characters.
        for (const ch of piece) {
          const w = this.width(ch, style);
          if (line && lineWidth + w > width && ch.trim()) flush();
          line += ch;
          lineWidth += w;
        }
      }
      if (line || lines.length === 0 || paragraph === '') lines.push(line.trimEnd());
    }
    return lines;
  }

  /** Draws one line with its top at `y`, aligned in a box `width` wide starting at `x`. */
  line(text: string, x: number, y: number, width: number, style: TextStyle, align: 'left' | 'right' = 'left'): void {
    let at = align === 'right' ? x + width - this.width(text, style) : x;
    this.doc.fillColor(style.color);
    for (const r of this.runs(text, style.weight)) {
      this.doc.font(r.font).fontSize(style.size);
      this.doc.text(r.text, at, y, { lineBreak: false });
      at += this.doc.widthOfString(r.text);
    }
  }
}

/** The height of a line of text at `size` points. */
export const lineHeight = (size: number) => size * 1.4;
