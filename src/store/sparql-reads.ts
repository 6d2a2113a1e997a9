// The platform's reads (DataReads) from a remote SPARQL store over the SPARQL 1.1 protocol: the
// second implementation of the store interface (the first is OxigraphReads, in this process).
// Every read is one or a few queries the platform writes; descriptions come back in canonical
// order (rdf/document.ts), so a document's bytes do not depend on which store answered.
import { DataFactory, Parser, type Quad } from 'n3';
import { HttpError } from '../errors.js';
import {
  canonicalDescription,
  inboundWindow,
  ownInWindow,
  reachedFrom,
  type Description,
  mentionedIris,
  type StatementWindow,
} from '../rdf/document.js';
import { writableIri } from '../rdf/lexical.js';
import { SparqlClient, StoreAnswerTooLarge } from './sparql-client.js';
import { unavailable } from './store.js';
import { parseResultsJson } from './sparql-json.js';
import { LABELS, chooseLabels, collectLabels, groupBy, iriRef } from './sparql-labels.js';
import type { DataReads, Pair, Row, SelectPaging } from './store.js';

export interface SparqlReadsOptions {
  /** The store's query URL (SPARQL 1.1 protocol), e.g. Virtuoso's http://127.0.0.1:8890/sparql. */
  readonly queryUrl: string;
  /** How long one read may take before the store counts as unavailable (ms). */
  readonly timeoutMs: number;
  /**
   * How long one read may take until endStartup() (ms; timeoutMs without it): what a front end
   * reads whole before it serves (the thing index, the site summaries) grows with the data.
   */
  readonly startupTimeoutMs?: number;
  /**
   * The graph that holds the data (one data version), sent as the protocol's `default-graph-uri`:
   * a store's own default graph may hold more (Virtuoso's is the union of every graph, its system
   * graphs included).
   */
  readonly defaultGraph?: string;
  /** IRIs per VALUES block of a labels query: long queries are refused by some stores. */
  readonly valuesBatch?: number;
  /** Reads in flight at once (STORE_CONNECTIONS); the rest wait their turn within their deadline. */
  readonly maxConcurrent?: number;
  /** Rows per page of a paged SELECT (DataReads.select), under the store's cap on one answer. */
  readonly pageRows?: number;
  /**
   * The most bytes of one answer (none by default: the platform's own reads). Reads on a client's
   * behalf (a DESCRIBE through /sparql) are bounded: past it, StoreAnswerTooLarge.
   */
  readonly maxBytes?: number;
}

/** Rows per page of a paged SELECT: under Virtuoso's cap of 2^20 rows on one answer. */
const PAGE_ROWS = 500_000;

const { quad } = DataFactory;

export class SparqlReads implements DataReads {
  private readonly batch: number;
  private readonly client: SparqlClient;
  private starting: boolean;

  constructor(private readonly options: SparqlReadsOptions) {
    this.batch = options.valuesBatch ?? 200;
    this.client = new SparqlClient(options.queryUrl, undefined, options.maxConcurrent);
    this.starting = options.startupTimeoutMs !== undefined;
  }

  /** From now on every read is bounded by timeoutMs: the front end serves. */
  endStartup(): void {
    this.starting = false;
  }

  async tripleCount(): Promise<number> {
    const [row] = await this.select('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }');
    return Number(row?.n?.value ?? 0);
  }

  /**
   * Own triples (with those of blank nodes two levels down: the data has none, and a remote
   * store's blank nodes cannot be named in a later query), inbound triples, and the labels of
   * every other IRI they mention, by the label policy.
   */
  async describe(iri: string, window?: StatementWindow): Promise<Description> {
    if (window) return this.describePage(iri, window);
    const me = iriRef(iri);
    // Three queries at once: own triples, inbound triples, and the labels of the IRIs one step away
    // either way, by a join (IOM's page at 1 M triples names 55 k resources: asked in VALUES blocks
    // of 200, their labels took 275 queries in turn).
    const [own, inbound, near] = await Promise.all([
      this.construct(
        `CONSTRUCT { ${me} ?p ?o . ?o ?p2 ?o2 . ?o2 ?p3 ?o3 } WHERE { ${me} ?p ?o .
          OPTIONAL { FILTER(isBlank(?o)) ?o ?p2 ?o2 OPTIONAL { FILTER(isBlank(?o2)) ?o2 ?p3 ?o3 } } }`,
      ),
      this.construct(`CONSTRUCT { ?s ?p ${me} } WHERE { ?s ?p ${me} }`),
      this.select(
        `SELECT DISTINCT ?s ?p ?o WHERE { { ${me} ?q ?s } UNION { ?s ?q ${me} } FILTER(isIRI(?s)) ?s ?p ?o FILTER(?p IN (${LABELS})) }`,
      ),
    ]);
    const mentioned = mentionedIris(iri, [own, inbound], false);
    const labels = chooseLabels(
      collectLabels(near.filter((row) => row.s?.value !== iri && writableIri(row.s?.value ?? ''))),
    );
    // IRIs further away (objects of the blank nodes own triples reach) are asked by name; the
    // neighbours the join found no label for have none.
    const neighbours = new Set<string>();
    for (const q of own)
      if (q.subject.value === iri && q.object.termType === 'NamedNode') neighbours.add(q.object.value);
    for (const q of inbound) if (q.subject.termType === 'NamedNode') neighbours.add(q.subject.value);
    const further = [...mentioned].filter((m) => !neighbours.has(m) && !labels.has(m));
    for (const [m, quads] of await this.labelMap(further)) labels.set(m, quads);
    return canonicalDescription({
      iri,
      own,
      inbound,
      labels: [...mentioned].flatMap((m) => labels.get(m) ?? []),
    });
  }

