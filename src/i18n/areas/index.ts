import { away } from './away.js';
import { boardAdmin } from './board-admin.js';
import { calendar } from './calendar.js';
import { cards } from './cards.js';
import { charts } from './charts.js';
import { chat } from './chat.js';
import { commands } from './commands.js';
import { effectiveness } from './effectiveness.js';
import { exportArea } from './export.js';
import { home } from './home.js';
import { importArea } from './import.js';
import { modals } from './modals.js';
import { outcomes } from './outcomes.js';
import { playground } from './playground.js';
import { signoff } from './signoff.js';
import { slackCommon } from './slack-common.js';
import { summary } from './summary.js';
import { reliability } from './reliability.js';
import { reportDocument } from './report-document.js';
import { scheduler } from './scheduler.js';
import { changes } from './changes.js';

/** Every message area; add new areas here. */
export const areas = [
  slackCommon,
  commands,
  cards,
  signoff,
  home,
  summary,
  chat,
  modals,
  boardAdmin,
  scheduler,
  charts,
  exportArea,
  importArea,
  playground,
  reliability,
  changes,
  calendar,
  reportDocument,
  outcomes,
  away,
  effectiveness,
] as const;
