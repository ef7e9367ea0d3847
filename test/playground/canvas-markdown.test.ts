import { describe, expect, it } from 'vitest';
import { ledgerMarkdown } from '../../src/slack/ledger/ledger-markdown.js';
import { parseCanvas, parseInline } from '../../src/playground/web/canvas-markdown.js';

describe('the page’s canvas markdown', () => {
  it('reads the ledger the bot writes: title, as-of line, a heading and a table per status', () => {
    const markdown = ledgerMarkdown(
      {
        board: { name: 'Findings', code: 'RECT', timezone: 'Asia/Shanghai' },
        groups: [
          {
            status: 'open',
            total: 1,
            rows: [
              {
                key: 'RECT-1',
                title: 'Queue | at \\ window **now**',
                unit: 'Permit office',
                ownerId: 'U0DEMO01',
                deadline: '2027-01-31',
                percent: 40,
                lastUpdateAt: new Date('2026-11-30T02:00:00Z'),
              },
            ],
          },
        ],
      } as unknown as Parameters<typeof ledgerMarkdown>[0],
      'en',
      new Date('2026-12-01T01:00:00Z'),
    );
    const blocks = parseCanvas(markdown);
    expect(blocks.map((b) => b.t)).toEqual(['heading', 'paragraph', 'heading', 'table']);
    const table = blocks[3]!;
    if (table.t !== 'table') throw new Error('no table');
    expect(table.head).toHaveLength(8);
    const row = table.rows[0]!;
    expect(row).toHaveLength(8);
    // A title is text: what its author typed shows as typed, markup and all.
    expect(row[1]).toEqual([{ t: 'text', v: 'Queue | at \\ window **now**' }]);
    expect(row[3]).toEqual([{ t: 'mention', kind: 'user', id: 'U0DEMO01' }]);
    expect(row[6]).toEqual([{ t: 'text', v: '40%' }]);
  });

  it('keeps links to the web only, and code as it is', () => {
    expect(parseInline('[proof](https://example.test/a) [x](javascript:alert(1)) `<b>` **bold')).toEqual([
      { t: 'link', href: 'https://example.test/a', v: 'proof' },
      { t: 'text', v: ' ' },
      { t: 'text', v: 'x' },
      { t: 'text', v: ') ' },
      { t: 'code', v: '<b>' },
      { t: 'text', v: ' ' },
      { t: 'text', v: '**' },
      { t: 'text', v: 'bold' },
    ]);
    expect(parseCanvas('- one\n- **two**\n\n---\ntext <script>')).toEqual([
      { t: 'list', items: [[{ t: 'text', v: 'one' }], [{ t: 'bold', c: [{ t: 'text', v: 'two' }] }]] },
      { t: 'rule' },
      { t: 'paragraph', c: [{ t: 'text', v: 'text <script>' }] },
    ]);
  });

  it('takes linear time on what would make a backtracking parser crawl', () => {
    // 200,000 of each: linear is well under a second; quadratic would be tens of billions of steps.
    const n = 200_000;
    const nasty = ['[', '`', '**', '![](', '[a](', '|', '\\'].map((s) => s.repeat(n)).join('\n');
    const started = performance.now();
    parseCanvas(`${nasty}\n|a|b|\n|---|---|\n${'|x'.repeat(n)}`);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
