import { mrkdwnText } from '../../blocks/limits.js';
import type { ClickContext } from './support/on-click.js';

/** *Cancel* on an import preview: nothing was written; the preview is replaced by a note saying so. */
export async function cancelImport({ click, tr, respond }: ClickContext): Promise<void> {
  await respond({ replace_original: true, text: tr('import.cancelled', { file: mrkdwnText(click.value ?? '', 200) }) });
}
