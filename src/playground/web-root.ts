import fs from 'node:fs';
import type http from 'node:http';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';

/** Where `npm run build` puts the page (Vite, from src/playground/web); the same from src/ and dist/. */
export const WEB_ROOT = fileURLToPath(new URL('../../dist/playground/web', import.meta.url));

/** Serves the built page; without a build, a page saying how to make one. */
export function staticFiles(root = WEB_ROOT): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  if (!fs.existsSync(`${root}/index.html`)) {
    return (_req, res) => {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The playground page is not built yet. Run `npm run build` (npm ci does it) and reload.\n');
    };
  }
  const serve = sirv(root, { etag: true, gzip: false, brotli: false });
  return (req, res) =>
    serve(req, res, () => {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found\n');
    });
}
