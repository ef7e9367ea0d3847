import type http from 'node:http';

/**
 * Only the playground's own page may use its API (`/pg/…`), which acts as any persona. A browser lets any web
 * page send requests to loopback: a cross-site page would send its own Origin (or a Sec-Fetch-Site of
 * cross-site), and a DNS-rebinding page a foreign Host. A JSON body is also required, as a cross-site form
 * cannot send one without a preflight this server never answers (nor raw bytes, `application/octet-stream`,
 * which is what an upload takes instead).
 */
export function pageRefusal(
  req: http.IncomingMessage,
  port: number,
  bodyType: 'application/json' | 'application/octet-stream' = 'application/json',
): { status: 403 | 415; error: string } | null {
  if (hostRefusal(req, port)) return { status: 403, error: 'forbidden_host' };
  if (crossSite(req)) return { status: 403, error: 'forbidden_origin' };
  if (req.method === 'POST') {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== bodyType) return { status: 415, error: bodyType === 'application/json' ? 'json_only' : 'bytes_only' };
  }
  return null;
}

/**
 * True for a request under another host name than the playground's own. A DNS-rebinding page is same-origin
 * with the server it rebinds to, so it could read the shared files (`/files/F…`, numbered in order: a board's
 * whole export) and fill in uploads before the bot does; the bot and the page both use 127.0.0.1 or localhost.
 */
export function hostRefusal(req: http.IncomingMessage, port: number): boolean {
  const host = req.headers.host?.toLowerCase();
  return host !== `127.0.0.1:${port}` && host !== `localhost:${port}`;
}

/**
 * True for a request a page of another site sent: its Origin, or its Sec-Fetch-Site. The bot's own client
 * (Node) sends neither, so the bot's upload URLs (`/upload/F…`, numbered in order, so guessable) take bytes
 * only from it: a page open in the same browser could otherwise fill a file before the bot does.
 */
export function crossSite(req: http.IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin !== undefined && origin.toLowerCase() !== `http://${req.headers.host?.toLowerCase()}`) return true;
  const site = req.headers['sec-fetch-site'];
  return site !== undefined && site !== 'same-origin' && site !== 'none';
}
