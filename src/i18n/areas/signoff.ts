import { defineArea } from '../define.js';

/** A leader's decision on a closeout request: the reason modal and the owner's DM. */
export const signoff = defineArea(
  {
    'signoff.reason': '*Reason:* {reason}',
    'signoff.dm.approved':
      ':white_check_mark: <@{user}> approved your closeout request: *{key}* {title} is now closed. Well done!',
    'signoff.dm.returned': ':leftwards_arrow_with_hook: <@{user}> returned your closeout request for *{key}* {title}.',
    'signoff.dm.returned.next': 'Keep working on it, report progress, and request closeout again when it is done.',
    'signoff.modal.title': 'Return request',
    'signoff.modal.submit': 'Return',
    'signoff.modal.close': 'Cancel',
    'signoff.modal.intro':
      'You are returning the closeout request for *{key}* {title}. <@{owner}> will see your reason.',
    'signoff.modal.reason': 'Why is it not done yet?',
    'signoff.modal.placeholder': 'What is still missing, and what should happen next?',
    'signoff.not_saved': '{refusal}\nYour reason was not lost — here it is to copy:\n> {text}',
  },
  {
    'signoff.reason': '*退回原因：* {reason}',
    'signoff.dm.approved': ':white_check_mark: <@{user}> 已批准您的销号申请：*{key}* {title} 已销号。辛苦了！',
    'signoff.dm.returned': ':leftwards_arrow_with_hook: <@{user}> 退回了您关于 *{key}* {title} 的销号申请。',
    'signoff.dm.returned.next': '请继续整改、及时汇报进展，整改到位后再次申请销号。',
    'signoff.modal.title': '退回销号申请',
    'signoff.modal.submit': '退回',
    'signoff.modal.close': '取消',
    'signoff.modal.intro': '您将退回 *{key}* {title} 的销号申请，<@{owner}> 会看到退回原因。',
    'signoff.modal.reason': '退回原因',
    'signoff.modal.placeholder': '还有哪些方面未整改到位？下一步应如何做？',
    'signoff.not_saved': '{refusal}\n您填写的原因没有丢失，可复制后重新提交：\n> {text}',
  },
);
