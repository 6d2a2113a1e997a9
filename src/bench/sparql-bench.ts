// The SPARQL part of the benchmark: a mix of queries over the generated data plus every worked example, timed
// over HTTP against our endpoint and Virtuoso, and in-process against the bare engine (Oxigraph).
import http from 'node:http';
import oxigraph from 'oxigraph';
import { WELL_KNOWN_PREFIXES, ownPrefixes } from '../rdf/vocab.js';
import { sparqlExamples } from '../sparql/examples.js';
import { percentile, type BenchRow } from './report.js';
import { VIRTUOSO_NOT_INSTALLED, findVirtuoso, startVirtuoso } from './virtuoso.js';

export interface BenchQuery {
  readonly name: string;
  readonly query: string;
  /** Part of the mix (the targets apply), or a worked example (figures only). */
  readonly mix: boolean;
}

/** The mix, written against the generated data's IRIs under the base IRI. */
export function sparqlMix(baseIri: string): BenchQuery[] {
  const ns: Record<string, string> = { ...WELL_KNOWN_PREFIXES, ...ownPrefixes(baseIri) };
  const prefixes = (...names: string[]): string => names.map((n) => `PREFIX ${n}: <${ns[n]}>\n`).join('');
  // A generated process that exists at every size from 10 k triples (182 units) up.
  const process = `<${baseIri}id/process/gen-process-117>`;
  const mix: Array<Omit<BenchQuery, 'mix'>> = [
    { name: 'lookup', query: `SELECT ?p ?o WHERE { ${process} ?p ?o }` },
    {
      name: 'inbound',
      query: `SELECT ?p ?o ?s ?q WHERE {
  { ${process} ?p ?o } UNION { ?s ?q ${process} }
}`,
    },
    {
      name: 'join',
      query: `${prefixes('rdfs', 'mig')}SELECT ?session ?edition ?editionLabel WHERE {
  ?session mig:sessionOf ?edition .
  ?edition rdfs:label ?editionLabel .
}`,
    },
    {
      name: 'group-count',
      query: `${prefixes('org')}SELECT ?role (COUNT(?engagement) AS ?engagements) WHERE {
  ?engagement org:role ?role .
}
GROUP BY ?role
ORDER BY DESC(?engagements)`,
    },
    {
      name: 'regex',
      query: `${prefixes('rdfs')}SELECT ?thing ?label WHERE {
  ?thing rdfs:label ?label .
  FILTER(REGEX(?label, "^session on (labour|health) .*migration", "i"))
}`,
    },
    {
      name: 'optional-order-limit',
      query: `${prefixes('dct', 'mig')}SELECT ?report ?title ?series ?year ?ordinal WHERE {
  ?report a mig:Report ;
          dct:title ?title .
  OPTIONAL { ?report mig:inSeries ?series }
  OPTIONAL { ?report mig:year ?year }
  OPTIONAL { ?report mig:ordinal ?ordinal }
}
ORDER BY DESC(?year) ?report
LIMIT 100`,
    },
  ];
  return mix.map((q) => ({ ...q, mix: true }));
}

/** The mix and every worked example. */
export function benchQueries(baseIri: string): BenchQuery[] {
  return [...sparqlMix(baseIri), ...sparqlExamples(baseIri).map((e) => ({ name: e.id, query: e.query, mix: false }))];
}

interface Timing {
  readonly median?: number;
  readonly p95?: number;
  /** Solutions in the answer (1 for ASK). */
  readonly results?: number;
  readonly error?: string;
}

const WARM_UP = 2;

function countResults(body: string): number {
  const json = JSON.parse(body) as { boolean?: boolean; results?: { bindings?: unknown[] } };
  if (typeof json.boolean === 'boolean') return 1;
  return json.results?.bindings?.length ?? 0;
}

/** Runs `once` WARM_UP + runs times, sequentially; times the last `runs`. */
async function time(runs: number, once: () => Promise<string> | string): Promise<Timing> {
  const samples: number[] = [];
  let results: number | undefined;
  try {
    for (let i = 0; i < WARM_UP + runs; i++) {
      const t0 = performance.now();
      const body = await once();
      const elapsed = performance.now() - t0;
      if (i >= WARM_UP) samples.push(elapsed);
      if (results === undefined) results = countResults(body);
    }
  } catch (error) {
    return { error: (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, 120) };
  }
  return { median: percentile(samples, 50), p95: percentile(samples, 95), results };
}

