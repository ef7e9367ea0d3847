import type { MessageKey } from '../i18n/index.js';

export type DomainErrorCode = 'forbidden' | 'not_found' | 'invalid' | 'conflict';

/**
 * A refusal the user should read: `key` names a message in the i18n catalogs, `params` fill it in.
 * Slack handlers translate it into the user's language; the CLI prints it in English.
 */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly key: MessageKey,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${code}: ${key} ${JSON.stringify(params)}`);
    this.name = 'DomainError';
  }
}

export const forbidden = (key: MessageKey, params?: Record<string, string | number>) =>
  new DomainError('forbidden', key, params);
export const notFound = (key: MessageKey, params?: Record<string, string | number>) =>
  new DomainError('not_found', key, params);
export const invalid = (key: MessageKey, params?: Record<string, string | number>) =>
  new DomainError('invalid', key, params);
export const conflict = (key: MessageKey, params?: Record<string, string | number>) =>
  new DomainError('conflict', key, params);
