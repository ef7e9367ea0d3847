/**
 * Bytes of a "CSV" file → text. Excel writes CSV in whatever the machine's code page is: UTF-8 (with a BOM
 * from "CSV UTF-8"), UTF-16 with a BOM from "Unicode text", and GBK on Chinese Windows. Node's full ICU
 * decodes GB18030 (a superset of GBK), so no package is needed.
 */

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

type Decoded = { ok: true; text: string; encoding: Encoding } | { ok: false; line: number; reason: string };

const TRIED = 'UTF-8, UTF-16 and GB18030 (GBK)';

export function decodeText(bytes: Uint8Array): Decoded {
  // A BOM says it outright.
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return strict('utf-8', bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return strict('utf-16le', bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return strict('utf-16be', bytes.subarray(2));

  // UTF-16 without a BOM: ASCII-heavy text leaves every other byte zero (which is valid, if useless, UTF-8).
  const utf16 = utf16Guess(bytes);
  if (utf16) return strict(utf16, bytes);
  const utf8 = attempt('utf-8', bytes);
  if (utf8 !== null) return { ok: true, text: utf8, encoding: 'utf-8' };
  const gb = attempt('gb18030', bytes);
  if (gb !== null && plausible(gb)) return { ok: true, text: gb, encoding: 'gb18030' };

  const loose = new TextDecoder('utf-8').decode(bytes);
  const line = loose.slice(0, loose.indexOf('\uFFFD')).split(/\r\n|\n|\r/).length;
  return {
    ok: false,
    line,
    reason: `the file's text encoding was not recognised (tried ${TRIED}); in Excel choose "Save As" → "CSV UTF-8", or upload the .xlsx itself`,
  };
}

function attempt(encoding: Encoding, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function strict(encoding: Encoding, bytes: Uint8Array): Decoded {
  const text = attempt(encoding, bytes);
  if (text !== null) return { ok: true, text, encoding };
  return {
    ok: false,
    line: 1,
    reason: `the file starts with a ${encoding.toUpperCase()} byte order mark but is not valid ${encoding.toUpperCase()} text (tried ${TRIED})`,
  };
}

function utf16Guess(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return null;
  const sample = Math.min(bytes.length, 4096);
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = sample / 2;
  if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

/**
 * GB18030 maps almost any byte sequence to something, so a decode that succeeds may still be another
 * encoding read wrong (Latin-1, Shift-JIS …). Real GBK lists are ASCII and common Chinese characters;
 * if much of the text falls outside those (or decodes to control characters), call it unrecognised.
 */
function plausible(text: string): boolean {
  let odd = 0;
  let total = 0;
  for (const ch of text) {
    total++;
    const code = ch.codePointAt(0)!;
    const common =
      (code >= 0x20 && code < 0x7f) ||
      code === 0x09 ||
      code === 0x0a ||
      code === 0x0d ||
      (code >= 0x4e00 && code <= 0x9fff) || // CJK unified ideographs
      (code >= 0x3000 && code <= 0x303f) || // CJK punctuation
      (code >= 0xff00 && code <= 0xffef) || // full-width forms
      (code >= 0x2010 && code <= 0x2027); // dashes, quotes
    if (!common) odd++;
  }
  return total === 0 || odd / total < 0.02;
}
