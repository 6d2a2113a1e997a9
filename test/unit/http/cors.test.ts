// The CORS headers, written on a plain node:http response without a server.
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { CORS_ALLOW_HEADERS, CORS_MAX_AGE, allowAnyOrigin, writePreflight } from '../../../src/http/cors.js';

function response(): ServerResponse {
  return new ServerResponse(new IncomingMessage(new Socket()));
}

describe('allowAnyOrigin', () => {
  it('lets any origin read the response, without credentials', () => {
    const res = response();
    allowAnyOrigin(res);
    expect(res.getHeaders()).toEqual({ 'access-control-allow-origin': '*' });
  });
});

describe('writePreflight', () => {
  it.each([
    { clause: 'a read-only resource', methods: ['GET', 'HEAD', 'OPTIONS'], allowed: 'GET, HEAD, OPTIONS' },
    { clause: 'the SPARQL endpoint', methods: ['GET', 'HEAD', 'POST', 'OPTIONS'], allowed: 'GET, HEAD, POST, OPTIONS' },
  ])('$clause: origin, methods, headers and max-age, never credentials', ({ methods, allowed }) => {
    const res = response();
    writePreflight(res, methods);
    expect(res.getHeaders()).toEqual({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': allowed,
      'access-control-allow-headers': 'Accept, If-None-Match, Content-Type',
      'access-control-max-age': '86400',
    });
    expect(res.getHeader('access-control-allow-credentials')).toBeUndefined();
  });

  it('allows the request headers a revalidating, negotiating or posting client sends', () => {
    const allowed = CORS_ALLOW_HEADERS.split(', ').map((h) => h.toLowerCase());
    expect(allowed).toEqual(expect.arrayContaining(['accept', 'if-none-match', 'content-type']));
    expect(Number(CORS_MAX_AGE)).toBeGreaterThan(0);
  });
});
