import { defineArea } from '../define.js';

/** People away and their delegates (issue 22): `/closeout away`, delegated and catch-up prompts. */
export const away = defineArea(
  {
    'away.usage':
      'Usage: `/closeout away 2026-12-20..2027-01-03 [@delegate]` to set your absence (the delegate gets your prompts and nudges), `/closeout away off` to end it, `/closeout away` to see it.',
    'away.none': 'You are not marked away.',
    'away.current':
      'You are away {start} to {until}{delegate, select, none {: your prompts and nudges wait until you are back.} other {: <@{delegate}> gets your prompts and nudges.}}',
    'away.set':
      ':palm_tree: Saved: away {start} to {until}. {delegate, select, none {Your prompts and nudges pause; you get one catch-up prompt on your first working day back.} other {<@{delegate}> gets your prompts and nudges, with your name on them.}} Deadlines do not move.',
    'away.off': 'Welcome back: your absence is ended, prompts come to you again.',
    'away.off_none': 'You were not marked away; nothing changed.',
    'away.bad_range': 'Write the dates as `YYYY-MM-DD..YYYY-MM-DD`, e.g. `/closeout away 2026-12-20..2027-01-03`.',
    'away.backwards': 'The absence ends before it starts: check the two dates.',
    'away.in_past': 'That absence is already over: give dates that reach today or later.',
    'away.too_long': 'An absence can be at most a year; set a shorter one.',
    'away.self_delegate': 'You cannot be your own delegate: name someone else, or nobody.',
    'away.bad_delegate': 'Name the delegate with an @mention, e.g. `/closeout away 2026-12-20..2027-01-03 @someone`.',
    'away.for_owner': ':bust_in_silhouette: For <@{owner}>, away until {until}: you get this as their delegate.',
    'away.catch_up': ':wave: Welcome back. This is the round’s prompt that waited while you were away.',
    'away.decided_for':
      '{state, select, approved {Approved} other {Returned}} by <@{deputy}> for <@{leader}>, as their deputy while they are away.',
    'deputy.usage':
      'Usage: `/closeout deputy @user [until YYYY-MM-DD]` names who decides closeout requests for you while you are away, `/closeout deputy off` removes them, `/closeout deputy` shows them.',
    'deputy.none': 'You have no deputy.',
    'deputy.current':
      '<@{deputy}> is your deputy{until, select, none {} other { until {until}}}: while you are away (`/closeout away`), they get your closeout requests and may decide them for you.',
    'deputy.set':
      ':handshake: <@{deputy}> is now your deputy{until, select, none {} other { until {until}}}. While you are away (`/closeout away`) they get closeout requests on your boards and may decide them for you; separation of duties applies to them too.',
    'deputy.off': 'You have no deputy now.',
    'deputy.off_none': 'You had no deputy; nothing changed.',
    'deputy.self': 'You cannot be your own deputy: name someone else.',
    'deputy.not_leader': 'Only a board’s leaders (or an admin) name a deputy for sign-off.',
    'deputy.in_past': 'That date has passed: give today or a later date after `until`.',
    'deputy.bad_date': '“{input}” is not a date: write `until YYYY-MM-DD`.',
    'away.until': ':palm_tree: away until {until}',
    'away.end_button': 'I’m back',
    'away.bot_delegate': 'A bot or app cannot stand in for you: name a person, or nobody.',
    'away.gone_delegate': 'That account is deactivated: name someone who is still here, or nobody.',
    'away.unknown_delegate': 'Slack does not know that account: name someone else, or nobody.',
    'away.plan_intro':
      'Going on leave or a trip? Your prompts and nudges can go to a delegate, or wait until you are back.',
    'away.plan_button': 'I’ll be away…',
    'away.modal.title': 'I’ll be away',
    'away.modal.submit': 'Save',
    'away.modal.intro':
      'While you are away, prompts and nudges for your problems go to your delegate, with your name on them. With no delegate they wait, and you get one catch-up prompt on your first working day back. Deadlines do not move.',
    'away.modal.from': 'From',
    'away.modal.to': 'Until (inclusive)',
    'away.modal.delegate': 'Delegate',
    'away.modal.delegate_hint': 'Optional: a colleague who gets your prompts and nudges while you are away.',
  },
  {
    'away.usage':
      '用法：`/closeout away 2026-12-20..2027-01-03 [@代理人]` 设置外出（代理人接收您的提醒和催报），`/closeout away off` 结束外出，`/closeout away` 查看。',
    'away.none': '您当前没有设置外出。',
    'away.current':
      '您外出时间为 {start} 至 {until}{delegate, select, none {：您的提醒和催报暂停，回来后再发。} other {：由 <@{delegate}> 代收您的提醒和催报。}}',
    'away.set':
      ':palm_tree: 已保存：外出 {start} 至 {until}。{delegate, select, none {您的提醒和催报暂停；回来后的第一个工作日会收到一条补发提醒。} other {由 <@{delegate}> 代收您的提醒和催报，消息中会注明您的名字。}}完成时限不会自动顺延。',
    'away.off': '欢迎回来：已结束外出，提醒将重新发给您。',
    'away.off_none': '您没有设置外出，未做任何更改。',
    'away.bad_range': '请按 `YYYY-MM-DD..YYYY-MM-DD` 填写日期，例如 `/closeout away 2026-12-20..2027-01-03`。',
    'away.backwards': '结束日期早于开始日期，请检查这两个日期。',
    'away.in_past': '该外出时段已经结束，请填写今天或以后的日期。',
    'away.too_long': '外出时间最长一年，请缩短。',
    'away.self_delegate': '不能指定自己为代理人：请指定他人，或不指定。',
    'away.bad_delegate': '请用 @ 提及代理人，例如 `/closeout away 2026-12-20..2027-01-03 @某人`。',
    'away.for_owner': ':bust_in_silhouette: 代 <@{owner}> 接收（其外出至 {until}）：您是其代理人。',
    'away.catch_up': ':wave: 欢迎回来。以下是您外出期间暂缓发送的本轮提醒。',
    'away.decided_for':
      '由 <@{deputy}> 代 <@{leader}> {state, select, approved {批准} other {退回}}（<@{leader}> 外出期间的代理审批人）。',
    'deputy.usage':
      '用法：`/closeout deputy @用户 [until YYYY-MM-DD]` 指定您外出期间代您审批销号申请的人，`/closeout deputy off` 取消，`/closeout deputy` 查看。',
    'deputy.none': '您没有指定代理审批人。',
    'deputy.current':
      '<@{deputy}> 是您的代理审批人{until, select, none {} other {（至 {until}）}}：您外出期间（`/closeout away`），销号申请会发给其，并可代您审批。',
    'deputy.set':
      ':handshake: 已指定 <@{deputy}> 为您的代理审批人{until, select, none {} other {（至 {until}）}}。您外出期间（`/closeout away`），您所负责清单的销号申请会发给其，并可代您审批；职责分离规则同样适用于代理人。',
    'deputy.off': '已取消您的代理审批人。',
    'deputy.off_none': '您没有指定代理审批人，未做任何更改。',
    'deputy.self': '不能指定自己为代理审批人，请指定他人。',
    'deputy.not_leader': '只有清单的负责领导（或管理员）可以指定代理审批人。',
    'deputy.in_past': '该日期已过，请在 `until` 后填写今天或以后的日期。',
    'deputy.bad_date': '“{input}”不是日期：请写 `until YYYY-MM-DD`。',
    'away.until': ':palm_tree: 外出至 {until}',
    'away.end_button': '我已回来',
    'away.bot_delegate': '机器人或应用不能代您接收：请指定一位同事，或不指定。',
    'away.gone_delegate': '该账号已停用：请指定仍在职的同事，或不指定。',
    'away.unknown_delegate': 'Slack 中没有这个账号：请指定其他同事，或不指定。',
    'away.plan_intro': '要休假或出差？外出期间，您的提醒和催报可以转给代理人，或等您回来再发。',
    'away.plan_button': '设置外出…',
    'away.modal.title': '设置外出',
    'away.modal.submit': '保存',
    'away.modal.intro':
      '外出期间，您所负责问题的提醒和催报会发给代理人，并注明您的名字。不指定代理人则暂停发送，回来后的第一个工作日您会收到一条补发提醒。完成时限不会自动顺延。',
    'away.modal.from': '开始日期',
    'away.modal.to': '结束日期（含当天）',
    'away.modal.delegate': '代理人',
    'away.modal.delegate_hint': '可选：外出期间代您接收提醒和催报的同事。',
  },
);
