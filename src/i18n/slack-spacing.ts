/**
 * Slack formats `code` and *bold* only where the delimiter stands at a word boundary: the opening one after
 * whitespace or ASCII punctuation, the closing one before it. Chinese has no spaces, so "完整列表：`/closeout
 * list`" or "*逾期问题*（…" showed their backticks and asterisks literally, in Slack and in the playground's
 * renderer alike (slack-message-parser applies the same rule). This puts a space where a zh-CN template has
 * a delimiter against a character that is no boundary: before an opening one, after a closing one. A space
 * between Chinese and Latin text is usual Chinese typography, and a space is a boundary for every renderer
 * (a zero-width space is not for slack-message-parser). It runs on the catalogue's templates, never on what
 * people typed.
 */

/** What slack-message-parser accepts before an opening delimiter (plus ICU's `{`, which opens a branch). */
const BEFORE_OPENING = /[\s.,([{!?\-=]/;
/** What it accepts after a closing one, per delimiter (plus ICU's `}`, which closes a branch). */
const AFTER_CLOSING: Record<string, RegExp> = {
  '`': /[\s.,\])}!?\-=]/,
  '*': /[\s~!#$%^)\-+={}[\];:'",.?/]/,
};

function spaceLine(line: string, delimiter: '`' | '*'): string {
  // Code blocks and unpaired delimiters are left as they are: pairing them would be a guess.
  if (line.includes('```')) return line;
  const at: number[] = [];
  for (let i = 0; i < line.length; i++) if (line[i] === delimiter) at.push(i);
  if (at.length === 0 || at.length % 2 !== 0) return line;
  let out = '';
  let from = 0;
  at.forEach((i, n) => {
    out += line.slice(from, i);
    const opening = n % 2 === 0;
    if (opening && i > 0 && !BEFORE_OPENING.test(line[i - 1]!)) out += ' ';
    out += delimiter;
    if (!opening && i + 1 < line.length && !AFTER_CLOSING[delimiter]!.test(line[i + 1]!)) out += ' ';
    from = i + 1;
  });
  return out + line.slice(from);
}

/** The template with a space wherever a `code` or *bold* delimiter would stand against a non-boundary. */
export function slackSpacing(template: string): string {
  return template
    .split('\n')
    .map((line) => spaceLine(spaceLine(line, '`'), '*'))
    .join('\n');
}
