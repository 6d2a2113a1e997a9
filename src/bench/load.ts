// The bench's load generators: autocannon against one URL, and a small node:http client for what
// autocannon cannot say (a rotating mix, a list fetched once, latency and status per answer).
import http, { type OutgoingHttpHeaders } from 'node:http';
import autocannon from 'autocannon';

export interface LoadResult {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
}

/** autocannon against one URL: 10 connections, `duration` seconds. */
export async function load(url: string, duration: number, headers: Record<string, string> = {}): Promise<LoadResult> {
  const result = await autocannon({ url, connections: 10, duration, headers });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

export interface RequestSpec {
  readonly url: string;
  /** A name for the request in notes (the query's name); copied to its Answer. */
  readonly label?: string;
  readonly method?: string;
  readonly headers?: OutgoingHttpHeaders;
  readonly body?: string;
}

/** One answer as the client saw it; status 0 when there was none (`error` says why). */
export interface Answer {
  readonly status: number;
  readonly label?: string;
  /** From sending to the last byte of the body. */
  readonly ms: number;
  readonly bytes: number;
  readonly error?: string;
}

/** Longer than any deadline of the platform (SPARQL_TIMEOUT_MS is 10 s by default). */
const CLIENT_TIMEOUT_MS = 60_000;

/** Sends one request and reads the whole body. Never rejects: a failure is an Answer with status 0. */
export function send(agent: http.Agent, spec: RequestSpec): Promise<Answer> {
  const t0 = performance.now();
  const body = spec.body === undefined ? undefined : Buffer.from(spec.body, 'utf8');
  return new Promise<Answer>((resolve) => {
    const done = (status: number, bytes: number, error?: string): void =>
      resolve({
        status,
        ms: performance.now() - t0,
        bytes,
        ...(spec.label !== undefined ? { label: spec.label } : {}),
        ...(error !== undefined ? { error } : {}),
      });
    const req = http.request(
      spec.url,
      {
        method: spec.method ?? (body ? 'POST' : 'GET'),
        agent,
        timeout: CLIENT_TIMEOUT_MS,
        headers: { ...spec.headers, ...(body ? { 'content-length': body.length } : {}) },
      },
      (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => done(res.statusCode ?? 0, bytes));
        res.on('error', (error) => done(0, bytes, error.message));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${CLIENT_TIMEOUT_MS / 1000} s`)));
    req.on('error', (error: NodeJS.ErrnoException) => done(0, 0, error.code ?? error.message));
    req.end(body);
  });
}

export interface LoopResult {
  readonly answers: Answer[];
  /** From the first request to the last answer, in milliseconds. */
  readonly elapsedMs: number;
}

/**
 * `connections` clients, each sending its next request as soon as the previous one is answered
 * (a closed loop, like autocannon: a refusal is not waited out), over one kept-alive socket each.
 * A client stops when `next` has nothing more or, with `durationMs`, once that time has passed
 * (the request under way is still awaited and counted).
 */
export async function closedLoop(options: {
  connections: number;
  next: (client: number) => RequestSpec | undefined;
  durationMs?: number;
}): Promise<LoopResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const answers: Answer[] = [];
  const t0 = performance.now();
  const end = options.durationMs === undefined ? Infinity : t0 + options.durationMs;
  const client = async (i: number): Promise<void> => {
    while (performance.now() < end) {
      const spec = options.next(i);
      if (!spec) return;
      answers.push(await send(agent, spec));
    }
  };
  try {
    await Promise.all(Array.from({ length: options.connections }, (_, i) => client(i)));
  } finally {
    agent.destroy();
  }
  return { answers, elapsedMs: performance.now() - t0 };
}

/** Answers with `status` per second of the loop's whole run. */
export function answeredPerSecond(result: LoopResult, status = 200): number {
  return result.answers.filter((a) => a.status === status).length / (result.elapsedMs / 1000);
}

/** Every request sent at the same moment, each on its own connection. */
export async function burst(specs: readonly RequestSpec[]): Promise<Answer[]> {
  const agent = new http.Agent({ keepAlive: false, maxSockets: specs.length });
  try {
    return await Promise.all(specs.map((spec) => send(agent, spec)));
  } finally {
    agent.destroy();
  }
}

/** "200: 1234, 503: 12, no answer (ECONNRESET): 1": the answers by status, most frequent first. */
export function describeStatuses(answers: readonly Answer[]): string {
  const counts = new Map<string, number>();
  for (const a of answers) {
    const key = a.status === 0 ? `no answer (${a.error ?? 'unknown'})` : String(a.status);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  if (counts.size === 0) return 'none answered';
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([status, n]) => `${status}: ${n}`)
    .join(', ');
}

/**
 * Which requests got an answer other than `expected`: "503: group-count 12, join 3; 500: regex 1"
 * (by their labels), or "" when all did.
 */
export function describeUnexpected(answers: readonly Answer[], expected = 200): string {
  const byStatus = new Map<string, Map<string, number>>();
  for (const a of answers) {
    if (a.status === expected) continue;
    const status = a.status === 0 ? `no answer (${a.error ?? 'unknown'})` : String(a.status);
    const labels = byStatus.get(status) ?? new Map<string, number>();
    labels.set(a.label ?? '?', (labels.get(a.label ?? '?') ?? 0) + 1);
    byStatus.set(status, labels);
  }
  return [...byStatus]
    .map(([status, labels]) => `${status}: ${[...labels].map(([label, n]) => `${label} ${n}`).join(', ')}`)
    .join('; ');
}

/** A SPARQL query sent as the body of a POST (application/sparql-query). */
export function sparqlPost(
  endpoint: string,
  query: string,
  label: string,
  accept = 'application/sparql-results+json',
): RequestSpec {
  return {
    url: endpoint,
    label,
    method: 'POST',
    headers: { 'content-type': 'application/sparql-query', accept },
    body: query,
  };
}
