import { defineArea } from '../define.js';

/** Working-day calendars (issue 22): working days beside calendar days, `/closeout calendar`, the missing-year warning. */
export const calendar = defineArea(
  {
    'cal.working_days': '({days, plural, one {# working day} other {# working days}})',
    'cal.reminder.when': '{days, plural, =0 {today} =1 {in 1 working day} other {in # working days}} ({date})',
    'cal.overdue_working':
      '{days, plural, one {# working day} other {# working days}} overdue on this board’s calendar.',

    // /closeout calendar
    'cal.title': '*{board}* · calendar: {calendar}',
    'cal.name.none': 'every day is a working day',
    'cal.name.weekends': 'Monday to Friday',
    'cal.name.country': '{country} official holidays and make-up workdays, Monday to Friday',
    'cal.field': 'Working days',
    'cal.field.hint': 'Prompts, nudges, reminders and escalation skip days that are not worked.',
    'cal.option.country': '{country}: official holidays, Mon–Fri',
    'cal.upcoming': 'Days off in the next {days} days:',
    'cal.upcoming_none': '_No days off in the next {days} days._',
    'cal.day.closed': '{date} · {reason}',
    'cal.day.weekend': '{date} · weekend',
    'cal.day.workday': '{date} · working day: {reason}',
    'cal.workdays': 'Extra working days in the next {days} days:',
    'cal.next': 'Next prompt: {prompt} · next nudge: {nudge} · next digest: {digest}',
    'cal.next_none': 'none',
    'cal.more': '… and {count, number} more',
    'cal.usage':
      'Usage: `/closeout calendar [board:CODE]` · `/closeout calendar add YYYY-MM-DD closed|workday "reason"` · `/closeout calendar remove YYYY-MM-DD`',
    'cal.bad_date': '“{input}” is not a date: use YYYY-MM-DD, e.g. 2026-10-09.',
    'cal.bad_kind': '“{input}” is not a kind of day: use `closed` (a day off) or `workday` (a working day).',
    'cal.reason_required': 'Please give a reason in quotes, e.g. `/closeout calendar add {date} closed "Office move"`.',
    'cal.reason_too_long': 'The reason is too long: at most {max} characters.',
    'cal.added.closed': '{date} is now a day off on *{board}*: {reason}',
    'cal.added.workday': '{date} is now a working day on *{board}*: {reason}',
    'cal.removed': '{date} follows the *{board}* calendar again.',
    'cal.remove_none': 'There is no day added on {date} on *{board}*.',
    'cal.too_many': 'This board already holds {max} calendar days; remove some first.',
    'cal.not_leader': 'Only leaders of this board and admins can change its calendar.',
    'cal.not_leader_any': 'You do not lead a board. Name one: `/closeout calendar board:CODE`.',
    'cal.no_boards': 'There are no boards yet.',
    'cal.choose': 'Which board? {choices}',

    // Missing official data (item 3)
    'cal.missing_year':
      ':warning: The {year} official holidays are not loaded for *{board}*: only weekends count until they are. Load them with `closeout calendar import FILE.ics --board {code}` (or update the app).',
    'cal.deadline_not_working': ':warning: {date} is not a working day on this board’s calendar; the deadline is kept.',
  },
  {
    'cal.working_days': '（{days} 个工作日）',
    'cal.reminder.when': '{days, plural, =0 {今天} other {# 个工作日后}}（{date}）',
    'cal.overdue_working': '按本清单的日历已逾期 {days} 个工作日。',

    'cal.title': '*{board}* · 日历：{calendar}',
    'cal.name.none': '每天都是工作日',
    'cal.name.weekends': '周一至周五',
    'cal.name.country': '{country} 法定节假日与调休，周一至周五',
    'cal.field': '工作日',
    'cal.field.hint': '提醒汇报、催报、到期提醒和逾期升级都跳过非工作日。',
    'cal.option.country': '{country}：法定节假日，周一至周五',
    'cal.upcoming': '未来 {days} 天的休息日：',
    'cal.upcoming_none': '_未来 {days} 天没有休息日。_',
    'cal.day.closed': '{date} · {reason}',
    'cal.day.weekend': '{date} · 周末',
    'cal.day.workday': '{date} · 工作日：{reason}',
    'cal.workdays': '未来 {days} 天的额外工作日：',
    'cal.next': '下次提醒汇报：{prompt} · 下次催报：{nudge} · 下次汇总：{digest}',
    'cal.next_none': '无',
    'cal.more': '… 另有 {count} 天',
    'cal.usage':
      '用法：`/closeout calendar [board:清单编号]` · `/closeout calendar add YYYY-MM-DD closed|workday "原因"` · `/closeout calendar remove YYYY-MM-DD`',
    'cal.bad_date': '“{input}”不是日期：请用 YYYY-MM-DD，例如 2026-10-09。',
    'cal.bad_kind': '“{input}”不是日期类型：请用 `closed`（休息日）或 `workday`（工作日）。',
    'cal.reason_required': '请用引号写明原因，例如 `/closeout calendar add {date} closed "办公室搬迁"`。',
    'cal.reason_too_long': '原因太长：最多 {max} 个字符。',
    'cal.added.closed': '{date} 已设为 *{board}* 的休息日：{reason}',
    'cal.added.workday': '{date} 已设为 *{board}* 的工作日：{reason}',
    'cal.removed': '{date} 恢复按 *{board}* 的日历计算。',
    'cal.remove_none': '*{board}* 在 {date} 没有添加过日期。',
    'cal.too_many': '这个清单已有 {max} 个日历日期，请先删除一些。',
    'cal.not_leader': '只有本清单的牵头领导和管理员可以修改日历。',
    'cal.not_leader_any': '您没有牵头的清单。请指定一个：`/closeout calendar board:清单编号`。',
    'cal.no_boards': '还没有清单。',
    'cal.choose': '哪个清单？{choices}',

    'cal.missing_year':
      ':warning: *{board}* 尚未载入 {year} 年的法定节假日：在载入之前只按周末计算。请用 `closeout calendar import FILE.ics --board {code}` 载入（或更新应用）。',
    'cal.deadline_not_working': ':warning: {date} 在本清单的日历上不是工作日；完成时限照常保存。',
  },
);
