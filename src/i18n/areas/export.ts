import { defineArea } from '../define.js';

/** `/closeout export`: a board's list as a CSV file, sent to the leader who asked. */
export const exportArea = defineArea(
  {
    'export.usage': 'Usage: `/closeout export [CODE] [xlsx]` — e.g. `/closeout export RECT xlsx`',
    'export.not_leader':
      'Exports are for board leaders and admins, and you do not lead any board. Try `/closeout list mine` for your own problems.',
    'export.no_boards': 'There are no boards yet — create one with `/closeout board new`.',
    'export.choose': 'You lead several boards — which one? {choices}',
    'export.comment':
      ':page_facing_up: *{name} ({code})* as of {date}: {problems, plural, one {# problem} other {# problems}}, {measures, plural, one {# measure} other {# measures}}. UTF-8 CSV: opens in Excel, WPS or Numbers, and re-imports unchanged.',
    'export.comment_xlsx':
      ':page_facing_up: *{name} ({code})* as of {date}: {problems, plural, one {# problem} other {# problems}}, {measures, plural, one {# measure} other {# measures}}. Excel workbook: edit it and drop it back here to import the changes.',
    'export.sent':
      ':inbox_tray: Sent `{file}` to you in a direct message ({problems, plural, one {# problem} other {# problems}}).',
  },
  {
    'export.usage': '用法：`/closeout export [清单编号] [xlsx]`，例如 `/closeout export RECT xlsx`',
    'export.not_leader':
      '导出仅供问题清单的负责领导和管理员使用，您目前不负责任何清单。可用 `/closeout list mine` 查看您负责的问题。',
    'export.no_boards': '还没有问题清单——请先用 `/closeout board new` 创建。',
    'export.choose': '您负责多个问题清单，请指定一个：{choices}',
    'export.comment':
      ':page_facing_up: *{name}（{code}）* 截至 {date}：共 {problems, number} 个问题、{measures, number} 条整改措施。UTF-8 编码的 CSV 表格，可用 Excel、WPS 打开，原样导入不会改变数据。',
    'export.comment_xlsx':
      ':page_facing_up: *{name}（{code}）* 截至 {date}：共 {problems, number} 个问题、{measures, number} 条整改措施。Excel 工作簿：修改后发回此处即可导入更改。',
    'export.sent': ':inbox_tray: 已通过私信发送 `{file}`（共 {problems, number} 个问题）。',
  },
);
