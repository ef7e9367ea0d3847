import type { EvidenceFileInput } from '../domain/evidence.js';

/** The demo board's closeout material (issue 23): evidence files, lasting mechanisms and a recurrence. */

/** A made-up evidence file for the demo's i-th problem (no Slack file behind it, so no link). */
export function demoEvidenceFile(i: number): EvidenceFileInput {
  return {
    fileId: `F0DEMO${String(i + 1).padStart(3, '0')}`,
    name: `整改佐证材料-${i + 1}.pdf`,
    filetype: 'pdf',
    size: 180_000 + i * 1_000,
    permalink: '',
  };
}

/** The lasting mechanisms (长效机制) of the demo's long-term closeout. */
export const DEMO_MECHANISMS = ['印发《审批事项办理时限管理办法》', '建立窗口排队时长月度通报制度'] as const;

/** Why the demo's recurred problem was reopened. */
export const DEMO_RECURRED = '整改效果复查：问题复发，群众再次反映，重新整改。';
