import { defineArea } from '../define.js';

/** Progress replies typed in chat (DM with the bot, threads of the bot's prompts and update-round posts). */
export const chat = defineArea(
  {
    // Refusals from services/chat-replies
    'chat.no_open_problems': 'You have no open problems to report on, so I did not record anything.',
    'chat.thread_not_yours': 'That message was not about one of your problems, so I did not record anything.',
    'chat.reply_not_found': 'I cannot find that message any more.',
    'chat.not_your_reply': 'Only the person who wrote that message can say which problem it is about.',
    'chat.already_recorded': 'That message is already recorded on {key}.',
    'chat.reply_in_progress': 'That message is being recorded right now; please look again in a moment.',

    // Confirmation
    'chat.recorded.title': 'Recorded on *{key}* · {title}',
    'chat.recorded.summary': '{percent}% · {health}',
    'chat.recorded.no_note': '_No note._',
    'chat.recorded.already': 'This message was already recorded — nothing new was added.',
    'chat.recorded.hint': 'Not right? Press *Edit*, or simply reply again.',
    'chat.recorded.text': 'Recorded on {key}: {percent}% · {health}',
    'chat.edit': 'Edit',

    // Which problem?
    'chat.ask.title': 'Which problem is this update about? I will keep your message until you pick one.',
    'chat.ask.text': 'Which problem is your update about?',
    'chat.ask.none': 'None of these',
    'chat.ask.more': '… and {count} more. If yours is not listed, reply again naming its key (e.g. {example}).',

    // Refused or dismissed
    'chat.refused.kept': 'Your message is kept; nothing was lost.',
    'chat.refused.pick': 'Pick one of your open problems below, or reply again naming its key.',
    'chat.refused.name_key':
      'To record it, reply again naming the problem’s key (e.g. RECT-12), or use `/closeout report`.',
    'chat.dismissed': 'OK — I did not record that message as an update.',
  },
  {
    'chat.no_open_problems': '您目前没有需要汇报进展的问题，因此没有记录。',
    'chat.thread_not_yours': '那条消息涉及的不是您负责的问题，因此没有记录。',
    'chat.reply_not_found': '找不到这条消息了。',
    'chat.not_your_reply': '只有发送这条消息的人才能选择它对应的问题。',
    'chat.already_recorded': '这条消息已记录到 {key}。',
    'chat.reply_in_progress': '这条消息正在记录中，请稍后再看。',

    'chat.recorded.title': '已记录到 *{key}* · {title}',
    'chat.recorded.summary': '完成 {percent}% · {health}',
    'chat.recorded.no_note': '_（无进展说明）_',
    'chat.recorded.already': '这条消息之前已经记录过，没有重复添加。',
    'chat.recorded.hint': '有误？点击“修改”，或直接再回复一条。',
    'chat.recorded.text': '已记录到 {key}：完成 {percent}% · {health}',
    'chat.edit': '修改',

    'chat.ask.title': '这条进展是关于哪个问题的？在您选择之前，消息会一直为您保留。',
    'chat.ask.text': '您的进展是关于哪个问题的？',
    'chat.ask.none': '都不是',
    'chat.ask.more': '……还有 {count} 个。如果列表中没有，请再回复一次并注明问题编号（如 {example}）。',

    'chat.refused.kept': '您的消息已保留，没有丢失。',
    'chat.refused.pick': '请在下面选择您负责的问题，或再回复一次并注明问题编号。',
    'chat.refused.name_key': '如需记录，请再回复一次并注明问题编号（如 RECT-12），或使用 `/closeout report`。',
    'chat.dismissed': '好的，这条消息没有记录为整改进展。',
  },
);
