// The remote store's HTTP client keeps at most STORE_CONNECTIONS requests in flight: the others
// wait their turn, within their own deadline (a store drops the connections past its own bound).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpError } from '../../../src/errors.js';
import { SparqlClient } from '../../../src/store/sparql-client.js';

let server: Server;
let url: string;
let active = 0;
let most = 0;

beforeAll(async () => {
  // A store that answers every query after 40 ms and counts how many it holds at once.
  server = createServer((req, res) => {
    active += 1;
    most = Math.max(most, active);
    req.resume();
    setTimeout(() => {
      active -= 1;
      res.writeHead(200, { 'content-type': 'application/sparql-results+json' });
      res.end('{"head":{"vars":[]},"results":{"bindings":[]}}');
    }, 40);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sparql`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('SparqlClient: requests in flight', () => {
  it('sends at most maxConcurrent at once, and every one is answered', async () => {
    most = 0;
    const client = new SparqlClient(url, undefined, 3);
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => client.query('ASK {}', 'application/sparql-results+json', { timeoutMs: 5000 })),
    );
    expect(answers).toHaveLength(12);
    expect(most).toBe(3);
  });

  it('a request that waits past its deadline is a 503 saying how long it took, and frees nothing it did not hold', async () => {
    const client = new SparqlClient(url, undefined, 1);
    const first = client.query('ASK {}', 'application/sparql-results+json', { timeoutMs: 5000 });
    const late = client.query('ASK {}', 'application/sparql-results+json', { timeoutMs: 10 });
    await expect(late).rejects.toSatisfy(
      (e: unknown) => e instanceof HttpError && e.status === 503 && /took over 10 ms/.test(e.message),
    );
    await first;
    // The turn the late request never got is not given back twice: one at a time still.
    most = 0;
    await Promise.all(
      [1, 2, 3].map(() => client.query('ASK {}', 'application/sparql-results+json', { timeoutMs: 5000 })),
    );
    expect(most).toBe(1);
  });
});
