import { defineArea } from '../define.js';

/** The App Home tab: an owner's open problems and a leader's board dashboards. */
export const home = defineArea(
  {
    'home.replies.title': 'Your replies waiting for a problem',
    'home.replies.more': '… and {count, number} more waiting replies in your DM with Closeout',
    'home.mine.title': 'Your open problems',
    'home.mine.count':
      '{total, plural, one {# open problem} other {# open problems}}{overdue, plural, =0 {} other { · :red_circle: # overdue}} · due soonest first',
    'home.mine.empty':
      ':white_check_mark: You have no open problems right now. When a problem is assigned to you, it appears here with buttons to report progress.',
    'home.mine.more': '… and {count, number} more — use `/closeout list mine`',
    'home.problem.due': 'due {date}',
    'home.problem.no_deadline': 'no deadline',
    'home.problem.overdue': ':red_circle: *OVERDUE {days, plural, one {# day} other {# days}}*',
    'home.problem.last_update': 'last update {date}',
    'home.problem.stale': ':warning: no update this round',
    'home.problem.awaiting': ':hourglass_flowing_sand: closeout requested — waiting for a leader’s decision',

    'home.boards.title.leader': 'Boards you lead',
    'home.boards.title.admin': 'All boards',
    'home.boards.empty': 'No boards yet — create one with `/closeout board new`.',
    'home.boards.more': '… and {count, number} more boards — use `/closeout summary CODE`',
    'home.board.title': '*{code}* · {name}',
    'home.board.headline':
      '{total, plural, one {# problem} other {# problems}} · {closed, number} closed ({completion}%) · {overdue, number} overdue · {stale, number} without an update this round',
    'home.board.empty': 'No problems on this board yet — add one with `/closeout new`.',
    'home.board.status': '*{status}*\n{count, number}',
    'home.board.pending': ':hourglass_flowing_sand: *{key}* {title}\nCloseout requested by <@{user}> · {date}',
    'home.board.pending.more':
      '… and {count, number} more closeout requests waiting — use `/closeout list board:{code}`',
    'home.board.view': 'View',

    'home.footer': 'Type `/closeout help` to see everything Closeout can do.',
  },
  {
    'home.replies.title': '待确认所属问题的回复',
    'home.replies.more': '… 另有 {count, number} 条待确认的回复，见与 Closeout 的私信',
    'home.mine.title': '我负责的未销号问题',
    'home.mine.count':
      '共 {total, number} 个问题{overdue, plural, =0 {} other {，:red_circle: 已逾期 # 个}}，按完成时限先后排列',
    'home.mine.empty':
      ':white_check_mark: 您目前没有未销号的问题。问题分配给您后会显示在这里，并可直接点击按钮汇报进展。',
    'home.mine.more': '……另有 {count, number} 个，请用 `/closeout list mine` 查看',
    'home.problem.due': '{date} 到期',
    'home.problem.no_deadline': '未设完成时限',
    'home.problem.overdue': ':red_circle: *已逾期 {days} 天*',
    'home.problem.last_update': '最近更新 {date}',
    'home.problem.stale': ':warning: 本轮未更新',
    'home.problem.awaiting': ':hourglass_flowing_sand: 已申请销号，等待负责领导审批',

    'home.boards.title.leader': '我负责的问题清单',
    'home.boards.title.admin': '全部问题清单',
    'home.boards.empty': '还没有问题清单——请用 `/closeout board new` 创建。',
    'home.boards.more': '……另有 {count, number} 个清单，请用 `/closeout summary 清单编号` 查看',
    'home.board.title': '*{code}* · {name}',
    'home.board.headline':
      '共 {total, number} 个问题 · 已销号 {closed, number} 个（{completion}%） · 逾期 {overdue, number} 个 · 本轮未更新 {stale, number} 个',
    'home.board.empty': '该清单还没有问题——请用 `/closeout new` 新建。',
    'home.board.status': '*{status}*\n{count, number}',
    'home.board.pending': ':hourglass_flowing_sand: *{key}* {title}\n<@{user}> 于 {date} 申请销号',
    'home.board.pending.more': '……另有 {count, number} 条销号申请待审批，请用 `/closeout list board:{code}` 查看',
    'home.board.view': '查看',

    'home.footer': '输入 `/closeout help` 查看 Closeout 的全部功能。',
  },
);
