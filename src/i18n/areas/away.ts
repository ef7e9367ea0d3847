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
  },
);
