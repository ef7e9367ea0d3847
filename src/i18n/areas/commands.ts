import { defineArea } from '../define.js';

export const commands = defineArea(
  {
    'cmd.help.title': 'Closeout — drive your problem lists to closeout',
    'cmd.help.body': [
      '*For everyone*',
      '`/closeout list [mine|open|overdue|stale|closed|all] [@user] [board:CODE] [category:NAME]` — problems, due soonest first',
      '`/closeout show KEY` — one problem with its measures, updates and closeout state',
      '`/closeout report [KEY]` — report progress',
      '`/closeout close KEY` — ask a leader to sign off (closeout)',
      '`/closeout extend KEY YYYY-MM-DD reason` — ask the leaders for more time',
      '*For leaders*',
      '`/closeout new` — create a problem with its corrective measures',
      '`/closeout summary [board]` — where the list stands',
      '`/closeout export [board] [xlsx]` — the list as a spreadsheet (CSV or Excel)',
      '`/closeout import [board]` — load or refresh the list from a spreadsheet, with a preview',
      '*For admins*',
      '`/closeout board new|edit CODE|list` — problem lists, their channel, cadence and leaders',
    ].join('\n'),
    'cmd.help.footer':
      'Tip: you rarely need to type — answer the bot’s messages with their buttons, or just reply in your own words.',
    'cmd.unknown': "I don't know `{input}`.",
    'cmd.unknown.suggest': 'Did you mean `/closeout {suggestion}`?',
    'cmd.unknown.help': 'Type `/closeout help` to see what I can do.',
  },
  {
    'cmd.help.title': 'Closeout —— 推动问题清单整改销号',
    'cmd.help.body': [
      '*所有人*',
      '`/closeout list [mine|open|overdue|stale|closed|all] [@用户] [board:编号] [category:类别]` —— 问题列表，按完成时限排序',
      '`/closeout show 问题编号` —— 查看问题、整改措施、进展与销号状态',
      '`/closeout report [问题编号]` —— 汇报整改进展',
      '`/closeout close 问题编号` —— 申请销号，由负责领导审批',
      '`/closeout extend 问题编号 YYYY-MM-DD 原因` —— 向负责领导申请延期',
      '*负责领导*',
      '`/closeout new` —— 新建问题及整改措施',
      '`/closeout summary [清单]` —— 问题清单整体情况',
      '`/closeout export [清单] [xlsx]` —— 导出问题清单（CSV 或 Excel 表格）',
      '`/closeout import [清单]` —— 从表格导入或更新问题清单（先预览）',
      '*管理员*',
      '`/closeout board new|edit 编号|list` —— 管理问题清单：频道、更新周期、负责领导',
    ].join('\n'),
    'cmd.help.footer': '提示：一般无需输入命令——直接点击机器人消息中的按钮，或用自己的话回复即可。',
    'cmd.unknown': '无法识别“{input}”。',
    'cmd.unknown.suggest': '您是不是想输入 `/closeout {suggestion}`？',
    'cmd.unknown.help': '输入 `/closeout help` 查看全部用法。',
  },
);
