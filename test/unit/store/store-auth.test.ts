// Answering a store's challenge: RFC 7616's own example for each Digest algorithm, and a store that
// asks for Digest once is answered with every later request (a write's body goes once, not twice).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpError } from '../../../src/errors.js';
import { SparqlClient } from '../../../src/store/sparql-client.js';
import { digest } from '../../../src/store/store-auth.js';

// RFC 7616, section 3.9.1.
const MUFASA = { user: 'Mufasa', password: 'Circle of Life' };
const CHALLENGE = (algorithm: string): string =>
  `Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=${algorithm}, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`;
const CNONCE = 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ';
const URI = new URL('http://www.example.org/dir/index.html');

const responseOf = (header: string): string | undefined => /response="([^"]+)"/.exec(header)?.[1];

describe('Digest (RFC 7616)', () => {
  it("answers the RFC's MD5 and SHA-256 examples", () => {
    expect(responseOf(digest(MUFASA, CHALLENGE('MD5'), 'GET', URI, 1, CNONCE))).toBe(
      '8ca523f5e9506fed4657c9700eebdbec',
    );
    expect(responseOf(digest(MUFASA, CHALLENGE('SHA-256'), 'GET', URI, 1, CNONCE))).toBe(
      '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1',
    );
  });

  it('answers a -sess algorithm with the session key, names the algorithm, counts the nonce', () => {
    const plain = digest(MUFASA, CHALLENGE('SHA-256'), 'GET', URI, 1, CNONCE);
    const session = digest(MUFASA, CHALLENGE('SHA-256-sess'), 'GET', URI, 2, CNONCE);
    expect(responseOf(session)).not.toBe(responseOf(plain));
    expect(session).toMatch(/algorithm=SHA-256-sess$/);
    expect(session).toMatch(/nc=00000002/);
  });

  it('refuses an algorithm it does not know with a 503 that names it', () => {
    let error: unknown;
    try {
      digest(MUFASA, CHALLENGE('SHA-512-256'), 'GET', URI);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(503);
    expect((error as Error).message).toMatch(/Digest authentication with SHA-512-256/);
  });
});

describe('a store that asks for Digest', () => {
  let server: Server;
  let url = '';
  const seen: Array<{ authorization?: string; bytes: number }> = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let bytes = 0;
      req.on('data', (chunk: Buffer) => (bytes += chunk.length));
      req.on('end', () => {
        seen.push({ ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}), bytes });
        if (!req.headers.authorization?.startsWith('Digest ')) {
          res.writeHead(401, { 'www-authenticate': 'Digest realm="store", nonce="abc", qop="auth"' });
          res.end();
          return;
        }
        res.writeHead(201);
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('is asked once: every later write carries the answer, the nonce counted up, its body sent once', async () => {
    const client = new SparqlClient(`${url}sparql`, { user: 'dba', password: 'dba' });
    const body = { text: '<http://x/a> <http://x/b> <http://x/c> .\n', mediaType: 'text/turtle' };
    for (let i = 0; i < 3; i++) await client.graph(`${url}graph-crud-auth`, 'POST', 'http://x/g', 5000, body);
    // The first write is challenged and sent again; the next two go answered at once.
    expect(seen.map((s) => s.authorization === undefined)).toEqual([true, false, false, false]);
    expect(seen.map((s) => /nc=(\d+)/.exec(s.authorization ?? '')?.[1])).toEqual([
      undefined,
      '00000001',
      '00000002',
      '00000003',
    ]);
    expect(seen.every((s) => s.bytes === body.text.length)).toBe(true);
  });
});
