/** English catalog: the source of truth for message keys (zh-CN must provide every key). ICU syntax. */
export const en = {
  // Refusals from the services
  'error.board_not_found': 'There is no board with code {code}.',
  'error.board_exists': 'A board with code {code} already exists.',
  'error.board_archived': 'Board {code} is archived.',
  'error.problem_not_found': 'There is no problem {key}.',
  'error.measure_not_found': 'Problem {key} has no measure {number}.',
  'error.not_admin': 'Only Closeout admins can do that.',
  'error.not_leader': 'Only leaders of board {code} can do that.',
  'error.not_owner': 'Only the owner of {key} or a leader of its board can do that.',
  'error.problem_closed': '{key} is already closed.',
  'error.problem_not_closed': '{key} is not closed.',
  'error.closeout_pending': 'A closeout request for {key} is already waiting for a decision.',
  'error.closeout_not_found': 'There is no closeout request {id}.',
  'error.already_decided':
    'This request was already {state, select, approved {approved} other {returned}} by <@{user}>.',
  'error.bad_transition': '{key} cannot go from {from} to {to}.',
  'error.invalid_field': '{field}: {reason}',
  'error.reason_required': 'Please give a reason.',
  'error.evidence_required': 'Please describe what was done (the evidence) before asking for closeout.',

  // Vocabulary
  'status.open': 'Open',
  'status.in_progress': 'In progress',
  'status.closeout_requested': 'Closeout requested',
  'status.closed': 'Closed',
  'health.on_track': 'On track',
  'health.at_risk': 'At risk',
  'health.blocked': 'Blocked',
  'measure.todo': 'To do',
  'measure.doing': 'Doing',
  'measure.done': 'Done',
} as const;
