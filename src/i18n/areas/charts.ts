import { defineArea } from '../define.js';

/** The summary and digest chart (a PNG): titles, legends and labels drawn into the picture. */
export const charts = defineArea(
  {
    'chart.title': '{name} ({code})',
    'chart.subtitle':
      'As of {date} · {total, plural, one {# problem} other {# problems}} · {completion}% closed · {overdue, number} overdue',
    'chart.bars.title': '{by, select, category {Status by category} unit {Status by unit} other {Status by owner}}',
    'chart.bars.count': '{closed, number}/{total, number}',
    'chart.bars.overdue': ' · {overdue, number} overdue',
    'chart.none': '{by, select, category {No category} unit {No unit} other {No owner}}',
    'chart.other': 'Other ({count, number})',
    'chart.burn.title': 'Open problems, round by round',
    'chart.burn.deadline': 'against the list deadline, {date}',
    'chart.burn.no_deadline': 'no list deadline set',
    'chart.series.open': 'Open (not closed)',
    'chart.series.total': 'All problems',
    'chart.series.target': 'Pace to the deadline',
    'chart.deadline': 'Deadline',
    'chart.today': 'Today',
    'chart.file.title': '{code} chart — {date}',
  },
  {
    'chart.title': '{name}（{code}）',
    'chart.subtitle': '截至 {date} · 共 {total, number} 个问题 · 已销号 {completion}% · 逾期 {overdue, number} 个',
    'chart.bars.title': '{by, select, category {各类别整改状态} unit {各责任单位整改状态} other {各责任人整改状态}}',
    'chart.bars.count': '{closed, number}/{total, number}',
    'chart.bars.overdue': ' · 逾期 {overdue, number} 个',
    'chart.none': '{by, select, category {未分类} unit {未填责任单位} other {未指定责任人}}',
    'chart.other': '其他（{count, number} 项）',
    'chart.burn.title': '各轮次未销号问题数',
    'chart.burn.deadline': '对照清单完成时限 {date}',
    'chart.burn.no_deadline': '未设清单完成时限',
    'chart.series.open': '未销号',
    'chart.series.total': '问题总数',
    'chart.series.target': '按期销号进度线',
    'chart.deadline': '完成时限',
    'chart.today': '今天',
    'chart.file.title': '{code} 整改情况图表 — {date}',
  },
);
