import zlib from 'node:zlib';

/**
 * Workbooks written byte by byte, for what exceljs would refuse to write (or would expand while writing): a
 * merged range over a million rows, a zip that lies about its sizes. A valid .xlsx otherwise: Excel and
 * exceljs open the small ones.
 */

interface Part {
  name: string;
  data: Buffer;
  /** Uncompressed size written in the zip's directory (a lie, for a zip bomb); the real one by default. */
  declaredSize?: number;
}

/** A zip archive of `parts`, deflated, with correct CRCs. */
export function zip(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const data = zlib.deflateRawSync(part.data);
    const crc = zlib.crc32(part.data);
    const size = part.declaredSize ?? part.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const column = (i: number) => String.fromCharCode(65 + i);

export interface SheetSpec {
  rows: string[][];
  /** Merged ranges, as Excel writes them: `A1:B1`. */
  merges?: string[];
  /** The sheet's `<dimension ref>`; by default the range its rows cover. */
  dimension?: string | null;
  /** `<cols>` entries (widths and styles of columns), as `[min, max]`. */
  cols?: [number, number][];
  /** Data validations (drop-down lists) over these ranges: `C2:C1048576` for a whole column. */
  validations?: string[];
}

/** A sheet's XML: inline strings, one row per record, the merged ranges after the data as Excel places them. */
export function sheetXml({ rows, merges = [], dimension, cols = [], validations = [] }: SheetSpec): string {
  const width = Math.max(1, ...rows.map((r) => r.length));
  const used = dimension === undefined ? `A1:${column(width - 1)}${Math.max(1, rows.length)}` : dimension;
  const data = rows
    .map(
      (row, r) =>
        `<row r="${r + 1}">${row
          .map((cell, c) => `<c r="${column(c)}${r + 1}" t="inlineStr"><is><t>${escapeXml(cell)}</t></is></c>`)
          .join('')}</row>`,
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    (used === null ? '' : `<dimension ref="${used}"/>`) +
    (cols.length
      ? `<cols>${cols.map(([min, max]) => `<col min="${min}" max="${max}" width="12"/>`).join('')}</cols>`
      : '') +
    `<sheetData>${data}</sheetData>` +
    (merges.length
      ? `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`
      : '') +
    (validations.length
      ? `<dataValidations count="${validations.length}">${validations
          .map(
            (ref) => `<dataValidation type="list" sqref="${ref}"><formula1>"open,closed"</formula1></dataValidation>`,
          )
          .join('')}</dataValidations>`
      : '') +
    '</worksheet>'
  );
}

/**
 * A one-sheet .xlsx ("List"). `sheetSize`: the sheet's size as the zip's directory declares it. `parts`: more
 * parts at the end (a shared strings or styles part, for the pre-check: the sheet does not refer to them).
 */
export function workbookBytes(spec: SheetSpec, opts: { sheetSize?: number; parts?: Part[] } = {}): Buffer {
  const xml = (s: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${s}`);
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return zip([
    {
      name: '[Content_Types].xml',
      data: xml(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
          '<Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
          '</Types>',
      ),
    },
    {
      name: '_rels/.rels',
      data: xml(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          `<Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: xml(
        `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${rel}">` +
          '<sheets><sheet name="List" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: xml(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          `<Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      ),
    },
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheetXml(spec)), declaredSize: opts.sheetSize },
    ...(opts.parts ?? []),
  ]);
}

/** `xl/sharedStrings.xml` holding `strings`. */
export function sharedStringsPart(strings: string[]): Part {
  const items = strings.map((s) => `<si><t>${escapeXml(s)}</t></si>`).join('');
  return {
    name: 'xl/sharedStrings.xml',
    data: Buffer.from(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${items}</sst>`,
    ),
  };
}

/** The file that took the bot down: a short list whose sheet merges A3 to the last cell Excel has. */
export function mergeBombWorkbook(): Buffer {
  return workbookBytes({
    rows: [
      ['title', 'owner'],
      ['Queue at the front desk', 'U0OWNER'],
    ],
    merges: ['A3:XFD1048576'],
  });
}
