import { defineArea } from '../define.js';

/** Importing a list (CSV or Excel) from Slack: the preview in the leader's DM, its buttons, the outcome. */
export const importArea = defineArea(
  {
    'import.changed':
      'the board changed while the import was being written, so nothing was imported; run the import again',
    'import.too_big':
      '{name} is larger than {mb} MB; an operator can import it with the `closeout import` command instead',
    'import.limits':
      'this file is too large or malformed to import: {kind, select, malformed {it is not a readable workbook} unreadable {it could not be read within the time and memory allowed} unzipped {it unpacks to more than {limit, number} MB} rows {{sheet} has more than {limit, number} rows} columns {{sheet} has more than {limit, number} columns} cells {{sheet} has more than {limit, number} cells} merges {{sheet} has more than {limit, number} merged ranges} validations {{sheet} has drop-down lists (data validation) over more than {limit, number} cells} merge_range {{sheet} merges {range}, beyond its used range {used}} part {its {part} unpacks to more than {limit, number} MB} strings {it has more than {limit, number} different texts} cell_text {{sheet} row {line} has a cell of more than {limit, number} characters} other {it is beyond what the reader allows}}. Open it in Excel, keep only the list (unmerge cells, split a very long list) and save it again',
    'import.lookup_failed':
      ':warning: {kind, select, refused {Slack refused to look up the owners written as names or e-mails (the app may lack the users:read or users:read.email scope; an admin can check)} other {I could not reach Slack to look up the owners written as names or e-mails}}, so those rows are listed below and nothing can be imported yet. Try again in a few minutes, or write their member IDs (U…) instead.',
    'import.usage': 'Usage: `/closeout import [CODE]` — e.g. `/closeout import RECT`',
    'import.how':
      ':inbox_tray: Drop the list (an Excel *.xlsx* or a *.csv* file) into this direct message with me, with `{code}` as its message. I check every row and show you a preview with an *Import* button; nothing is written before you press it.',
    'import.not_leader': 'Imports are for board leaders and admins, and you do not lead any board.',
    'import.no_boards': 'There are no boards yet — create one with `/closeout board new`.',
    'import.choose':
      'You lead several boards — which one is this list for? Drop the file again with the board code as its message: {choices}',
    'import.preview_title': ':mag: *Import preview*: `{file}` into *{name}* ({code})',
    'import.counts': '*{created, number}* to create · *{updated, number}* to update · *{unchanged, number}* unchanged',
    'import.kept':
      '{count, plural, one {# existing measure} other {# existing measures}} beyond the lines of their cell will be kept: imports never delete measures.',
    'import.bad_rows':
      ':warning: {count, plural, one {# row is} other {# rows are}} not valid, so nothing can be imported. Fix {count, plural, one {it} other {them}} in the file and drop it here again.',
    'import.line': 'line {line}',
    'import.more': '… and {count, number} more',
    'import.create_key': 'create {key}',
    'import.create_new': 'create a new problem',
    'import.update_key': 'update {key} ({fields})',
    'import.nothing': 'Nothing to change: every row already matches the board.',
    'import.deadline_off':
      ':warning: {count, plural, one {# deadline falls} other {# deadlines fall}} on a day this board’s calendar does not work; {count, plural, one {it is} other {they are}} kept as given:',
    'import.deadline_off_row': '{line}: {key, select, none {a new problem} other {{key}}}, deadline {date}',
    'import.apply': 'Import',
    'import.cancel': 'Cancel',
    'import.confirm_title': 'Import this list?',
    'import.confirm_text': 'Writes exactly what the preview shows to board {code}.',
    'import.stale':
      ':arrows_counterclockwise: The board or the file changed since the preview, so nothing was imported. Here is the new preview.',
    'import.working': ':hourglass_flowing_sand: Importing `{file}` into {code}…',
    'import.done':
      ':white_check_mark: Imported `{file}` into *{code}*: {created, number} created, {updated, number} updated, {unchanged, number} unchanged.',
    'import.cancelled': 'Import of `{file}` cancelled; nothing was written.',
    'import.expired': 'This preview can no longer be used; drop the file here again.',
    'import.preview_text':
      'Import preview for {file}: {created, number} to create, {updated, number} to update, {errors, number} invalid rows',
  },
  {
    'import.changed': '写入期间问题清单发生了变化，因此没有导入任何内容；请重新导入',
    'import.too_big': '{name} 超过 {mb} MB；请由管理员使用 `closeout import` 命令导入',
    'import.limits':
      '此文件过大或格式有误，无法导入：{kind, select, malformed {它不是可读取的 Excel 工作簿} unreadable {在允许的时间和内存内无法读取} unzipped {解压后超过 {limit, number} MB} rows {{sheet} 超过 {limit, number} 行} columns {{sheet} 超过 {limit, number} 列} cells {{sheet} 超过 {limit, number} 个单元格} merges {{sheet} 的合并区域超过 {limit, number} 个} validations {{sheet} 的下拉列表（数据验证）覆盖超过 {limit, number} 个单元格} merge_range {{sheet} 合并了 {range}，超出了已用区域 {used}} part {其中 {part} 解压后超过 {limit, number} MB} strings {其中不同的文本超过 {limit, number} 个} cell_text {{sheet} 第 {line} 行有单元格超过 {limit, number} 个字符} other {超出了读取限制}}。请在 Excel 中打开，只保留清单（取消合并单元格，过长的清单请拆分）后重新保存',
    'import.lookup_failed':
      ':warning: {kind, select, refused {Slack 拒绝查找以姓名或邮箱填写的责任人（应用可能缺少 users:read 或 users:read.email 权限，请管理员检查）} other {暂时无法连接 Slack 查找以姓名或邮箱填写的责任人}}，因此下列行暂不能导入。请过几分钟再试，或改填成员 ID（U…）。',
    'import.usage': '用法：`/closeout import [清单编号]`，例如 `/closeout import RECT`',
    'import.how':
      ':inbox_tray: 请把清单文件（Excel *.xlsx* 或 *.csv*）拖到与我的私信中，并以 `{code}` 作为消息内容。我会逐行检查并给出预览和“导入”按钮；点按之前不会写入任何内容。',
    'import.not_leader': '导入仅供问题清单的负责领导和管理员使用，您目前不负责任何清单。',
    'import.no_boards': '还没有问题清单——请先用 `/closeout board new` 创建。',
    'import.choose': '您负责多个问题清单，这份清单属于哪一个？请重新发送文件，并以清单编号作为消息内容：{choices}',
    'import.preview_title': ':mag: *导入预览*：`{file}` 导入 *{name}*（{code}）',
    'import.counts': '新建 *{created, number}* 个 · 更新 *{updated, number}* 个 · 不变 *{unchanged, number}* 个',
    'import.kept': '单元格行数之外的 {count, number} 条已有整改措施将保留：导入从不删除整改措施。',
    'import.bad_rows': ':warning: 有 {count, number} 行不合格，因此无法导入。请在文件中修改后重新发送。',
    'import.line': '第 {line} 行',
    'import.more': '……另有 {count, number} 项',
    'import.create_key': '新建 {key}',
    'import.create_new': '新建一个问题',
    'import.update_key': '更新 {key}（{fields}）',
    'import.nothing': '无需更改：每一行都与清单一致。',
    'import.deadline_off': ':warning: 有 {count, number} 个完成时限落在本清单日历的非工作日，照常保存：',
    'import.deadline_off_row': '{line}：{key, select, none {新问题} other {{key}}}，完成时限 {date}',
    'import.apply': '导入',
    'import.cancel': '取消',
    'import.confirm_title': '导入这份清单？',
    'import.confirm_text': '将按预览所示内容写入问题清单 {code}。',
    'import.stale': ':arrows_counterclockwise: 预览之后问题清单或文件已发生变化，因此没有导入。以下是新的预览。',
    'import.working': ':hourglass_flowing_sand: 正在将 `{file}` 导入 {code}……',
    'import.done':
      ':white_check_mark: 已将 `{file}` 导入 *{code}*：新建 {created, number} 个，更新 {updated, number} 个，不变 {unchanged, number} 个。',
    'import.cancelled': '已取消导入 `{file}`，没有写入任何内容。',
    'import.expired': '此预览已无法使用，请重新发送文件。',
    'import.preview_text':
      '{file} 导入预览：新建 {created, number} 个，更新 {updated, number} 个，不合格 {errors, number} 行',
  },
);
