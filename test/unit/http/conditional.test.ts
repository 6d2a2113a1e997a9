// answerNotModified: the one place that answers 304, on plain node:http objects without a server.
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { answerNotModified, sendRepresentation } from '../../../src/http/send.js';
import { makeRepresentation } from '../../../src/render/representation.js';

const ETAG = '"abc123"';

/** A request with a method and headers, and its response; `body` collects what is written. */
function exchange(method: string, headers: Record<string, string> = {}) {
  const req = new IncomingMessage(new Socket());
  req.method = method;
  req.headers = headers;
  const res = new ServerResponse(req);
  const written: unknown[] = [];
  let ended = false;
  res.end = ((chunk?: unknown) => {
    if (chunk !== undefined) written.push(chunk);
    ended = true;
    return res;
  }) as ServerResponse['end'];
  return { req, res, written, ended: () => ended };
}

describe('answerNotModified', () => {
  it.each([
    { clause: 'GET naming the tag', method: 'GET', inm: ETAG, answered: true },
    { clause: 'HEAD naming the tag', method: 'HEAD', inm: ETAG, answered: true },
    { clause: 'GET with `*`', method: 'GET', inm: '*', answered: true },
    { clause: 'GET with the tag weak, in a list', method: 'GET', inm: `"x", W/${ETAG}`, answered: true },
    { clause: 'GET with another tag', method: 'GET', inm: '"other"', answered: false },
    { clause: 'GET without If-None-Match', method: 'GET', inm: undefined, answered: false },
    { clause: 'POST naming the tag (never conditional)', method: 'POST', inm: ETAG, answered: false },
  ])('$clause → 304: $answered', ({ method, inm, answered }) => {
    const x = exchange(method, inm === undefined ? {} : { 'if-none-match': inm });
    expect(answerNotModified(x.req, x.res, { etag: ETAG, vary: 'Accept' })).toBe(answered);
    expect(x.ended()).toBe(answered);
    expect(x.written).toEqual([]);
    if (answered) expect(x.res.statusCode).toBe(304);
    // The validator and its headers are written either way: on the 304, and for the body to come.
    expect(x.res.getHeader('etag')).toBe(ETAG);
    expect(x.res.getHeader('vary')).toBe('Accept');
    expect(x.res.getHeader('access-control-allow-origin')).toBe('*');
  });

  it('writes only the headers it is given (a SPARQL result: no type or caching before evaluation)', () => {
    const x = exchange('GET', { 'if-none-match': ETAG });
    answerNotModified(x.req, x.res, { etag: ETAG, vary: 'Accept' });
    expect(x.res.getHeaders()).toEqual({ etag: ETAG, vary: 'Accept', 'access-control-allow-origin': '*' });
  });

  it('writes type, caching and Content-Location when given, on the 304 too', () => {
    const x = exchange('GET', { 'if-none-match': ETAG });
    const validator = {
      etag: ETAG,
      contentType: 'text/turtle; charset=utf-8',
      cacheControl: 'public, max-age=300',
      vary: 'Accept',
      contentLocation: 'https://data.example/doc/a.ttl',
    };
    expect(answerNotModified(x.req, x.res, validator)).toBe(true);
    expect(x.res.getHeaders()).toEqual({
      etag: ETAG,
      'content-type': 'text/turtle; charset=utf-8',
      'cache-control': 'public, max-age=300',
      vary: 'Accept',
      'content-location': 'https://data.example/doc/a.ttl',
      'access-control-allow-origin': '*',
    });
  });
});

describe('sendRepresentation answers conditionally through it', () => {
  const rep = makeRepresentation('body\n', 'text/plain; charset=utf-8', ETAG);

  it('a matching If-None-Match is a 304 with the representation headers and no body', () => {
    const x = exchange('GET', { 'if-none-match': ETAG });
    sendRepresentation(x.req, x.res, rep, { negotiated: true, contentLocation: 'https://data.example/x.txt' });
    expect(x.res.statusCode).toBe(304);
    expect(x.written).toEqual([]);
    expect(x.res.getHeader('content-length')).toBeUndefined();
    expect(x.res.getHeader('etag')).toBe(ETAG);
    expect(x.res.getHeader('vary')).toBe('Accept');
    expect(x.res.getHeader('content-location')).toBe('https://data.example/x.txt');
    expect(x.res.getHeader('cache-control')).toBe('public, max-age=300, must-revalidate');
  });

  it('a response with a status of its own (the 410 page) is never a 304', () => {
    const x = exchange('GET', { 'if-none-match': ETAG });
    sendRepresentation(x.req, x.res, rep, { status: 410 });
    expect(x.res.statusCode).toBe(410);
    expect(x.written.map(String)).toEqual(['body\n']);
    expect(x.res.getHeader('etag')).toBe(ETAG);
  });

  it('a stale copy gets the body, with the same headers', () => {
    const x = exchange('GET', { 'if-none-match': '"old"' });
    sendRepresentation(x.req, x.res, rep);
    expect(x.res.statusCode).toBe(200);
    expect(x.written.map(String)).toEqual(['body\n']);
    expect(x.res.getHeader('content-length')).toBe('5');
    expect(x.res.getHeader('access-control-allow-origin')).toBe('*');
    expect(x.res.getHeader('vary')).toBeUndefined();
  });
});
