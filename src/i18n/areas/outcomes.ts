import { defineArea } from '../define.js';

/** Closing out as auditors expect (issue 23): evidence files, outcomes and the board settings for them. */
export const outcomes = defineArea(
  {
    'error.evidence_files_required': 'This board asks for evidence files: attach at least one file to the request.',
    'error.evidence_files_invalid': 'Those files could not be read: attach up to 10 files and try again.',
    'error.no_pending_request': '{key} has no closeout request waiting for a decision to add files to.',
    'evidence.files': 'Evidence files',
    'evidence.files.hint': 'Up to 10 files: PDF, photos, Office documents.',
    'evidence.files.hint_required': 'Required on this board: up to 10 files (PDF, photos, Office documents).',
    'evidence.files.list': '*Evidence files ({count}):* {links}',
    'evidence.files.more': '+{count} more',
    'evidence.attached':
      ':paperclip: {count, plural, one {# file was} other {# files were}} added to the closeout request for *{key}*.',
    'evidence.attach_nothing': 'Those files were already on the closeout request for *{key}*.',
    'board.evidence.label': 'Evidence files',
    'board.evidence.required': 'Required on every closeout request',
    'board.evidence.optional': 'Optional',
  },
  {
    'error.evidence_files_required': '本清单要求上传整改证明材料：请至少附上一个文件后再申请销号。',
    'error.evidence_files_invalid': '无法读取所附文件：最多可附 10 个文件，请重试。',
    'error.no_pending_request': '{key} 没有待审批的销号申请，无法添加文件。',
    'evidence.files': '整改证明材料',
    'evidence.files.hint': '最多 10 个文件：PDF、照片、Office 文档。',
    'evidence.files.hint_required': '本清单必填：最多 10 个文件（PDF、照片、Office 文档）。',
    'evidence.files.list': '*整改证明材料（{count}）：* {links}',
    'evidence.files.more': '另有 {count} 个',
    'evidence.attached': ':paperclip: 已向 *{key}* 的销号申请添加 {count} 个文件。',
    'evidence.attach_nothing': '这些文件已在 *{key}* 的销号申请中。',
    'board.evidence.label': '整改证明材料',
    'board.evidence.required': '每次申请销号必须上传',
    'board.evidence.optional': '可选',
  },
);
