import { defineArea } from '../define.js';

/** Messages the scheduler sends: prompts, nudges, digests, reminders, escalations, weekly posts, notices. */
export const scheduler = defineArea(
  {
    // Cycle prompt (one DM per owner)
    'sched.round.title': '*{board}* · update round {round} ({start} – {end}) · please report by {reportBy}',
    'sched.prompt.count': 'You own {count, plural, one {# open problem} other {# open problems}}',
    'sched.page': 'page {page} of {pages}',
    'sched.prompt.hint': 'Or just reply here in your own words, e.g. “{example}”',
    'sched.prompt.example': '{key} 60% hired two clerks',
    'sched.prompt.see_all': 'See all my problems',
    'sched.prompt.text':
      '{board} · update round {round}: please report on {count, plural, one {your open problem} other {your # open problems}} by {reportBy}',
    'sched.line.last_update': '({date})',
    'sched.line.no_update': 'no update yet',
    'sched.more': '… and {count, number} more',

    // Nudge
    'sched.nudge.title':
      '*{board}* · update round {round} closes {end}: you have not reported on {count, plural, one {# problem} other {# problems}} yet.',
    'sched.nudge.text':
      '{board}: please report on {count, plural, one {# problem} other {# problems}} before update round {round} closes on {end}',
    'sched.nudge_channel.title':
      '*{board}* · update round {round} closes {end}. Not reported yet — {count, plural, one {# person} other {# people}}:',
    'sched.nudge_channel.text':
      '{board}: {count, plural, one {# person has} other {# people have}} not reported in update round {round} yet',
    'sched.thread_hint':
      'Reply in this thread in your own words, e.g. “{example}”, or use the buttons in my DM to you.',

    // Round opening (channel)
    'sched.round_open.title':
      '*{board}* · update round {round} is open ({start} – {end}) · please report by {reportBy}',
    'sched.round_open.owed': 'Updates owed by {count, plural, one {# person} other {# people}}:',
    'sched.round_open.text': '{board}: update round {round} is open — please report by {reportBy}',
    'sched.owner_keys': '{user} — {keys}',

    // Cycle digest
    'sched.digest.header': '{board} — update round {round} digest',
    'sched.digest.summary':
      '*{total, plural, one {# problem} other {# problems}}* · {closed, number} closed ({percent}%) · {overdue, number} overdue · {silent, plural, one {# problem} other {# problems}} without an update this round',
    'sched.digest.status_field': '*{status}*\n{count, number}',
    'sched.digest.closed': '*Closed this round*',
    'sched.digest.closed_none': '_Nothing was closed this round._',
    'sched.digest.overdue': '*Overdue* (oldest first)',
    'sched.digest.overdue_none': '_Nothing is overdue._',
    'sched.digest.not_reported': '*Not reported this round*',
    'sched.digest.all_reported': '_Everyone reported._',
    'sched.digest.text':
      '{board}: update round {round} digest — {closed, number} of {total, number} closed, {overdue, number} overdue',
    'sched.days_overdue': '{days, plural, one {# day} other {# days}} overdue',

    // Deadline reminders
    'sched.reminder.when': '{days, plural, =0 {today} =1 {tomorrow} other {in # days}} ({date})',
    'sched.reminder.problem': ':alarm_clock: *{key}* {title} is due {when}.',
    'sched.reminder.measure': ':alarm_clock: Measure *{key}* of *{problemKey}* {problemTitle} is due {when}:\n{text}',
    'sched.reminder.text': '{key} is due {when}',

    // Overdue escalation and the weekly overdue digest
    'sched.escalation.title':
      ':rotating_light: *{key}* {title} is overdue: its deadline was {date} ({days, plural, one {# day} other {# days}} ago).',
    'sched.escalation.people': 'Owner: {owner} · Leaders: {leaders}',
    'sched.escalation.people_no_leaders': 'Owner: {owner}',
    'sched.escalation.hint': 'Owner: report progress or request closeout. Leaders: decide, or agree a new deadline.',
    'sched.escalation.text': '{key} is overdue ({days, plural, one {# day} other {# days}})',
    'sched.overdue_weekly.header': '{board} — overdue problems this week',
    'sched.overdue_weekly.summary':
      '{count, plural, one {# problem is} other {# problems are}} past the deadline, oldest first:',
    'sched.overdue_weekly.text': '{board}: {count, plural, one {# problem is} other {# problems are}} overdue',

    // Weekly upcoming deadlines
    'sched.upcoming.header': '{board} — deadlines in the next 14 days',
    'sched.upcoming.summary': '{from} – {to}: {count, plural, one {# deadline} other {# deadlines}}',
    'sched.upcoming.measure': 'measure',
    'sched.upcoming.text': '{board}: {count, plural, one {# deadline} other {# deadlines}} in the next 14 days',

    // Undeliverable messages, to leaders
    'sched.notice.title':
      ':warning: I could not deliver Closeout messages for board *{board}* to {target} (`{reason}`).',
    'sched.notice.hint':
      '{reason, select, not_in_channel {Invite me to the channel with `/invite @Closeout`; later messages will then go out.} channel_not_found {The board channel no longer exists: set a new one with `/closeout board`.} is_archived {The board channel is archived: set a new one with `/closeout board`.} user_not_found {This person is not in the workspace: reassign their problems.} account_inactive {This account is deactivated: reassign their problems.} cannot_dm_bot {Problems are assigned to a bot: reassign them to a person.} other {Slack refused the message; the other messages went out. Please check this person or channel.}}',
    'sched.notice.text': 'Closeout could not deliver some messages for {board}',
  },
  {
    'sched.round.title': '*{board}* · 第 {round} 轮进展更新（{start} – {end}）· 请于 {reportBy} 前报送',
    'sched.prompt.count': '您负责 {count} 个未销号问题',
    'sched.page': '第 {page}/{pages} 页',
    'sched.prompt.hint': '也可以直接在这里用自己的话回复，例如：“{example}”',
    'sched.prompt.example': '{key} 60% 已增配两名窗口人员',
    'sched.prompt.see_all': '查看我负责的全部问题',
    'sched.prompt.text': '{board} · 第 {round} 轮进展更新：请于 {reportBy} 前报送您负责的 {count} 个问题的整改进展',
    'sched.line.last_update': '（{date}）',
    'sched.line.no_update': '尚未报送进展',
    'sched.more': '……另有 {count, number} 项',

    'sched.nudge.title': '*{board}* · 第 {round} 轮进展更新将于 {end} 截止，您还有 {count} 个问题未报送进展。',
    'sched.nudge.text': '{board}：第 {round} 轮将于 {end} 截止，请报送 {count} 个问题的整改进展',
    'sched.nudge_channel.title': '*{board}* · 第 {round} 轮进展更新将于 {end} 截止。以下 {count} 人尚未报送：',
    'sched.nudge_channel.text': '{board}：第 {round} 轮尚有 {count} 人未报送进展',
    'sched.thread_hint': '可直接在本消息下回复，用自己的话报送进展，例如：“{example}”；也可使用我私信中的按钮。',

    'sched.round_open.title': '*{board}* · 第 {round} 轮进展更新开始（{start} – {end}）· 请于 {reportBy} 前报送',
    'sched.round_open.owed': '需报送进展的责任人（{count} 人）：',
    'sched.round_open.text': '{board}：第 {round} 轮进展更新开始，请于 {reportBy} 前报送',
    'sched.owner_keys': '{user} — {keys}',

    'sched.digest.header': '{board} — 第 {round} 轮进展汇总',
    'sched.digest.summary':
      '*共 {total} 个问题* · 已销号 {closed} 个（{percent}%）· 逾期 {overdue} 个 · 本轮 {silent} 个问题未报送进展',
    'sched.digest.status_field': '*{status}*\n{count, number}',
    'sched.digest.closed': '*本轮销号*',
    'sched.digest.closed_none': '_本轮没有销号的问题。_',
    'sched.digest.overdue': '*逾期问题*（逾期最久的在前）',
    'sched.digest.overdue_none': '_没有逾期问题。_',
    'sched.digest.not_reported': '*本轮未报送*',
    'sched.digest.all_reported': '_全部已报送。_',
    'sched.digest.text': '{board}：第 {round} 轮汇总 — 已销号 {closed}/{total}，逾期 {overdue} 个',
    'sched.days_overdue': '逾期 {days} 天',

    'sched.reminder.when': '{days, plural, =0 {今天} =1 {明天} other {#天后}}（{date}）',
    'sched.reminder.problem': ':alarm_clock: *{key}* {title} 将于{when}到期。',
    'sched.reminder.measure': ':alarm_clock: *{problemKey}* {problemTitle} 的整改措施 *{key}* 将于{when}到期：\n{text}',
    'sched.reminder.text': '{key} 将于{when}到期',

    'sched.escalation.title': ':rotating_light: *{key}* {title} 已逾期：完成时限为 {date}（已逾期 {days} 天）。',
    'sched.escalation.people': '责任人：{owner} · 牵头领导：{leaders}',
    'sched.escalation.people_no_leaders': '责任人：{owner}',
    'sched.escalation.hint': '请责任人报送进展或申请销号；请领导督办，或商定新的完成时限。',
    'sched.escalation.text': '{key} 已逾期 {days} 天',
    'sched.overdue_weekly.header': '{board} — 本周逾期问题',
    'sched.overdue_weekly.summary': '共 {count} 个问题已超过完成时限（逾期最久的在前）：',
    'sched.overdue_weekly.text': '{board}：{count} 个问题逾期',

    'sched.upcoming.header': '{board} — 未来 14 天到期事项',
    'sched.upcoming.summary': '{from} – {to}：共 {count} 项到期',
    'sched.upcoming.measure': '整改措施',
    'sched.upcoming.text': '{board}：未来 14 天有 {count} 项到期',

    'sched.notice.title': ':warning: 看板 *{board}* 的消息无法发送给 {target}（`{reason}`）。',
    'sched.notice.hint':
      '{reason, select, not_in_channel {请用 `/invite @Closeout` 邀请我加入频道，之后的消息即可正常发送。} channel_not_found {看板频道已不存在，请用 `/closeout board` 重新设置。} is_archived {看板频道已归档，请用 `/closeout board` 重新设置。} user_not_found {此人不在本工作区，请将其负责的问题改派他人。} account_inactive {此账号已停用，请将其负责的问题改派他人。} cannot_dm_bot {问题的责任人是机器人，请改派给具体人员。} other {Slack 拒收了这条消息，其他消息已正常发送。请检查该人员或频道。}}',
    'sched.notice.text': 'Closeout 无法发送看板 {board} 的部分消息',
  },
);
