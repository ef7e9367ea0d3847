/**
 * The markdown of a channel canvas (the bot writes its live ledger as one), parsed for the page: headings,
 * paragraphs, lists, tables, **bold**, `code`, [links](https://…) and `![](@U…)` mentions — the subset
 * canvases render and the ledger uses. Pure and linear: one pass over the lines, one over each line's
 * characters (where a closing character is is looked up, never searched for again). The result is data;
 * the page turns it into elements, so no text is ever read as HTML.
 */

export type Inline =
  | { t: 'text'; v: string }
  | { t: 'bold'; c: Inline[] }
  | { t: 'code'; v: string }
  | { t: 'link'; href: string; v: string }
  | { t: 'mention'; kind: 'user' | 'channel'; id: string };

export type CanvasBlock =
  | { t: 'heading'; level: 1 | 2 | 3; c: Inline[] }
  | { t: 'paragraph'; c: Inline[] }
  | { t: 'list'; items: Inline[][] }
  | { t: 'table'; head: Inline[][]; rows: Inline[][][] }
  | { t: 'rule' };

/** Longer canvases are cut (the ledger is bounded well below this). */
const MAX_CHARS = 500_000;

/** Only web links are followed; anything else (javascript:, data:…) shows as its text. */
function safeHref(url: string): string | null {
  return /^https?:\/\/[^\s"'<>]+$/i.test(url) ? url : null;
}

/** For each position, where the next `ch` is at or after it (the string's length when there is none). */
function nextIndex(s: string, ch: string): Int32Array {
  const out = new Int32Array(s.length + 2).fill(s.length);
  for (let i = s.length - 1; i >= 0; i--) out[i] = s[i] === ch ? i : out[i + 1]!;
  return out;
}

type Token = Inline | { t: 'star' };

/** One line's inline markup. A backslash makes the next character plain (tables escape `|` and `\`). */
export function parseInline(s: string): Inline[] {
  const tick = nextIndex(s, '`');
  const close = nextIndex(s, ']');
  const paren = nextIndex(s, ')');
  const tokens: Token[] = [];
  let text = '';
  const flush = () => {
    if (text) tokens.push({ t: 'text', v: text });
    text = '';
  };
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length) {
      text += s[i + 1];
      i += 2;
    } else if (c === '*' && s[i + 1] === '*') {
      flush();
      tokens.push({ t: 'star' });
      i += 2;
    } else if (c === '`' && tick[i + 1]! < s.length) {
      flush();
      tokens.push({ t: 'code', v: s.slice(i + 1, tick[i + 1]) });
      i = tick[i + 1]! + 1;
    } else if (c === '!' && s.startsWith('![](', i) && paren[i + 4]! < s.length) {
      const target = s.slice(i + 4, paren[i + 4]);
      const mention = /^([@#])([A-Z0-9]{2,30})$/.exec(target);
      if (mention) {
        flush();
        tokens.push({ t: 'mention', kind: mention[1] === '@' ? 'user' : 'channel', id: mention[2]! });
      } else text += s.slice(i, paren[i + 4]! + 1);
      i = paren[i + 4]! + 1;
    } else if (c === '[' && close[i + 1]! < s.length && s[close[i + 1]! + 1] === '(') {
      const end = close[i + 1]!;
      const stop = paren[end + 2]!;
      if (stop >= s.length) {
        text += c;
        i++;
        continue;
      }
      const label = s.slice(i + 1, end);
      const href = safeHref(s.slice(end + 2, stop));
      flush();
      tokens.push(href ? { t: 'link', href, v: label || href } : { t: 'text', v: label });
      i = stop + 1;
    } else {
      text += c;
      i++;
    }
  }
  flush();
  return bold(tokens);
}

/** Pairs `**` markers left to right into bold runs; one left without its pair is plain text. */
function bold(tokens: Token[]): Inline[] {
  const out: Inline[] = [];
  let open = -1;
  for (const tok of tokens) {
    if (tok.t !== 'star') out.push(tok);
    else if (open < 0) open = out.length;
    else {
      out.push({ t: 'bold', c: out.splice(open) });
      open = -1;
    }
  }
  if (open >= 0) out.splice(open, 0, { t: 'text', v: '**' });
  return out;
}

/** A table row's cells: split on `|` not escaped, the outer pipes dropped, each cell's markup parsed. */
function cells(line: string): Inline[][] {
  const parts: string[] = [];
  let cell = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\' && i + 1 < line.length) {
      cell += c + line[i + 1];
      i++;
    } else if (c === '|') {
      parts.push(cell);
      cell = '';
    } else cell += c;
  }
  parts.push(cell);
  const trimmed = line.trim();
  if (trimmed.startsWith('|')) parts.shift();
  if (trimmed.endsWith('|') && !trimmed.endsWith('\\|')) parts.pop();
  return parts.map((p) => parseInline(p.trim()));
}

/** A table's second line: only pipes, dashes, colons and spaces, with dashes in it (`|---|:--:|`). */
function isDivider(line: string): boolean {
  return line.includes('---') && [...line].every((c) => '|-: \t'.includes(c));
}

/** The canvas's blocks, in order. */
export function parseCanvas(markdown: string): CanvasBlock[] {
  const lines = markdown.slice(0, MAX_CHARS).split('\n');
  const blocks: CanvasBlock[] = [];
  let paragraph: string[] = [];
  const endParagraph = () => {
    if (paragraph.length) blocks.push({ t: 'paragraph', c: parseInline(paragraph.join(' ')) });
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trimEnd();
    const heading = /^(#{1,6})\s/.exec(line);
    if (heading) {
      endParagraph();
      const level = Math.min(heading[1]!.length, 3) as 1 | 2 | 3;
      blocks.push({ t: 'heading', level, c: parseInline(line.slice(heading[0].length).trim()) });
    } else if (line.trimStart().startsWith('|') && isDivider(lines[i + 1] ?? '')) {
      endParagraph();
      const head = cells(line);
      const rows: Inline[][][] = [];
      i += 2;
      while (i < lines.length && lines[i]!.trimStart().startsWith('|')) rows.push(cells(lines[i++]!));
      i--;
      blocks.push({ t: 'table', head, rows });
    } else if (/^\s*[-*]\s+/.test(line) && !/^\s*(?:[-*]\s*){3,}$/.test(line)) {
      endParagraph();
      const item = parseInline(line.replace(/^\s*[-*]\s+/, ''));
      const last = blocks.at(-1);
      if (last?.t === 'list') last.items.push(item);
      else blocks.push({ t: 'list', items: [item] });
    } else if (/^\s*(?:[-*_]\s*){3,}$/.test(line)) {
      endParagraph();
      blocks.push({ t: 'rule' });
    } else if (line.trim() === '') endParagraph();
    else paragraph.push(line.trim());
  }
  endParagraph();
  return blocks;
}
