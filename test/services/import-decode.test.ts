import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/services/import-decode.js';
import { encodeGb18030 } from '../support/gb18030.js';

const text = '编号,问题,责任人\r\n,窗口排队时间长,张三\r\n';

function utf16(s: string, bigEndian: boolean, bom: boolean): Buffer {
  const le = Buffer.from(s, 'utf16le');
  const body = bigEndian ? Buffer.from(le).swap16() : le;
  return bom ? Buffer.concat([Buffer.from(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]), body]) : body;
}

describe('decodeText', () => {
  it('reads UTF-8 with or without BOM, UTF-16 either way round, and GB18030/GBK', () => {
    const cases: [Buffer, string][] = [
      [Buffer.from(text), 'utf-8'],
      [Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'utf-8'],
      [utf16(text, false, true), 'utf-16le'],
      [utf16(text, true, true), 'utf-16be'],
      [utf16('key\ttitle\r\n\tQueue\r\n', false, false), 'utf-16le'],
      [encodeGb18030(text), 'gb18030'],
    ];
    for (const [bytes, encoding] of cases) {
      const decoded = decodeText(bytes);
      expect(decoded).toMatchObject({ ok: true, encoding });
      if (decoded.ok && encoding !== 'utf-16le') expect(decoded.text).toBe(text);
    }
  });

  it('names the encodings it tried, and the line, when none fits', () => {
    const junk = Buffer.concat([Buffer.from('title,owner\r\nfine,U1\r\n'), Buffer.from([0xff, 0xfe, 0x41, 0xff])]);
    expect(decodeText(junk)).toEqual({
      ok: false,
      line: 3,
      reason:
        'the file\'s text encoding was not recognised (tried UTF-8, UTF-16 and GB18030 (GBK)); in Excel choose "Save As" → "CSV UTF-8", or upload the .xlsx itself',
    });
    // A BOM that lies is refused, not garbled.
    expect(decodeText(Buffer.from([0xef, 0xbb, 0xbf, 0xff, 0x41]))).toMatchObject({ ok: false, line: 1 });
  });
});
