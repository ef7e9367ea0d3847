import type { Overflow, PlainTextOption } from '@slack/types';
import type { ProblemStatus } from '../../domain/types.js';
import type { Translator } from '../../i18n/index.js';
import { ACTION } from '../ids.js';

/** What the leaders' ⋯ menu offers; the option value is `<change>:<KEY>`. */
const MENU_CHANGES = ['edit', 'reassign', 'measures', 'reopen', 'withdraw', 'restore'] as const;
type MenuChange = (typeof MENU_CHANGES)[number];

/** The changes that apply to a problem in this status (an overflow holds at most five). */
function changesFor(status: ProblemStatus): MenuChange[] {
  if (status === 'withdrawn') return ['restore'];
  if (status === 'closed') return ['edit', 'reopen', 'withdraw'];
  return ['edit', 'reassign', 'measures', 'withdraw'];
}

/** The leaders' overflow menu on a problem card, so nobody has to remember the commands. */
export function problemMenu(tr: Translator, problem: { key: string; status: ProblemStatus }): Overflow {
  const options: PlainTextOption[] = changesFor(problem.status).map((change) => ({
    text: { type: 'plain_text', text: tr(`changes.menu.${change}`) },
    value: `${change}:${problem.key}`,
  }));
  return { type: 'overflow', action_id: ACTION.problemMenu, options };
}

/** A menu option's value back as the change and the key, or null for anything else. */
export function parseMenuValue(value: string): { change: MenuChange; key: string } | null {
  const at = value.indexOf(':');
  const change = value.slice(0, at) as MenuChange;
  if (at < 0 || !MENU_CHANGES.includes(change)) return null;
  return { change, key: value.slice(at + 1) };
}
