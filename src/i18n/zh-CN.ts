import type { en } from './en.js';

/** 简体中文：整改工作的常用说法（问题清单、整改措施、责任单位、完成时限、销号）。 */
export const zhCN: Record<keyof typeof en, string> = {
  'error.board_not_found': '没有编号为 {code} 的问题清单。',
  'error.board_exists': '编号为 {code} 的问题清单已存在。',
  'error.board_archived': '问题清单 {code} 已归档。',
  'error.problem_not_found': '没有问题 {key}。',
  'error.measure_not_found': '问题 {key} 没有第 {number} 条整改措施。',
  'error.not_admin': '只有 Closeout 管理员可以执行此操作。',
  'error.not_leader': '只有问题清单 {code} 的负责领导可以执行此操作。',
  'error.not_owner': '只有 {key} 的责任人或该清单的负责领导可以执行此操作。',
  'error.problem_closed': '{key} 已销号。',
  'error.problem_not_closed': '{key} 尚未销号。',
  'error.closeout_pending': '{key} 已有一条销号申请在等待审批。',
  'error.closeout_not_found': '没有编号为 {id} 的销号申请。',
  'error.already_decided': '该申请已由 <@{user}> {state, select, approved {批准} other {退回}}。',
  'error.bad_transition': '{key} 不能从“{from}”变为“{to}”。',
  'error.invalid_field': '{field}：{reason}',
  'error.reason_required': '请填写原因。',
  'error.evidence_required': '申请销号前，请说明整改完成情况（佐证材料）。',

  'status.open': '未开始',
  'status.in_progress': '整改中',
  'status.closeout_requested': '申请销号',
  'status.closed': '已销号',
  'health.on_track': '正常',
  'health.at_risk': '有风险',
  'health.blocked': '受阻',
  'measure.todo': '未开始',
  'measure.doing': '进行中',
  'measure.done': '已完成',
};
