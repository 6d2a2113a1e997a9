// The isolation part: does a page keep answering quickly while hostile SPARQL clients keep the
// endpoint busy (runaway queries, large DESCRIBEs, queries nested far past the limit)?
import { readyAt, SPARQL_PROBE, type Started } from './processes.js';
import { closedLoop, describeStatuses, load, sparqlPost, type LoopResult, type RequestSpec } from './load.js';
import { percentile, type BenchRow } from './report.js';

/** A query that runs until the timeout: four unconnected patterns, counted. */
export const RUNAWAY_QUERY = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }';

/** A thousand subjects described at once: a large graph built and serialised per request. */
export const DESCRIBE_QUERY = 'DESCRIBE ?s WHERE { ?s ?p ?o } LIMIT 1000';

/** 10,000 nested groups (about 20 KB, under the 32 KiB size limit): refused by the depth check. */
export const DEEP_GROUPS_QUERY = `SELECT * WHERE ${'{'.repeat(10_000)}${'}'.repeat(10_000)}`;

/** A FILTER inside 2,000 nested parentheses. */
export const DEEP_FILTER_QUERY = `SELECT * WHERE { ?s ?p ?o FILTER(${'('.repeat(2_000)}?o${')'.repeat(2_000)}) }`;

/** Page p99 at most this, with or without hostile clients. */
const PAGE_P99_TARGET_MS = 50;
/** The hostile clients start this long before the page is measured. */
const LEAD_MS = 500;

interface Hostile {
  readonly name: string;
  /** Clients, each sending its next query as soon as the previous is answered. */
  readonly clients: number;
  readonly requests: (endpoint: string) => RequestSpec[];
}

const HOSTILE: readonly Hostile[] = [
  {
    name: '4 runaway queries',
    clients: 4,
    requests: (endpoint) => [sparqlPost(endpoint, RUNAWAY_QUERY, 'runaway')],
  },
  {
    name: `4 clients sending ${DESCRIBE_QUERY}`,
    clients: 4,
    requests: (endpoint) => [sparqlPost(endpoint, DESCRIBE_QUERY, 'describe', 'text/turtle')],
  },
  {
    name: '4 clients sending deeply nested queries',
    clients: 4,
    requests: (endpoint) => [
      sparqlPost(endpoint, DEEP_GROUPS_QUERY, '10,000 nested groups'),
      sparqlPost(endpoint, DEEP_FILTER_QUERY, 'FILTER in 2,000 parentheses'),
    ],
  },
];

export async function benchIsolation(
  size: number,
  platform: Started,
  options: { duration: number },
  log: (line: string) => void,
): Promise<BenchRow[]> {
  const page = `${platform.url}doc/process/bali-process`;
  const endpoint = `${platform.url}sparql`;
  log(`isolation at ${size}: baseline`);
  const quiet = await load(page, options.duration);
  const rows: BenchRow[] = [];
  for (const hostile of HOSTILE) {
    // A worker stopped by the last scenario's deadline is reloading its data: wait until SPARQL
    // answers again, so each scenario starts from a ready engine.
    await readyAt(platform, SPARQL_PROBE, 120_000);
    log(`isolation at ${size}: with ${hostile.name}`);
    const requests = hostile.requests(endpoint);
    let stop = false;
    let sent = 0;
    const hostileLoad: Promise<LoopResult> = closedLoop({
      connections: hostile.clients,
      next: () => (stop ? undefined : requests[sent++ % requests.length]),
    });
    await new Promise((resolve) => setTimeout(resolve, LEAD_MS));
    const busy = await load(page, options.duration);
    stop = true;
    const answered = await hostileLoad;
    // Statuses and median answer time per kind of hostile query.
    const kinds = [...new Set(requests.map((r) => r.label))].map((label) => {
      const answers = answered.answers.filter((a) => a.label === label);
      const median = percentile(
        answers.map((a) => a.ms),
        50,
      );
      const largest = Math.max(0, ...answers.map((a) => a.bytes));
      return `${label}: ${describeStatuses(answers)}${median !== undefined ? `, median answer ${median.toFixed(1)} ms, largest ${largest} B` : ''}`;
    });
    rows.push({
      part: 'isolation',
      name: `page p99 with ${hostile.name}`,
      size,
      value: busy.p99,
      unit: 'ms',
      baselineName: 'page p99, no queries',
      baseline: quiet.p99,
      target: `<= ${PAGE_P99_TARGET_MS} ms`,
      holds: busy.p99 <= PAGE_P99_TARGET_MS,
      note:
        `page p50 ${busy.p50} ms, ${Math.round(busy.rps)} req/s (quiet ${Math.round(quiet.rps)} req/s)` +
        `${busy.errors ? `, ${busy.errors} page errors` : ''}; ` +
        `hostile queries (${hostile.clients} clients, POST application/sparql-query) by status: ${kinds.join('; ')}`,
    });
  }
  return rows;
}
