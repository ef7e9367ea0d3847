import zlib from 'node:zlib';

/**
 * The chart PNG flattened onto white as an RGB PNG, for the PDF. pdfkit embeds an RGB PNG's compressed
 * data as it is, but splits an RGBA one (what Skia encodes) into colour and a soft mask in JavaScript: the
 * chart's 1800 × 1012 pixels decoded, copied twice and compressed again, ~30 MB of the report worker's
 * memory per PDF (issue 24's bench). Here the pixels are unfiltered a row at a time and written back, as
 * RGB, into the buffer they were inflated into: one buffer of the decoded size, freed at once.
 *
 * Anything other than 8-bit, non-interlaced RGBA is returned unchanged (pdfkit copes, only at more cost).
 */
export function opaquePng(png: Uint8Array): Uint8Array {
  const buf = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (buf.length < 33 || buf.readUInt32BE(12) !== 0x49484452) return png; // IHDR first
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  const [depth, colorType, , , interlace] = [buf[24], buf[25], buf[26], buf[27], buf[28]];
  if (depth !== 8 || colorType !== 6 || interlace !== 0) return png;
  const idat: Buffer[] = [];
  for (let at = 8; at + 8 <= buf.length;) {
    const length = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    if (type === 'IDAT') idat.push(buf.subarray(at + 8, at + 8 + length));
    if (type === 'IEND') break;
    at += 12 + length;
  }
  const inRow = 1 + width * 4;
  const outRow = 1 + width * 3;
  const pixels = zlib.inflateSync(Buffer.concat(idat));
  if (pixels.length < inRow * height) return png;
  let prev = new Uint8Array(width * 4);
  let cur = new Uint8Array(width * 4);
  for (let y = 0; y < height; y++) {
    const start = y * inRow;
    unfilter(pixels[start]!, pixels.subarray(start + 1, start + inRow), prev, cur);
    // Written over bytes already read: row y's RGB ends before row y + 1's RGBA begins.
    const out = y * outRow;
    pixels[out] = 0; // filter: none
    for (let x = 0, o = out + 1; x < width; x++) {
      const a = cur[x * 4 + 3]!;
      for (let c = 0; c < 3; c++) pixels[o++] = ((cur[x * 4 + c]! * a + 255 * (255 - a) + 127) / 255) | 0;
    }
    [prev, cur] = [cur, prev];
  }
  const data = zlib.deflateSync(pixels.subarray(0, outRow * height));
  const header = Buffer.from(buf.subarray(0, 33));
  header[25] = 2; // RGB
  header.writeUInt32BE(crc32(header.subarray(12, 29)), 29);
  return Buffer.concat([header, chunk('IDAT', data), chunk('IEND', Buffer.alloc(0))]);
}

/** PNG's five row filters, undone into `out` (4 bytes a pixel). */
function unfilter(filter: number, row: Uint8Array, prev: Uint8Array, out: Uint8Array): void {
  for (let i = 0; i < row.length; i++) {
    const left = i >= 4 ? out[i - 4]! : 0;
    const up = prev[i]!;
    const upLeft = i >= 4 ? prev[i - 4]! : 0;
    let v = row[i]!;
    if (filter === 1) v += left;
    else if (filter === 2) v += up;
    else if (filter === 3) v += (left + up) >> 1;
    else if (filter === 4) {
      const p = left + up - upLeft;
      const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
      v += pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
    }
    out[i] = v & 0xff;
  }
}

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

let table: Uint32Array | null = null;

/** PNG's CRC-32 (ISO 3309), for the chunks written here. */
function crc32(bytes: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (const b of bytes) c = table[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
