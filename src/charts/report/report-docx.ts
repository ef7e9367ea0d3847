import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Block, ReportContent, TableBlock } from './report-content.js';

/** A4 portrait with 2 cm margins: the usable width in twentieths of a point (DXA) and in pixels at 96 dpi. */
const TEXT_WIDTH_DXA = 9638;
const TEXT_WIDTH_PX = 642;
/**
 * Fonts by script: Word uses the East Asian one for Chinese characters and the other for Latin text. Noto
 * Sans SC is what the PDF and the chart embed; readers without it fall back to their system's CJK font.
 */
const FONT = { ascii: 'Noto Sans SC', hAnsi: 'Noto Sans SC', eastAsia: 'Noto Sans SC', cs: 'Noto Sans SC' };
const HEADER_FILL = '1F4E79';
const BORDER = { style: BorderStyle.SINGLE, size: 4, color: 'BFBFBF' };

/**
 * The progress report as a Word document (docx). Tables have their header row marked as one, so Word repeats
 * it on each page a table spans; lines break as Word's East Asian rules say (between any CJK characters).
 */
export async function reportDocx(content: ReportContent): Promise<Buffer> {
  const doc = new Document({
    creator: 'Closeout',
    title: xmlText(content.title),
    styles: { default: { document: { run: { font: FONT, size: 20 } } } },
    sections: [
      {
        properties: {
          page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES], size: 16 })],
              }),
            ],
          }),
        },
        children: content.blocks.flatMap(toDocx),
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/**
 * Characters XML 1.0 does not allow (C0 controls but tab and line ends, U+FFFE/U+FFFF): one in a title or a
 * display name and Word refuses the whole document, so they are left out of every text written. So are
 * bidi overrides, embeddings and isolates: one in a unit or title would turn the rest of its cell around.
 */
// eslint-disable-next-line no-control-regex -- control characters are what this removes
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff\u202a-\u202e\u2066-\u2069]/g;
const xmlText = (text: string) => text.replace(NOT_XML, '');

function lines(text: string, opts: { bold?: boolean; size?: number; color?: string } = {}): TextRun[] {
  return xmlText(text)
    .split('\n')
    .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0, ...opts }));
}

function toDocx(block: Block): (Paragraph | Table)[] {
  switch (block.kind) {
    case 'title':
      return [new Paragraph({ heading: HeadingLevel.TITLE, children: lines(block.text, { bold: true, size: 36 }) })];
    case 'subtitle':
      return [new Paragraph({ spacing: { after: 200 }, children: lines(block.text, { color: '595959' }) })];
    case 'heading':
      return [
        new Paragraph({
          heading: HeadingLevel.HEADING_1,
          spacing: { before: 240, after: 120 },
          keepNext: true,
          children: lines(block.text, { bold: true, size: 26, color: HEADER_FILL }),
        }),
      ];
    case 'para':
      return [new Paragraph({ children: lines(block.text) })];
    case 'note':
      return [new Paragraph({ spacing: { before: 80 }, children: lines(block.text, { size: 16, color: '595959' }) })];
    case 'image': {
      const width = Math.min(TEXT_WIDTH_PX, block.width);
      const height = Math.round((block.height * width) / block.width);
      return [
        new Paragraph({
          children: [new ImageRun({ type: 'png', data: block.png, transformation: { width, height } })],
        }),
      ];
    }
    case 'table':
      return [table(block), new Paragraph({ children: [] })];
  }
}

function table(block: TableBlock): Table {
  const sum = block.widths.reduce((a, b) => a + b, 0);
  const widths = block.widths.map((w) => Math.floor((w * TEXT_WIDTH_DXA) / sum));
  const cell = (text: string, i: number, header: boolean) =>
    new TableCell({
      width: { size: widths[i] ?? 0, type: WidthType.DXA },
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      ...(header && { shading: { type: ShadingType.CLEAR, fill: HEADER_FILL, color: 'auto' } }),
      children: [
        new Paragraph({
          alignment: block.align[i] === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: lines(text, header ? { bold: true, color: 'FFFFFF', size: 18 } : { size: 18 }),
        }),
      ],
    });
  const rows = [
    ...(block.head.length
      ? [new TableRow({ tableHeader: true, cantSplit: true, children: block.head.map((h, i) => cell(h, i, true)) })]
      : []),
    ...block.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, i, false)) })),
  ];
  return new Table({
    width: { size: TEXT_WIDTH_DXA, type: WidthType.DXA },
    columnWidths: widths,
    borders: {
      top: BORDER,
      bottom: BORDER,
      left: BORDER,
      right: BORDER,
      insideHorizontal: BORDER,
      insideVertical: BORDER,
    },
    rows,
  });
}
