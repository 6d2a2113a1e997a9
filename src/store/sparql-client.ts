// The one HTTP client of a remote SPARQL store: queries (SPARQL 1.1 protocol), updates and the
// Graph Store protocol, with the store's credentials (Basic, or Digest as Virtuoso asks) and a
// bound on time and on the bytes read. Used by the platform's reads (sparql-reads.ts), the query
// workers that forward client queries (remote-query-worker.ts) and the loader (load.ts).
import { HttpError } from '../errors.js';
import { authorization, type Challenge, type StoreCredentials } from './store-auth.js';
import { unavailable } from './store.js';

export type { StoreCredentials } from './store-auth.js';

export interface QueryOptions {
  /** The protocol's default-graph-uri: the data version the query reads. */
  readonly defaultGraph?: string;
  /** The protocol's named-graph-uri: the only named graphs the query sees. */
  readonly namedGraph?: string;
  /** How long the request may take, body included (ms). */
  readonly timeoutMs: number;
  /** The most bytes of body read; past it the answer is refused, never truncated. */
  readonly maxBytes?: number;
  /** Asks the store to stop the query itself after this many ms (Virtuoso's `timeout` parameter). */
  readonly storeTimeoutMs?: number;
}

/** The store refused the query itself (a 4xx, or a SQL error a query causes): the client's fault. */
export class StoreRefusal extends Error {
  override name = 'StoreRefusal';
  constructor(
    /** The store's status code. */
    readonly status: number,
    message: string,
  ) {
    super(message || `the store answered ${status}`);
  }
}

/** The answer was larger than QueryOptions.maxBytes. */
export class StoreAnswerTooLarge extends Error {
  override name = 'StoreAnswerTooLarge';
}

/**
 * Virtuoso answers a query's own faults (syntax SP031/37000, access 42000, data exceptions 22xxx)
 * with 400 or 500 and a body that starts `Virtuoso <SQL state> Error`: those are the client's.
 */
const QUERY_FAULT = /^Virtuoso (37000|42\w{3}|22\w{3}|S0022) Error/;

/**
 * At most `limit` requests in flight; the others wait their turn, first come first served, within
 * their own deadline. A store drops the connections past its own bound (Virtuoso's
 * MaxClientConnections: at 16, 30 clients crawling one front end got 26 % of 503s with
 * UND_ERR_SOCKET), so a front end queues its reads rather than open more than the store takes.
 */
class Turns {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  /** Waits for a turn (rejects when `signal` aborts first); returns the function that gives it back. */
  async take(signal: AbortSignal): Promise<() => void> {
    if (this.active >= this.limit) {
      await new Promise<void>((resolve, reject) => {
        const ready = (): void => {
          signal.removeEventListener('abort', abort);
          resolve();
        };
        const abort = (): void => {
          const at = this.waiting.indexOf(ready);
          if (at >= 0) this.waiting.splice(at, 1);
          reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
        };
        if (signal.aborted) return abort();
        signal.addEventListener('abort', abort, { once: true });
        this.waiting.push(ready);
      });
    } else this.active += 1;
    let given = false;
    return () => {
      if (given) return;
      given = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    };
  }
}

export class SparqlClient {
  private readonly turns: Turns;
  /** The last challenge of each address that asked for credentials (its origin and path). */
  private readonly challenges = new Map<string, Challenge>();

  constructor(
    private readonly queryUrl: string,
    private readonly credentials?: StoreCredentials,
    /** Requests in flight at once from this client (STORE_CONNECTIONS); the rest wait their turn. */
    maxConcurrent = Number.POSITIVE_INFINITY,
  ) {
    this.turns = new Turns(maxConcurrent);
  }

  /**
   * Sends one query as a form POST (the one request body every SPARQL 1.1 store takes; Virtuoso 7
   * does not read a bare application/sparql-query body) and returns the body. Rejects with a
   * StoreRefusal when the store blames the query, StoreAnswerTooLarge past maxBytes, and a 503
   * HttpError for everything else: the store is down, slow, or answered partly.
   */
  async query(query: string, accept: string, options: QueryOptions): Promise<string> {
    const form = new URLSearchParams({ query });
    if (options.defaultGraph) form.set('default-graph-uri', options.defaultGraph);
    if (options.namedGraph) form.set('named-graph-uri', options.namedGraph);
    if (options.storeTimeoutMs) form.set('timeout', String(Math.max(1, Math.floor(options.storeTimeoutMs))));
    return this.request(this.queryUrl, { method: 'POST', headers: { accept }, body: form, retry: true }, options);
  }

  /** One SPARQL update, POSTed as a form to the store's update URL, with the credentials. */
  async update(updateUrl: string, update: string, timeoutMs: number): Promise<void> {
    await this.request(updateUrl, { method: 'POST', body: new URLSearchParams({ update }) }, { timeoutMs });
  }

