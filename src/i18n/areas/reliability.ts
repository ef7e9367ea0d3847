import { defineArea } from '../define.js';

/** What people are told when their change is saved but a follow-up (a message update, a DM) is delayed. */
export const reliability = defineArea(
  {
    'reliability.decision_saved':
      'Your decision on *{key}* is saved. Some messages about it could not be updated yet; they will catch up.',
    'reliability.board_restricted':
      'Board *{code}* is restricted: only its leaders, owners and the members of its private channel see it.',
    'reliability.separation_of_duties':
      'You cannot decide on *{key}*: you own it or requested its closeout. Another leader must decide.',
    'reliability.pending_replies':
      'You have {count, plural, one {# message} other {# messages}} to the bot still waiting: say which problem each is about, or dismiss it.',
    'reliability.pending_reply': '> {text}',
    'reliability.request_resent': 'The closeout request for *{key}* was sent to the leaders again.',
    'board.visibility': 'Who can see the list',
    'board.visibility.open': 'Everyone in the workspace',
    'board.visibility.restricted': 'Leaders, owners and members of its private channel',
    'board.visibility.public_channel':
      '<#{channel}> is a public channel: anyone may join it, so its members do not see this restricted list (only its leaders, the owners of its problems and admins do). Choose a private channel to share it with a group.',
    'board.separation': 'Separation of duties',
    'board.separation.on': 'On: owners and requesters cannot approve',
    'board.separation.off': 'Off: any leader can approve',
  },
  {
    'reliability.decision_saved': '您对 *{key}* 的决定已保存。部分相关消息暂未更新，稍后会自动补上。',
    'reliability.board_restricted': '清单 *{code}* 为受限清单：仅其负责人、问题责任人和其私有频道的成员可见。',
    'reliability.separation_of_duties': '您不能审批 *{key}*：您是该问题的责任人或销号申请人，需由其他负责人审批。',
    'reliability.pending_replies': '您有 {count} 条发给机器人的消息尚未处理：请选择各自对应的问题，或忽略。',
    'reliability.pending_reply': '> {text}',
    'reliability.request_resent': '*{key}* 的销号申请已重新发送给负责人。',
    'board.visibility': '可见范围',
    'board.visibility.open': '工作区所有人',
    'board.visibility.restricted': '负责人、责任人和私有频道成员',
    'board.visibility.public_channel':
      '<#{channel}> 是公开频道，任何人都可加入，因此其成员看不到此受限清单（仅负责人、问题责任人和管理员可见）。如需与一组人共享，请选择私有频道。',
    'board.separation': '职责分离',
    'board.separation.on': '开启：责任人和申请人不能审批',
    'board.separation.off': '关闭：任何负责人都可审批',
  },
);
