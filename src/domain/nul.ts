/**
 * NUL (U+0000) in text people send. JSON carries it (`\u0000`) and SQLite stores it, but PostgreSQL refuses
 * any text holding it, so on one database the same request would be stored and on the other it would fail
 * after the ack. It is invisible and means nothing in a title or a note: Slack requests lose it before their
 * listeners run, so both databases see the same text. (An import refuses a cell holding NUL instead, as a
 * sign of a file that is not text: services/import-read.ts.)
 */
export function withoutNul(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
}

/**
 * Removes NUL from every string in a parsed request body, keys included, in place (Bolt's `command`,
 * `event`, `view` and `action` are views into the same body). A walk with its own stack: bodies are bounded
 * in size and depth by the receiver, and this costs one pass over them.
 */
export function stripNulDeep(body: unknown): void {
  const stack: unknown[] = [body];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      node.forEach((value, i) => {
        if (typeof value === 'string') node[i] = withoutNul(value);
        else if (value !== null && typeof value === 'object') stack.push(value);
      });
      continue;
    }
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const value = record[key];
      const clean = withoutNul(key);
      if (clean !== key) {
        delete record[key];
        record[clean] = value;
      }
      if (typeof value === 'string') record[clean] = withoutNul(value);
      else if (value !== null && typeof value === 'object') stack.push(value);
    }
  }
}