/**
 * One SPARQL request (form POST) over a kept-alive connection. node:http rather than fetch: fetch
 * adds about a millisecond of client work per request here, the same for every server, which
 * would blur the servers' own differences.
 */
function overHttp(agent: http.Agent, endpoint: string, query: string, defaultGraph?: string): () => Promise<string> {
  const body = new URLSearchParams({
    query,
    ...(defaultGraph !== undefined ? { 'default-graph-uri': defaultGraph } : {}),
  }).toString();
  return () =>
    new Promise<string>((resolve, reject) => {
      const req = http.request(
        endpoint,
        {
          method: 'POST',
          agent,
          timeout: 120_000,
          headers: {
            accept: 'application/sparql-results+json',
            'content-type': 'application/x-www-form-urlencoded',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if (res.statusCode !== 200) reject(new Error(`${res.statusCode}: ${text.slice(0, 200)}`));
            else resolve(text);
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error('no answer within 120 s')));
      req.on('error', reject);
      req.end(body);
    });
}

async function timeAll(
  queries: readonly BenchQuery[],
  runs: number,
  run: (query: string) => () => Promise<string> | string,
): Promise<Map<string, Timing>> {
  const timings = new Map<string, Timing>();
  for (const q of queries) timings.set(q.name, await time(runs, run(q.query)));
  return timings;
}

const ms = (n: number | undefined): string => (n === undefined ? '?' : n >= 10 ? n.toFixed(1) : n.toFixed(2));

/**
 * Median and p95 latency of each query against our endpoint, Virtuoso (when installed) and the bare engine in-process.
 * Two rows per query: beside Virtuoso, and beside in-process Oxigraph.
 */
export async function benchSparql(options: {
  size: number;
  dataRoot: string;
  platformUrl: string;
  runs: number;
  /** The data's base IRI, when it is not the platform's URL (the sparql store's front ends). */
  baseIri?: string;
  /**
   * The store the platform forwards to (`--store sparql`): each query is also sent straight to it,
   * with the data version's graph as the default graph, instead of starting a Virtuoso of its own
   * and running the in-process engine.
   */
  direct?: { sparqlUrl: string; defaultGraph: string };
}): Promise<BenchRow[]> {
  const { size, platformUrl, runs } = options;
  const queries = benchQueries(options.baseIri ?? platformUrl);
  const ourEndpoint = new URL('sparql', platformUrl).href;
  // One kept-alive connection per server, closed when both are timed.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  if (options.direct) return benchForwarded(size, queries, runs, agent, ourEndpoint, options.direct);

  // Virtuoso first, stopped before the others are timed, so its idle server does not share the machine with them.
  let virtuoso: Map<string, Timing> | undefined;
  let virtuosoMissing = VIRTUOSO_NOT_INSTALLED;
  let virtuosoNote = '';
  const binaries = await findVirtuoso();
  if (binaries) {
    try {
      const server = await startVirtuoso({ platformUrl, binaries });
      try {
        virtuosoNote = `Virtuoso started in ${(server.startMs / 1000).toFixed(1)} s, loaded in ${(server.loadMs / 1000).toFixed(1)} s`;
        if (server.graphTriples !== server.dumpTriples)
          virtuosoNote += `; it holds ${server.graphTriples} of the dump's ${server.dumpTriples} triples`;
        virtuoso = await timeAll(queries, runs, (query) => overHttp(agent, server.sparqlUrl, query));
      } finally {
        await server.stop();
      }
    } catch (error) {
      virtuosoMissing = `Virtuoso failed: ${(error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, 200)}`;
    }
  }

  const ours = await timeAll(queries, runs, (query) => overHttp(agent, ourEndpoint, query));
  agent.destroy();

  const dumpResponse = await fetch(new URL('dataset/dump.nt', platformUrl), {
    headers: { accept: 'application/n-triples' },
  });
  if (dumpResponse.status !== 200) throw new Error(`the platform's dump answered ${dumpResponse.status}`);
  const store = new oxigraph.Store();
  store.load(await dumpResponse.text(), { format: 'application/n-triples', no_transaction: true });
  const inProcess = await timeAll(
    queries,
    runs,
    (query) => () => store.query(query, { results_format: 'application/sparql-results+json' }) as string,
  );

  const rows: BenchRow[] = [];
  for (const q of queries) {
    const our = ours.get(q.name)!;
    const base = { part: 'sparql', name: `${q.name} median`, size, unit: 'ms' } as const;
    const ourNote = our.error
      ? `ours failed: ${our.error}`
      : `${runs} runs, ${our.results} results; p95 ours ${ms(our.p95)} ms`;

    const virt = virtuoso?.get(q.name);
    const virtNotes = [ourNote];
    if (!virt) virtNotes.push(virtuosoMissing);
    else if (virt.error) virtNotes.push(`Virtuoso failed: ${virt.error}`);
    else {
      virtNotes[0] += `, Virtuoso ${ms(virt.p95)} ms`;
      if (our.results !== undefined && virt.results !== our.results)
        virtNotes.push(`results differ: ours ${our.results}, Virtuoso ${virt.results}`);
    }
    if (virtuosoNote && q === queries[0]) virtNotes.push(virtuosoNote);
    rows.push(
      row(base, our, virt, 'Virtuoso', q.mix ? { target: 'ratio <= 1', limit: 1 } : undefined, virtNotes.join('; ')),
    );

    const inp = inProcess.get(q.name)!;
    const inpNotes = [ourNote];
    if (inp.error) inpNotes.push(`in-process failed: ${inp.error}`);
    else {
      inpNotes[0] += `, in-process ${ms(inp.p95)} ms`;
      if (our.results !== undefined && inp.results !== our.results)
        inpNotes.push(`results differ: ours ${our.results}, in-process ${inp.results}`);
    }
    rows.push(
      row(
        base,
        our,
        inp,
        'in-process Oxigraph',
        q.mix ? { target: 'ratio <= 1.5', limit: 1.5 } : undefined,
        inpNotes.join('; '),
      ),
    );
  }
  return rows;
}

/**
 * The front end's /sparql beside the same query sent straight to the store it forwards to (the
 * data version as default graph): what forwarding costs. Each query is timed on the store first,
 * then through the front end, query after query, so that both see the machine alike.
 */
async function benchForwarded(
  size: number,
  queries: readonly BenchQuery[],
  runs: number,
  agent: http.Agent,
  ourEndpoint: string,
  direct: { sparqlUrl: string; defaultGraph: string },
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  try {
    for (const q of queries) {
      const store = await time(runs, overHttp(agent, direct.sparqlUrl, q.query, direct.defaultGraph));
      const our = await time(runs, overHttp(agent, ourEndpoint, q.query));
      const notes = [
        our.error
          ? `ours failed: ${our.error}`
          : `${runs} runs, ${our.results} results; p95 ours ${ms(our.p95)} ms, direct ${ms(store.p95)} ms`,
      ];
      if (store.error) notes.push(`direct failed: ${store.error}`);
      else if (our.results !== undefined && store.results !== our.results)
        notes.push(`results differ: ours ${our.results}, direct ${store.results}`);
      if (q === queries[0]) notes.push("direct: the store's /sparql with default-graph-uri = the data version's graph");
      rows.push(
        row(
          { part: 'sparql', name: `${q.name} median`, size, unit: 'ms' },
          our,
          store,
          'Virtuoso direct',
          q.mix ? { target: 'ratio <= 1.5', limit: 1.5 } : undefined,
          notes.join('; '),
        ),
      );
    }
  } finally {
    agent.destroy();
  }
  return rows;
}

function row(
  base: Pick<BenchRow, 'part' | 'name' | 'size' | 'unit'>,
  ours: Timing,
  baseline: Timing | undefined,
  baselineName: string,
  target: { target: string; limit: number } | undefined,
  note: string,
): BenchRow {
  const value = ours.median;
  const baselineValue = baseline?.median;
  const holds =
    target && value !== undefined && baselineValue !== undefined && baselineValue > 0
      ? value / baselineValue <= target.limit
      : undefined;
  return {
    ...base,
    ...(value !== undefined ? { value } : {}),
    baselineName,
    ...(baselineValue !== undefined ? { baseline: baselineValue } : {}),
    ...(target ? { target: target.target } : {}),
    ...(holds !== undefined ? { holds } : {}),
    note,
  };
}
