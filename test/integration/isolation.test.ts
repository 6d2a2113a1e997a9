// No single request harms the platform: each hostile or careless SPARQL request found in review gets a
// clear answer, pages keep answering while it is handled, and the engine is healthy right after.
// (The start-up rows of that review, bad files, caches and ports, are in the CLI and cache tests; the
// crawl and the hostile-IRI rows in the representation-cache and security-header tests.)
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerPoolEngine } from '../../src/sparql/worker-pool.js';
import { realAppWith, type TestApp } from '../support/app.js';

const TIMEOUT_MS = 4000;
const PAGE = '/doc/process/bali-process';
/** What a page may take while a hostile request is handled: generous, the machines are noisy. */

interface Reply {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

let app: TestApp;
let server: http.Server;
let origin = '';

beforeAll(async () => {
  app = await realAppWith({ SPARQL_TIMEOUT_MS: String(TIMEOUT_MS), SPARQL_QUERY_MEMORY_BYTES: String(256 * 2 ** 20) });
  server = http.createServer(app.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await app.engine.close();
});

/** One request over a fresh connection (the agent pools them; we want none reused between tests). */
function send(
  path: string,
  init: { method?: string; body?: string; type?: string; accept?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${origin}${path}`,
      {
        method: init.method ?? 'GET',
        agent: false,
        headers: {
          ...(init.accept ? { accept: init.accept } : {}),
          ...(init.type ? { 'content-type': init.type } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}

const sparql = (query: string, accept = 'application/sparql-results+json'): Promise<Reply> =>
  send('/sparql', { method: 'POST', body: query, type: 'application/sparql-query', accept });

/**
 * Runs `hostile` while a page is fetched again and again; returns the hostile replies and how many
 * page answers came back before they did (each one a 200). How quickly pages answer meanwhile is
 * measured in the bench (`npm run bench -- --parts isolation`), not here: a timed assertion fails on
 * a loaded machine, whatever the platform does.
 */
async function whilePagesAnswer(hostile: () => Promise<Reply[]>): Promise<{ replies: Reply[]; pagesDuring: number }> {
  let done = false;
  let answered = 0;
  const pages = (async () => {
    // At least one page answer after the hostile requests are sent, however fast they come back.
    do {
      const page = await send(PAGE, { accept: 'text/html' });
      expect(page.status).toBe(200);
      answered++;
      await new Promise((resolve) => setTimeout(resolve, 10));
    } while (!done);
  })();
  try {
    const replies = await hostile();
    return { replies, pagesDuring: answered };
  } finally {
    done = true;
    await pages;
  }
}

/** After each row: `ASK {}` answers true and a page answers 200, at once. */
async function expectHealthy(): Promise<void> {
  const ask = await sparql('ASK {}');
  expect(ask.status, ask.body).toBe(200);
  expect(JSON.parse(ask.body)).toEqual({ head: {}, boolean: true });
  expect((await send(PAGE, { accept: 'text/turtle' })).status).toBe(200);
}

const deepParentheses = `SELECT * WHERE { ?s ?p ?o FILTER(${'('.repeat(2000)}1${')'.repeat(2000)}) }`;
const deepGroups = `SELECT * WHERE ${'{'.repeat(10_000)}${'}'.repeat(10_000)}`;

interface Row {
  readonly request: string;
  readonly send: () => Promise<Reply[]>;
  readonly status: number;
  readonly message: RegExp;
  /** Pages that answer while it is handled, at least (for the requests that run until a limit stops them). */
  readonly pagesDuring?: number;
}

const ROWS: Row[] = [
  {
    request: 'FILTER with 2,000 nested parentheses (4 KB), sent twice',
    send: async () => [await sparql(deepParentheses), await sparql(deepParentheses)],
    status: 400,
    message: /too deeply nested: its brackets reach 201 levels; at most 200/,
  },
  {
    request: 'a cross product sorted on two columns (53 bytes)',
    send: async () => [await sparql('SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f')],
    status: 503,
    message: /time limit of 4 s|needed more than 256 MiB of memory/,
    pagesDuring: 3,
  },
  {
    request: '10,000 nested groups (20 KB, under the query-length limit)',
    send: async () => [await sparql(deepGroups)],
    status: 400,
    message: /too deeply nested/,
  },
  {
    request: 'DESCRIBE ?s WHERE { ?s ?p ?o } LIMIT 1000, four at once',
    send: () =>
      Promise.all(
        [0, 1, 2, 3].map((i) =>
          sparql(`DESCRIBE ?s WHERE { ?s ?p ?o } LIMIT 1000 OFFSET ${i}`, 'application/n-triples'),
        ),
      ),
    status: 200,
    message: /^<https:\/\/data\.test\.example\//,
  },
  {
    request: 'DESCRIBE <http://a:b/> (an IRI the parser accepts and the store does not)',
    send: async () => [await sparql('DESCRIBE <http://a:b/>', 'text/turtle')],
    status: 400,
    message: /DESCRIBE <http:\/\/a:b\/>: not a valid http IRI/,
  },
  {
    request: '50 cheap queries at once',
    send: () => Promise.all(Array.from({ length: 50 }, (_, i) => sparql(`ASK { FILTER(${i} >= 0) }`))),
    status: 200,
    message: /"boolean":true/,
  },
];

describe('isolation: hostile and careless SPARQL requests (SPARQL_TIMEOUT_MS=4000, SPARQL_QUERY_MEMORY_BYTES=256 MiB)', () => {
  it.each(ROWS)('$request: $status, pages keep answering, the engine is healthy after', async (row) => {
    const { replies, pagesDuring } = await whilePagesAnswer(row.send);
    for (const reply of replies) {
      expect(reply.status, reply.body).toBe(row.status);
      expect(reply.body).toMatch(row.message);
      if (reply.status === 503) expect(reply.headers['retry-after']).toMatch(/^\d+$/);
    }
    // The main thread is not held by the request: pages are answered while it runs.
    expect(pagesDuring, 'page answers while the request was handled').toBeGreaterThanOrEqual(row.pagesDuring ?? 0);
    await expectHealthy();
  });

  it('a worker killed in the middle of a query: 503 with Retry-After, and the engine is healthy after', async () => {
    const pool = app.engine as WorkerPoolEngine;
    expect(pool).toBeInstanceOf(WorkerPoolEngine);
    const slow = sparql('SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }');
    const slots = (pool as unknown as { slots: Array<{ job?: unknown; worker: { terminate(): Promise<number> } }> })
      .slots;
    const deadline = Date.now() + 5000;
    while (!slots.some((s) => s.job) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    await slots.find((s) => s.job)?.worker.terminate();
    const reply = await slow;
    expect(reply.status, reply.body).toBe(503);
    expect(reply.body).toMatch(/stopped while evaluating this query .* is being restarted/);
    expect(reply.headers['retry-after']).toMatch(/^\d+$/);
    await expectHealthy();
  });
});
