import { defineArea } from '../define.js';

export const slackCommon = defineArea(
  {
    'common.unexpected':
      'Sorry, something went wrong on our side. Nothing you sent was lost; please try again in a moment.',
    'common.refused': ':no_entry: {reason}',
  },
  {
    'common.unexpected': '抱歉，系统出了点问题。您提交的内容没有丢失，请稍后再试。',
    'common.refused': ':no_entry: {reason}',
  },
);
