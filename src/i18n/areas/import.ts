import { defineArea } from '../define.js';

/** Importing a list (CSV or Excel) from Slack: the preview in the leader's DM, its buttons, the outcome. */
export const importArea = defineArea(
  {
    'import.changed':
      'the board changed while the import was being prepared or written, so nothing was imported; look at the new preview and try again',
  },
  {
    'import.changed': '导入准备或写入期间问题清单发生了变化，因此没有导入任何内容；请查看新的预览后重试',
  },
);