  /**
   * One page of a description (see StatementWindow): the own triples (all read, the page's kept),
   * the number of inbound ones, the page's inbound ones ordered and cut by the store, and the labels
   * of what the page mentions and of the resource. A few queries, each bounded by the page, whatever
   * the resource's number of links.
   */
  private async describePage(iri: string, window: StatementWindow): Promise<Description> {
    const me = iriRef(iri);
    const [all, [count]] = await Promise.all([
      this.construct(
        `CONSTRUCT { ${me} ?p ?o . ?o ?p2 ?o2 . ?o2 ?p3 ?o3 } WHERE { ${me} ?p ?o .
          OPTIONAL { FILTER(isBlank(?o)) ?o ?p2 ?o2 OPTIONAL { FILTER(isBlank(?o2)) ?o2 ?p3 ?o3 } } }`,
      ),
      this.select(`SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ${me} }`),
    ]);
    const page = ownInWindow(iri, all, window);
    const inboundTotal = Number(count?.n?.value ?? 0);
    const part = inboundWindow(page.total, window);
    const thing = DataFactory.namedNode(iri);
    const inbound =
      part.limit > 0 && part.offset < inboundTotal
        ? (
            await this.select(
              `SELECT ?s ?p WHERE { ?s ?p ${me} } ORDER BY ?s ?p OFFSET ${part.offset} LIMIT ${part.limit}`,
            )
          ).flatMap((row) =>
            row.s && row.p && row.s.termType !== 'Literal' && row.p.termType === 'NamedNode'
              ? [quad(row.s as Quad['subject'], row.p, thing)]
              : [],
          )
        : [];
    const mentioned = mentionedIris(iri, [page.own, inbound], true);
    const labels = await this.labelMap([...mentioned]);
    return canonicalDescription({
      iri,
      own: page.own,
      inbound,
      labels: [...mentioned].flatMap((m) => labels.get(m) ?? []),
      extent: { own: page.total, inbound: inboundTotal, window },
    });
  }

  /**
   * The descriptions of many resources, each the one describe() gives, in the order asked, with a
   * few queries per 200 of them instead of three each: what a DESCRIBE of many resources reads.
   */
  async describeMany(iris: readonly string[]): Promise<Description[]> {
    const byIri = new Map<string, { own: Quad[]; inbound: Quad[] }>();
    for (const { batch, values } of this.valueBlocks(iris)) {
      const [own, inbound] = await Promise.all([
        this.construct(
          `CONSTRUCT { ?x ?p ?o . ?o ?p2 ?o2 . ?o2 ?p3 ?o3 } WHERE { VALUES ?x { ${values} } ?x ?p ?o .
            OPTIONAL { FILTER(isBlank(?o)) ?o ?p2 ?o2 OPTIONAL { FILTER(isBlank(?o2)) ?o2 ?p3 ?o3 } } }`,
        ),
        this.construct(`CONSTRUCT { ?s ?p ?x } WHERE { VALUES ?x { ${values} } ?s ?p ?x }`),
      ]);
      // Each resource's own triples, and those of the blank nodes they reach (one answer, one set of labels).
      const bySubject = groupBy(own, (q) => q.subject.id);
      const byObject = groupBy(inbound, (q) => q.object.id);
      for (const iri of batch) {
        byIri.set(iri, {
          own: reachedFrom([DataFactory.namedNode(iri).id], bySubject),
          inbound: byObject.get(DataFactory.namedNode(iri).id) ?? [],
        });
      }
    }
    const mentionedBy = new Map<string, Set<string>>();
    for (const [iri, { own, inbound }] of byIri) {
      mentionedBy.set(iri, mentionedIris(iri, [own, inbound], false));
    }
    const labels = await this.labelMap([...new Set([...mentionedBy.values()].flatMap((m) => [...m]))]);
    return iris.map((iri) => {
      const found = byIri.get(iri);
      if (!found) return { iri, own: [], inbound: [], labels: [] };
      const mentioned = [...(mentionedBy.get(iri) ?? [])];
      return canonicalDescription({ iri, ...found, labels: mentioned.flatMap((m) => labels.get(m) ?? []) });
    });
  }

