import { defineArea } from '../define.js';

/** `/closeout summary`: where a board stands, for its leaders. */
export const summary = defineArea(
  {
    'summary.title': '{name} ({code}) — summary',
    'summary.headline':
      '*{total, plural, one {# problem} other {# problems}}* · {closed, number} closed ({completion}%) · {overdue, number} overdue · {stale, number} without an update this round',
    'summary.context': 'As of {today} · this round: {start} – {end}',
    'summary.context.deadline': 'As of {today} · this round: {start} – {end} · list deadline {deadline}',
    'summary.status': '*{status}*\n{count, number}',
    'summary.empty': 'No problems on this board yet — add one with `/closeout new`.',
    'summary.change':
      'Since the last round ended ({date}): *+{closed, number}* closed · *+{overdue, number}* newly overdue · *+{created, number}* new',
    'summary.breakdown': '{by, select, category {*By category*} unit {*By unit*} other {*By owner*}} · closed/total',
    'summary.row.none': '{by, select, category {_No category_} unit {_No unit_} other {_No owner_}}',
    'summary.row.line':
      '{bar}  {name}  {closed, number}/{total, number} ({completion}%){overdue, plural, =0 {} other { · :red_circle: # overdue}}',
    'summary.overdue': '*Overdue* (oldest first) · {count, number}',
    'summary.overdue.none': '*Overdue* · none :white_check_mark:',
    'summary.overdue.line': '*{key}* {title} — {days, plural, one {# day} other {# days}} · <@{owner}>{unit}',
    'summary.stale': '*No update this round* · {count, number}',
    'summary.stale.none': '*No update this round* · none — everyone has reported :white_check_mark:',
    'summary.stale.line': '*{key}* {title} — <@{owner}> · {last}',
    'summary.stale.never': 'never updated',
    'summary.stale.last': 'last update {date}',
    'summary.due_soon': '*Due in the next {days} days* · {count, number}',
    'summary.due_soon.none': '*Due in the next {days} days* · none',
    'summary.due_soon.line': '*{key}* {title} — due {date} · <@{owner}> · {percent}%',
    'summary.more': '… and {count, number} more',
    'summary.footer': 'Full lists: `/closeout list overdue board:{code}` · `/closeout list stale board:{code}`',
    'summary.usage':
      'Usage: `/closeout summary [CODE] [by:category|unit|owner] [post]` — e.g. `/closeout summary RECT by:unit`, or add `post` to share it in the board’s channel.',
    'summary.posted': ':white_check_mark: Posted the {code} summary in <#{channel}>.',
    'summary.not_in_channel':
      ':warning: I could not post in <#{channel}>: I am not a member of that channel. Type `/invite @Closeout` there, then run `/closeout summary {code} post` again.',
    'summary.no_channel':
      'Board {code} has no channel to post in. An admin can set one with `/closeout board edit {code}`.',
    'summary.chart.comment': ':bar_chart: {name} ({code}) as of {date}',
    'summary.not_leader':
      'Summaries are for board leaders, and you do not lead any board. Try `/closeout list mine` for your own problems.',
    'summary.no_boards': 'There are no boards yet — create one with `/closeout board new`.',
    'summary.choose': 'You lead several boards — which one? {choices}',
  },
  {
    'summary.title': '{name}（{code}）整改情况汇总',
    'summary.headline':
      '*共 {total, number} 个问题* · 已销号 {closed, number} 个（{completion}%） · 逾期 {overdue, number} 个 · 本轮未更新 {stale, number} 个',
    'summary.context': '截至 {today} · 本轮：{start} – {end}',
    'summary.context.deadline': '截至 {today} · 本轮：{start} – {end} · 清单完成时限 {deadline}',
    'summary.status': '*{status}*\n{count, number}',
    'summary.empty': '该清单还没有问题——请用 `/closeout new` 新建。',
    'summary.change':
      '上一轮结束（{date}）以来：销号 *+{closed, number}* · 新增逾期 *+{overdue, number}* · 新增问题 *+{created, number}*',
    'summary.breakdown': '{by, select, category {*按类别*} unit {*按责任单位*} other {*按责任人*}} · 已销号/总数',
    'summary.row.none': '{by, select, category {_未分类_} unit {_未填责任单位_} other {_未指定责任人_}}',
    'summary.row.line':
      '{bar}  {name}  {closed, number}/{total, number}（{completion}%）{overdue, plural, =0 {} other { · :red_circle: 逾期 # 个}}',
    'summary.overdue': '*逾期问题*（按逾期时间从长到短） · {count, number} 个',
    'summary.overdue.none': '*逾期问题* · 无 :white_check_mark:',
    'summary.overdue.line': '*{key}* {title} —— 逾期 {days} 天 · <@{owner}>{unit}',
    'summary.stale': '*本轮未更新进展* · {count, number} 个',
    'summary.stale.none': '*本轮未更新进展* · 无，均已汇报 :white_check_mark:',
    'summary.stale.line': '*{key}* {title} —— <@{owner}> · {last}',
    'summary.stale.never': '从未更新',
    'summary.stale.last': '最近更新 {date}',
    'summary.due_soon': '*未来 {days} 天内到期* · {count, number} 个',
    'summary.due_soon.none': '*未来 {days} 天内到期* · 无',
    'summary.due_soon.line': '*{key}* {title} —— {date} 到期 · <@{owner}> · {percent}%',
    'summary.more': '……另有 {count, number} 个',
    'summary.footer': '完整列表：`/closeout list overdue board:{code}` · `/closeout list stale board:{code}`',
    'summary.usage':
      '用法：`/closeout summary [清单编号] [by:category|unit|owner] [post]`，例如 `/closeout summary RECT by:unit`（按责任单位）；加上 `post` 即发布到清单频道。',
    'summary.posted': ':white_check_mark: 已在 <#{channel}> 发布 {code} 整改情况汇总。',
    'summary.not_in_channel':
      ':warning: 无法在 <#{channel}> 发布：我还不是该频道成员。请在该频道输入 `/invite @Closeout` 邀请我，然后重新运行 `/closeout summary {code} post`。',
    'summary.no_channel': '清单 {code} 尚未设置频道，无法发布。管理员可用 `/closeout board edit {code}` 设置。',
    'summary.chart.comment': ':bar_chart: {name}（{code}）截至 {date}',
    'summary.not_leader':
      '汇总仅供问题清单的负责领导查看，您目前不负责任何清单。可用 `/closeout list mine` 查看您负责的问题。',
    'summary.no_boards': '还没有问题清单——请先用 `/closeout board new` 创建。',
    'summary.choose': '您负责多个问题清单，请指定一个：{choices}',
  },
);