  /** A Graph Store protocol request on one graph (PUT replaces it, POST adds to it, DELETE drops it). */
  async graph(
    graphStoreUrl: string,
    method: 'PUT' | 'POST' | 'DELETE',
    graph: string,
    timeoutMs: number,
    body?: { readonly text: string; readonly mediaType: string },
  ): Promise<void> {
    const url = new URL(graphStoreUrl);
    url.searchParams.set('graph-uri', graph); // Virtuoso's name for the protocol's `graph`
    url.searchParams.set('graph', graph);
    await this.request(
      url.href,
      { method, refusals: [404], ...(body ? { headers: { 'content-type': body.mediaType }, body: body.text } : {}) },
      { timeoutMs },
    );
  }

  private async request(
    url: string,
    init: {
      method: string;
      headers?: Record<string, string>;
      body?: URLSearchParams | string;
      /** A read: sent once more when the connection fails before an answer (see below). */
      retry?: boolean;
      /** Statuses besides 400 that are StoreRefusals (a Graph Store protocol 404: no such graph). */
      refusals?: readonly number[];
    },
    options: Pick<QueryOptions, 'timeoutMs' | 'maxBytes'>,
  ): Promise<string> {
    const signal = AbortSignal.timeout(options.timeoutMs);
    const deadline = performance.now() + options.timeoutMs;
    let release: (() => void) | undefined;
    try {
      release = await this.turns.take(signal);
      const once = (authorization?: string): Promise<Response> =>
        fetch(url, {
          method: init.method,
          headers: { ...init.headers, ...(authorization ? { authorization } : {}) },
          ...(init.body !== undefined ? { body: init.body } : {}),
          signal,
        });
      // A kept-alive connection the store has just closed fails before any answer: a read is sent
      // again, once, on a new connection (within the same deadline). Writes are never repeated.
      const send = (authorization?: string): Promise<Response> =>
        once(authorization).catch((error: unknown) => {
          if (!init.retry || signal.aborted || (error as Error).name !== 'TypeError') throw error;
          return once(authorization);
        });
      // Credentials go only where the store asks for them, in the scheme it asks for (Virtuoso
      // answers a Basic header it did not ask for with a 401 and no challenge). Once asked, they
      // go with every later request, answering the last challenge (a Digest nonce is used again
      // with the next count, RFC 7616), so a write's body is not sent twice; a store that refuses
      // them (a stale nonce) challenges again and is answered once more.
      const target = new URL(url);
      const space = `${target.origin}${target.pathname}`;
      const answer = (): string | undefined => {
        const known = this.challenges.get(space);
        return this.credentials && known ? authorization(this.credentials, known, init.method, target) : undefined;
      };
      let response = await send(answer());
      const challenge = response.headers.get('www-authenticate');
      if (response.status === 401 && this.credentials && challenge) {
        await response.body?.cancel();
        this.challenges.set(space, { header: challenge, count: 0 });
        response = await send(answer());
      }
      // The body is read under the same deadline: a store that sends its headers and stalls is a 503 too.
      const text = await readBounded(response, options.maxBytes);
      if (response.status === 401 || response.status === 403)
        throw unavailable(
          `refused the platform's credentials (${response.status}); check STORE_USER and STORE_PASSWORD`,
        );
      if (!response.ok) {
        const message = text.trim().slice(0, 600);
        // Only a 400, or a SQL state a query causes, is the query's fault; any other status (a
        // proxy's 404, 413 or 429) is the store's or its address's: a 503.
        if (response.status === 400 || (init.refusals ?? []).includes(response.status) || QUERY_FAULT.test(message))
          throw new StoreRefusal(response.status, message.split('\n\n')[0] ?? message);
        throw unavailable(`answered ${response.status}: ${message.slice(0, 200)}`);
      }
      // Virtuoso answers a query that ran out of its own time with a 200, partial results and this header.
      const state = response.headers.get('x-sql-state');
      if (state) throw unavailable(`gave partial results (SQL state ${state})`);
      // And one it cut at its row cap (ResultSetMaxRows) with this one: never passed on as whole.
      const cap = response.headers.get('x-sparql-maxrows');
      if (cap)
        throw unavailable(
          `cut its answer at ${cap} rows (Virtuoso's ResultSetMaxRows); raise it above the largest answer (docs/deployment.md)`,
        );
      return text;
    } catch (error) {
      if (error instanceof HttpError || error instanceof StoreRefusal || error instanceof StoreAnswerTooLarge)
        throw error;
      const timedOut = (error as Error).name === 'TimeoutError' || performance.now() >= deadline;
      // fetch says only "fetch failed"; the reason (ECONNREFUSED, a reset, a bad URL) is its cause.
      const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
      const reason = timedOut
        ? `took over ${options.timeoutMs} ms`
        : [(error as Error).message, cause?.code ?? cause?.message].filter(Boolean).join(': ');
      throw unavailable(`could not be reached (${reason})`);
    } finally {
      release?.();
    }
  }
}


async function readBounded(response: Response, maxBytes: number | undefined): Promise<string> {
  if (maxBytes === undefined || !response.body) return response.text();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      await response.body.cancel().catch(() => undefined);
      throw new StoreAnswerTooLarge(`the store's answer is larger than ${maxBytes} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
