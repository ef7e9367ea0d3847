import PDFDocument from 'pdfkit';
import type { Align, Block, ReportContent, TableBlock } from './report-content.js';
import { PdfText, lineHeight, type TextStyle } from './pdf-text.js';
import { opaquePng } from './png-opaque.js';

/** A4 in points, and the margins every page keeps (the footer sits in the bottom one). */
const PAGE = { width: 595.28, height: 841.89, margin: 50 };
const LEFT = PAGE.margin;
const WIDTH = PAGE.width - 2 * PAGE.margin;
const BOTTOM = PAGE.height - PAGE.margin;
const PAD = 4;
const HEADER_FILL = '#1F4E79';

const STYLE = {
  title: { size: 17, weight: 700, color: '#1F1F1F' },
  subtitle: { size: 9.5, weight: 400, color: '#595959' },
  heading: { size: 12.5, weight: 700, color: HEADER_FILL },
  para: { size: 9.5, weight: 400, color: '#1F1F1F' },
  note: { size: 7.5, weight: 400, color: '#595959' },
  cell: { size: 8, weight: 400, color: '#1F1F1F' },
  head: { size: 8, weight: 700, color: '#FFFFFF' },
  footer: { size: 7.5, weight: 400, color: '#7F7F7F' },
} as const satisfies Record<string, TextStyle>;

/**
 * The progress report as a PDF (pdfkit), laid out here rather than by pdfkit's flowing text: each text in the
 * Noto Sans SC file that has its glyphs (pdf-text.ts), tables that continue on the next page with their
 * header row repeated, and "Page n of N" at the foot of each page.
 */
export async function reportPdf(content: ReportContent): Promise<Buffer> {
  // Margins of 0: pdfkit never adds a page by itself; this layout decides where pages break.
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    bufferPages: true,
    info: { Title: content.title, Creator: 'Closeout', CreationDate: new Date(0) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const text = new PdfText(doc);
  let y = PAGE.margin;
  const newPage = () => {
    doc.addPage({ size: 'A4', margin: 0 });
    y = PAGE.margin;
  };
  const room = (h: number) => {
    if (y + h > BOTTOM && y > PAGE.margin) newPage();
  };

  const paragraph = (s: string, style: TextStyle, before = 0, after = 4) => {
    y += before;
    for (const l of text.wrap(s, WIDTH, style)) {
      room(lineHeight(style.size));
      text.line(l, LEFT, y, WIDTH, style);
      y += lineHeight(style.size);
    }
    y += after;
  };

  const table = (t: TableBlock) => {
    const sum = t.widths.reduce((a, b) => a + b, 0);
    const widths = t.widths.map((w) => (w * WIDTH) / sum);
    const layout = (cells: string[], style: TextStyle) => {
      const wrapped = cells.map((c, i) => text.wrap(c, (widths[i] ?? 0) - 2 * PAD, style));
      return { wrapped, height: Math.max(...wrapped.map((w) => w.length)) * lineHeight(style.size) + 2 * PAD };
    };
    const drawRow = (row: { wrapped: string[][]; height: number }, style: TextStyle, fill: string | null) => {
      let x = LEFT;
      row.wrapped.forEach((cellLines, i) => {
        const w = widths[i] ?? 0;
        if (fill) doc.rect(x, y, w, row.height).fill(fill);
        doc.rect(x, y, w, row.height).lineWidth(0.5).strokeColor('#BFBFBF').stroke();
        cellLines.forEach((l, n) =>
          text.line(l, x + PAD, y + PAD + n * lineHeight(style.size), w - 2 * PAD, style, t.align[i] as Align),
        );
        x += w;
      });
      y += row.height;
    };
    const head = t.head.length ? layout(t.head, STYLE.head) : null;
    const drawHead = () => head && drawRow(head, STYLE.head, HEADER_FILL);
    room((head?.height ?? 0) + lineHeight(STYLE.cell.size) + 2 * PAD);
    drawHead();
    t.rows.forEach((cells, n) => {
      const row = layout(cells, STYLE.cell);
      // A row taller than a page is drawn anyway (clipped by the page): rows are bounded in length upstream.
      if (y + row.height > BOTTOM) {
        newPage();
        drawHead();
      }
      drawRow(row, STYLE.cell, n % 2 === 1 ? '#F2F6FA' : null);
    });
    y += 8;
  };

  const draw = (b: Block) => {
    switch (b.kind) {
      case 'title':
        return paragraph(b.text, STYLE.title, 0, 2);
      case 'subtitle':
        return paragraph(b.text, STYLE.subtitle, 0, 10);
      case 'heading':
        // Keep a heading with what follows it: at least a few lines of room, or a new page.
        room(lineHeight(STYLE.heading.size) + 60);
        return paragraph(b.text, STYLE.heading, 8, 4);
      case 'para':
        return paragraph(b.text, STYLE.para);
      case 'note':
        return paragraph(b.text, STYLE.note, 0, 6);
      case 'image': {
        const width = Math.min(WIDTH, b.width * 0.75);
        const height = (b.height * width) / b.width;
        room(height);
        doc.image(Buffer.from(opaquePng(b.png)), LEFT, y, { width, height });
        y += height + 8;
        return;
      }
      case 'table':
        return table(b);
    }
  };
  for (const b of content.blocks) draw(b);

  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    text.line(content.page(i + 1, range.count), LEFT, BOTTOM + 18, WIDTH, STYLE.footer, 'right');
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
