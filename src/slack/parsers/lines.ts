/** A list marker people type or paste at the start of a line: "-", "•", "1.", "2)", "3、", "（4）". */
const MARKER = /^\s*(?:[-*•·]\s+|\d{1,3}[.)]\s+|\d{1,3}、\s*|[（(]\d{1,3}[)）]\s*)/;

interface Lines {
  items: string[];
  /** 1-based line number in the input of each item, for error messages. */
  lineNumbers: number[];
}

/** One item per non-empty line, list markers removed (measures, categories). */
export function splitLines(text: string): Lines {
  const items: string[] = [];
  const lineNumbers: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const item = line.replace(MARKER, '').trim();
    if (item) {
      items.push(item);
      lineNumbers.push(i + 1);
    }
  });
  return { items, lineNumbers };
}
