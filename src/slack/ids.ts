/**
 * Action and callback IDs: the contract between view builders (which put them on buttons and modals)
 * and listeners (which handle them). Button values carry a problem key or a closeout request id.
 */
export const ACTION = {
  /** value: problem key */
  reportProgress: 'problem.report',
  /** value: problem key */
  noChange: 'problem.no_change',
  /** value: problem key */
  requestCloseout: 'problem.request_closeout',
  /** value: problem key */
  showProblem: 'problem.show',
  /** value: closeout request id */
  approve: 'closeout.approve',
  /** value: closeout request id */
  returnRequest: 'closeout.return',
  /** value: closeout request id — approve as rectified long-term (opens the mechanisms modal) */
  approveLongTerm: 'closeout.approve_long_term',
  /** value: closeout request id — judge not rectifiable (opens the reason modal) */
  notRectifiable: 'closeout.not_rectifiable',
  /** value: problem key — the owner asks for a later deadline (opens the modal) */
  requestExtension: 'problem.request_extension',
  /** value: extension request id */
  approveExtension: 'extension.approve',
  /** value: extension request id */
  refuseExtension: 'extension.refuse',
  /** value: JSON of the list query and offset (see slack/parsers) */
  listPage: 'list.page',
  /** Under a prompt that could not list every problem: the owner's full list, as a new message; value a list page */
  seeAllProblems: 'list.see_all',
  /** static select in the report picker: selected value is a problem key */
  pickProblem: 'report.pick_problem',
  /** App Home: value is a board code */
  homeBoard: 'home.board',
  /** board select in the `new` modal (dispatches): refreshes the category field for that board */
  newProblemBoard: 'new_problem.board',
  /** chat reply confirmation: value is the update id */
  chatEdit: 'chat_reply.edit',
  /** "which problem?" after a chat reply: action_id is this + ':' + index (unique in its block); value `replyId:KEY` */
  chatPick: 'chat_reply.pick',
  /** "which problem?" → none of these: value is the reply id */
  chatDismiss: 'chat_reply.dismiss',
  /** import preview → apply: value is JSON of the board, file, plan fingerprint (see parsers/import-file.ts) */
  applyImport: 'import.apply',
  /** import preview → drop it: value is the file name */
  cancelImport: 'import.cancel',
  /** On the App Home: ends the user's absence (issue 22). */
  endAbsence: 'away.end',
  /** On the App Home: opens the "I'll be away" modal (issue 22). */
  planAbsence: 'away.plan',
  /** Leaders' ⋯ menu on a problem card: selected value `edit:KEY`, `reassign:KEY`, … (see views/problem-menu) */
  problemMenu: 'problem.menu',
  /** An effectiveness check's answers (issue 23): value `checkId:round` */
  fixHeld: 'effectiveness.held',
  /** value `checkId:round` — opens the modal for what came back */
  fixCameBack: 'effectiveness.came_back',
  /** value `checkId:round` */
  fixNotSure: 'effectiveness.not_sure',
  /** A card's history, next page: value `KEY:offset` */
  historyPage: 'problem.history_page',
} as const;

export const VIEW = {
  newProblem: 'modal.new_problem',
  report: 'modal.report',
  closeout: 'modal.closeout',
  returnReason: 'modal.return_reason',
  board: 'modal.board',
  pickProblem: 'modal.pick_problem',
  editProblem: 'modal.edit_problem',
  reassign: 'modal.reassign',
  measures: 'modal.measures',
  changeReason: 'modal.change_reason',
  // The id keeps its old word: a modal opened before an upgrade still submits it.
  changePick: 'modal.upkeep_pick',
  longTerm: 'modal.long_term',
  notRectifiable: 'modal.not_rectifiable',
  extension: 'modal.extension',
  absence: 'modal.absence',
  recurrence: 'modal.recurrence',
} as const;
