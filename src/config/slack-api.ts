/**
 * Slack's Web API base URL as the Web API client wants it (with a trailing slash, or it drops the last path
 * segment): SLACK_API_URL for GovSlack or a fake Slack in tests, else undefined for the client's default.
 */
export function slackApiBaseUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  return url.endsWith('/') ? url : `${url}/`;
}

/**
 * Retries for owner look-ups (users.list, users.lookupByEmail) during an import: someone waits for the
 * answer, so a Slack out of reach is said within seconds (~4 s when the connection is refused; ~50 s when a
 * host takes the connection and never answers: four tries of LOOKUP_TIMEOUT_MS) instead of after the
 * client's default half hour; there is still room for a rate limit's Retry-After.
 */
export const LOOKUP_RETRY = {
  retries: 3,
  factor: 2,
  minTimeout: 500,
  maxTimeout: 5_000,
  randomize: true,
  maxRetryTime: 60_000,
};
export const LOOKUP_TIMEOUT_MS = 10_000;
