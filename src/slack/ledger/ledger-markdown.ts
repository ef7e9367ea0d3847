import { DateTime } from 'luxon';
import type { Language } from '../../domain/types.js';
import { t, type MessageKey } from '../../i18n/index.js';
import type { Ledger } from '../../services/ledger.js';

/**
 * A cell's text: one line without control characters, bounded, and read as text only. Pipes would end
 * the cell; `![](@U…)`, `[…](…)`, `<@U…>`, backticks and emphasis would mention people, embed images,
 * make links or swallow the rest of the row — each such character is backslash-escaped.
 */
// eslint-disable-next-line no-control-regex -- control characters are what is removed
const CONTROL = /[\u0000-\u001f\u007f]/g;

function cell(text: string): string {
  const line = text.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
  const cut = Array.from(line).length > 120 ? `${Array.from(line).slice(0, 119).join('')}…` : line;
  return cut.replace(/[\\|`*_~[\]!<>]/g, (c) => `\\${c}`) || ' ';
}

/**
 * The ledger as canvas markdown (pure): a title, the as-of time, then one table per status — key, title,
 * unit, owner (a mention), deadline, status, percent and the latest update's date. Canvases render
 * markdown tables and `![](@U…)` user mentions.
 */
export function ledgerMarkdown(ledger: Ledger, lang: Language, now: Date): string {
  const tr = (key: MessageKey, p: Record<string, string | number> = {}) => t(lang, key, p);
  const zone = ledger.board.timezone;
  const local = (d: Date) => DateTime.fromJSDate(d, { zone }).toFormat('yyyy-MM-dd');
  const out = [
    `# ${cell(tr('ledger.title', { name: ledger.board.name, code: ledger.board.code }))}`,
    '',
    tr('ledger.asof', { time: DateTime.fromJSDate(now, { zone }).toFormat('yyyy-MM-dd HH:mm'), zone }),
    '',
  ];
  if (ledger.groups.length === 0) out.push(tr('ledger.empty'));
  const head = [
    'doc.col.key',
    'doc.col.title',
    'doc.col.unit',
    'doc.col.owner',
    'doc.col.deadline',
    'doc.col.status',
    'doc.col.percent',
    'ledger.col.update',
  ].map((k) => tr(k as MessageKey));
  for (const g of ledger.groups) {
    const status = tr(`status.${g.status}` as MessageKey);
    out.push(`## ${cell(status)} · ${g.total}`, '');
    if (g.rows.length) {
      out.push(`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`);
      for (const r of g.rows)
        out.push(
          `| ${[
            cell(r.key),
            cell(r.title),
            cell(r.unit ?? ''),
            `![](@${r.ownerId})`,
            r.deadline ?? '—',
            cell(status),
            `${r.percent}%`,
            r.lastUpdateAt ? local(r.lastUpdateAt) : '—',
          ].join(' | ')} |`,
        );
    }
    if (g.rows.length < g.total) out.push('', tr('ledger.more', { count: g.total - g.rows.length }));
    out.push('');
  }
  return out.join('\n');
}