  /** The label triples of each IRI: its first label property (LABEL_PROPERTIES order), every language. */
  async labels(iris: readonly string[]): Promise<Quad[]> {
    const found = await this.labelMap(iris);
    return iris.flatMap((iri) => found.get(iri) ?? []);
  }

  /**
   * The IRIs in VALUES blocks of `valuesBatch`, each asked once. One a query cannot hold is left
   * out: it has nothing here, as it has nothing in the embedded store.
   */
  private *valueBlocks(iris: readonly string[]): Generator<{ batch: string[]; values: string }> {
    const asked = [...new Set(iris)].filter(writableIri);
    for (let i = 0; i < asked.length; i += this.batch) {
      const batch = asked.slice(i, i + this.batch);
      yield { batch, values: batch.map(iriRef).join(' ') };
    }
  }

  /** Each IRI's label quads (its first label property, in canonical order), by IRI. */
  private async labelMap(iris: readonly string[]): Promise<Map<string, Quad[]>> {
    const rows: Row[] = [];
    for (const { values } of this.valueBlocks(iris)) {
      rows.push(
        ...(await this.select(`SELECT ?s ?p ?o WHERE { VALUES ?s { ${values} } ?s ?p ?o FILTER(?p IN (${LABELS})) }`)),
      );
    }
    return chooseLabels(collectLabels(rows));
  }

  async pairs(predicate: string): Promise<Pair[]> {
    const rows = await this.select(`SELECT ?s ?o WHERE { ?s ${iriRef(predicate)} ?o }`, { orderBy: '?s ?o' });
    return rows.flatMap((row) => {
      const { s, o } = row;
      if (!s || !o) return [];
      return [
        {
          subject: s.value,
          object: o.value,
          ...(o.termType === 'Literal' && o.language ? { language: o.language } : {}),
        },
      ];
    });
  }

  async select(query: string, paging?: SelectPaging): Promise<Row[]> {
    if (!paging) return this.selectOnce(query);
    const size = this.options.pageRows ?? PAGE_ROWS;
    const rows: Row[] = [];
    for (let offset = 0; ; offset += size) {
      const page = await this.selectOnce(`${query} ORDER BY ${paging.orderBy} OFFSET ${offset} LIMIT ${size}`);
      // A loop, not push(...page): spreading half a million arguments overflows the stack.
      for (const row of page) rows.push(row);
      if (page.length < size) return rows;
    }
  }

  private async selectOnce(query: string): Promise<Row[]> {
    const body = await this.send(query, 'application/sparql-results+json');
    try {
      return parseResultsJson(body).rows;
    } catch {
      throw this.unavailable('answered a SELECT with something that is not SPARQL results JSON');
    }
  }

  nTriples(): Promise<string> {
    return this.send('CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }', 'application/n-triples');
  }

  private async construct(query: string): Promise<Quad[]> {
    const body = await this.send(query, 'application/n-triples');
    try {
      return new Parser({ format: 'application/n-triples' }).parse(body);
    } catch {
      throw this.unavailable('answered a CONSTRUCT with something that is not N-Triples');
    }
  }

  /** One query; any failure is the store's (these are the platform's own queries), so a 503. */
  private async send(query: string, accept: string): Promise<string> {
    try {
      return await this.client.query(query, accept, {
        timeoutMs: this.starting ? (this.options.startupTimeoutMs ?? this.options.timeoutMs) : this.options.timeoutMs,
        ...(this.options.defaultGraph ? { defaultGraph: this.options.defaultGraph } : {}),
        ...(this.options.maxBytes !== undefined ? { maxBytes: this.options.maxBytes } : {}),
      });
    } catch (error) {
      if (error instanceof HttpError || error instanceof StoreAnswerTooLarge) throw error;
      throw this.unavailable(`refused one of the platform's own queries (${(error as Error).message.slice(0, 300)})`);
    }
  }

  private unavailable(what: string): HttpError {
    return unavailable(what);
  }
}
