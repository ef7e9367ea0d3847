import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import { pageRefusal } from '../../src/playground/page-guard.js';

const req = (method: string, headers: http.IncomingHttpHeaders) => ({ method, headers }) as http.IncomingMessage;
const json = { 'content-type': 'application/json' };

describe('who may use the playground’s page API', () => {
  it('its own page, on 127.0.0.1 or localhost at its port', () => {
    expect(pageRefusal(req('GET', { host: '127.0.0.1:4000' }), 4000)).toBeNull();
    expect(pageRefusal(req('GET', { host: 'localhost:4000', origin: 'http://localhost:4000' }), 4000)).toBeNull();
    const own = { host: '127.0.0.1:4000', origin: 'http://127.0.0.1:4000', 'sec-fetch-site': 'same-origin' };
    expect(pageRefusal(req('POST', { ...own, 'content-type': 'application/json; charset=utf-8' }), 4000)).toBeNull();
  });

  it('not another host name (DNS rebinding), port, origin or site', () => {
    const refused = (headers: http.IncomingHttpHeaders) => pageRefusal(req('POST', { ...json, ...headers }), 4000);
    expect(refused({ host: 'evil.example:4000' })).toEqual({ status: 403, error: 'forbidden_host' });
    expect(refused({ host: '127.0.0.1:4001' })).toEqual({ status: 403, error: 'forbidden_host' });
    expect(refused({})).toEqual({ status: 403, error: 'forbidden_host' });
    const host = { host: '127.0.0.1:4000' };
    expect(refused({ ...host, origin: 'https://evil.example' })?.status).toBe(403);
    expect(refused({ ...host, origin: 'null' })?.status).toBe(403);
    expect(refused({ ...host, origin: 'http://localhost:4000' })?.status).toBe(403);
    expect(refused({ ...host, 'sec-fetch-site': 'cross-site' })?.status).toBe(403);
  });

  it('a POST with a body that is not JSON: 415', () => {
    const host = { host: '127.0.0.1:4000' };
    expect(pageRefusal(req('POST', { ...host, 'content-type': 'text/plain' }), 4000)).toEqual({
      status: 415,
      error: 'json_only',
    });
    expect(pageRefusal(req('POST', host), 4000)?.status).toBe(415);
    expect(
      pageRefusal(req('POST', { ...host, 'content-type': 'application/x-www-form-urlencoded' }), 4000)?.status,
    ).toBe(415);
  });
});
