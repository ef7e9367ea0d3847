import type { WebClient } from '@slack/web-api';
import type { EvidenceFileInput } from '../../domain/evidence.js';
import type { Logger } from '../../logging/logger.js';

/**
 * Files a person attached (a file_input's state, or a shared message), described by Slack itself with
 * files.info: name, type, size and permalink. Nothing is lost when Slack cannot answer: the file is kept
 * with the id and the name the submission carried (and no link).
 */
export async function describeFiles(
  client: WebClient,
  logger: Logger,
  submitted: readonly { id: string; name: string }[],
): Promise<EvidenceFileInput[]> {
  return Promise.all(
    submitted.map(async ({ id, name }) => {
      try {
        const { file } = await client.files.info({ file: id });
        return {
          fileId: id,
          name: (file?.name ?? file?.title ?? name).slice(0, 255) || id,
          filetype: (file?.filetype ?? '').slice(0, 40),
          size: typeof file?.size === 'number' ? file.size : 0,
          permalink: (file?.permalink ?? file?.url_private ?? '').slice(0, 2000),
        };
      } catch (err) {
        logger.warn({ err, file: id }, 'files.info failed: the file is kept with what the submission said');
        return { fileId: id, name: name.slice(0, 255) || id, filetype: '', size: 0, permalink: '' };
      }
    }),
  );
}
