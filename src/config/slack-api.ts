/**
 * Slack's Web API base URL as the Web API client wants it (with a trailing slash, or it drops the last path
 * segment): SLACK_API_URL for GovSlack or a fake Slack in tests, else undefined for the client's default.
 */
export function slackApiBaseUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  return url.endsWith('/') ? url : `${url}/`;
}
