import { defineArea } from '../define.js';

/** Effectiveness checks (issue 23): "has the fix held?" some time after a closeout, and its answers. */
export const effectiveness = defineArea(
  {
    'effectiveness.ask': ':mag: *{key}* {title} was closed on {date} — has the fix held?',
    'effectiveness.ask.follow_up': 'Today is the follow-up date of this long-term closeout.',
    'effectiveness.ask.leaders':
      ':mag: Nobody answered <@{owner}>’s check: *{key}* {title} was closed on {date} — has the fix held?',
    'effectiveness.ask.text': '{key} was closed on {date} — has the fix held?',
    'effectiveness.held': 'Held',
    'effectiveness.came_back': 'It came back',
    'effectiveness.not_sure': 'Not sure yet',
    'effectiveness.result.held': ':white_check_mark: <@{user}> confirmed the fix held · {date}',
    'effectiveness.result.came_back':
      ':leftwards_arrow_with_hook: <@{user}> reported it came back · {date}: {reason}\n*{key}* is open again.',
    'effectiveness.result.not_sure': ':hourglass_flowing_sand: Not sure yet: asked again on {date}.',
    'effectiveness.result.reopened': ':leftwards_arrow_with_hook: *{key}* was reopened since: nothing to check.',
    'effectiveness.answered.held': 'Thanks: the fix on *{key}* is recorded as held.',
    'effectiveness.answered.came_back': '*{key}* is open again and the leaders were told.',
    'effectiveness.answered.not_sure': 'Fine: you will be asked about *{key}* again on {date}.',
    'effectiveness.not_found': 'That check is no longer known.',
    'effectiveness.not_yours':
      'Only <@{owner}>, who owns *{key}*, or a leader of its board can answer whether the fix held.',
    'effectiveness.already_answered':
      'This check was already answered by <@{user}>: {state, select, held {the fix held} other {it came back}}. Nothing changed.',
    'effectiveness.reopened':
      '*{key}* was reopened since this question was asked: there is nothing to check. Nothing changed.',
    'effectiveness.asked_again':
      'This question about *{key}* was put off until {date}: answer the newer one then. Nothing changed.',
    'effectiveness.modal.title': 'It came back',
    'effectiveness.modal.submit': 'Reopen',
    'effectiveness.modal.intro': '*{key}* {title} will be reopened and its leaders told. What came back?',
    'effectiveness.modal.reason': 'What came back?',
    'effectiveness.recurrence':
      ':leftwards_arrow_with_hook: *{key}* {title} came back, reported by <@{user}>: {reason}\nIt was closed on {date} and is open again (owner <@{owner}>).',
    'effectiveness.recurrence.text': '{key} came back and was reopened',
    'effectiveness.summary':
      '{verified, number} verified effective · {recurred, plural, one {# recurrence} other {# recurrences}}',
    'effectiveness.card.held': '*Effectiveness:* held on {date} (<@{user}>)',
    'effectiveness.card.came_back': '*Effectiveness:* came back on {date} (<@{user}>)',
    'doc.fig.effectiveness': 'Effectiveness checks',
    'board.effectiveness': 'Effectiveness check after (days)',
    'board.effectiveness.hint':
      'Days after a closeout its owner is asked whether the fix held; 0 turns the checks off. A long-term closeout is also checked on its follow-up date.',
    'board.effectiveness.invalid': 'Give a whole number of days from 0 (off) to 365.',
    'effectiveness.history.held': 'confirmed the fix held',
    'effectiveness.history.came_back': 'reported that it came back',
    'effectiveness.history.not_sure': 'was not sure yet whether the fix held (asked again on {date})',
  },
  {
    'effectiveness.ask': ':mag: *{key}* {title} 已于 {date} 销号——整改效果是否保持？',
    'effectiveness.ask.follow_up': '今天是这项持续整改的跟踪日期。',
    'effectiveness.ask.leaders': ':mag: <@{owner}> 未答复核查：*{key}* {title} 已于 {date} 销号——整改效果是否保持？',
    'effectiveness.ask.text': '{key} 已于 {date} 销号——整改效果是否保持？',
    'effectiveness.held': '效果保持',
    'effectiveness.came_back': '问题反弹',
    'effectiveness.not_sure': '暂不确定',
    'effectiveness.result.held': ':white_check_mark: <@{user}> 确认整改效果保持 · {date}',
    'effectiveness.result.came_back':
      ':leftwards_arrow_with_hook: <@{user}> 报告问题反弹 · {date}：{reason}\n*{key}* 已重新打开。',
    'effectiveness.result.not_sure': ':hourglass_flowing_sand: 暂不确定：将于 {date} 再次询问。',
    'effectiveness.result.reopened': ':leftwards_arrow_with_hook: *{key}* 此后已重新打开，无需核查。',
    'effectiveness.answered.held': '谢谢：*{key}* 的整改效果已记录为保持。',
    'effectiveness.answered.came_back': '*{key}* 已重新打开，并已告知牵头领导。',
    'effectiveness.answered.not_sure': '好的：将于 {date} 再次询问 *{key}*。',
    'effectiveness.not_found': '找不到这项核查。',
    'effectiveness.not_yours': '只有 *{key}* 的责任人 <@{owner}> 或其清单的牵头领导可以答复整改效果。',
    'effectiveness.already_answered':
      '这项核查已由 <@{user}> 答复：{state, select, held {效果保持} other {问题反弹}}。未作任何更改。',
    'effectiveness.reopened': '提问之后 *{key}* 已重新打开，无需核查。未作任何更改。',
    'effectiveness.asked_again': '关于 *{key}* 的这次询问已推迟到 {date}：届时请答复新的询问。未作任何更改。',
    'effectiveness.modal.title': '问题反弹',
    'effectiveness.modal.submit': '重新打开',
    'effectiveness.modal.intro': '*{key}* {title} 将重新打开，并告知牵头领导。反弹的情况是什么？',
    'effectiveness.modal.reason': '反弹的情况',
    'effectiveness.recurrence':
      ':leftwards_arrow_with_hook: *{key}* {title} 问题反弹，由 <@{user}> 报告：{reason}\n该问题于 {date} 销号，现已重新打开（责任人 <@{owner}>）。',
    'effectiveness.recurrence.text': '{key} 问题反弹，已重新打开',
    'effectiveness.summary': '{verified, number} 项经核查效果保持 · {recurred, number} 项反弹',
    'effectiveness.card.held': '*整改效果：* {date} 确认保持（<@{user}>）',
    'effectiveness.card.came_back': '*整改效果：* {date} 问题反弹（<@{user}>）',
    'doc.fig.effectiveness': '整改效果核查',
    'board.effectiveness': '整改效果核查（销号后天数）',
    'board.effectiveness.hint': '销号后多少天询问责任人整改效果是否保持；0 为关闭。持续整改还会在跟踪日期核查。',
    'board.effectiveness.invalid': '请填写 0（关闭）到 365 之间的整数天数。',
    'effectiveness.history.held': '确认整改效果保持',
    'effectiveness.history.came_back': '报告问题反弹',
    'effectiveness.history.not_sure': '暂不确定整改效果（将于 {date} 再次询问）',
  },
);
