// The store interface: everything the pages and the endpoint ask of the data. The embedded store
// (src/store/embedded-store.ts: Oxigraph on the main thread and in the query workers) implements
// it; the reads of a remote SPARQL store are src/store/sparql-reads.ts (its engine, which forwards
// client queries under our rules, is still to come: the scale issue).
import type { Quad, Term } from 'n3';
import type { Description, StatementWindow } from '../rdf/document.js';
import type { SparqlEngine } from '../sparql/engine.js';
import { HttpError } from '../errors.js';

/** One (subject, object) of a predicate, as plain strings; `language` for a language-tagged literal. */
export interface Pair {
  readonly subject: string;
  readonly object: string;
  readonly language?: string;
}

/** One solution of a SELECT: each bound variable as an N3 term. */
export type Row = Readonly<Record<string, Term>>;

/**
 * Orders rows by their terms' N3 ids, variable by variable in name order: stores return the rows
 * of a query without ORDER BY in their own index order, and what is built from them (lists of
 * partners, posts, holders) must read the same from every store.
 */
export function compareRows(a: Row, b: Row): number {
  const key = (row: Row): string =>
    Object.keys(row)
      .sort()
      .map((name) => `${name}=${row[name]?.id ?? ''}`)
      .join('\u0000');
  const [ka, kb] = [key(a), key(b)];
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * The platform's own reads of the default graph (data and ontology): what pages and start-up ask,
 * with queries the platform writes. Every method may reach another process, so every one is
 * asynchronous; none changes the data.
 */
export interface DataReads {
  /** The number of triples in the default graph (what the dumps hold). */
  tripleCount(): Promise<number>;
  /**
   * A resource's description: own triples with their blank nodes, inbound triples, labels of the
   * rest. With a window, only the statements it holds (a document's page: see StatementWindow),
   * the labels of what they mention and of the resource itself, and the totals (`extent`); the
   * inbound statements are then read a page at a time, so the cost follows the page, not the
   * resource. Without one, all of it (DESCRIBE).
   */
  describe(iri: string, window?: StatementWindow): Promise<Description>;
  /** The label triples of each IRI (its first label property, every language), in the order given. */
  labels(iris: readonly string[]): Promise<Quad[]>;
  /** Every (subject, object) of one predicate: the bulk lookups that build the thing index. */
  pairs(predicate: string): Promise<Pair[]>;
  /**
   * The solutions of a SELECT query the platform writes itself (aggregates for pages, start-up
   * checks). With `paging` (a complete order of the solutions, e.g. `?s ?p ?o`), a store that caps
   * its answers (Virtuoso: 2^20 rows) is read in pages of that order, for reads that grow with the
   * data; a store that does not may answer in one go and in any order.
   */
  select(query: string, paging?: SelectPaging): Promise<Row[]>;
  /** The whole default graph as N-Triples (the dumps). */
  nTriples(): Promise<string>;
}

/** How a SELECT that grows with the data is read from a store that caps answers (DataReads.select). */
export interface SelectPaging {
  /** ORDER BY's expressions: an order in which no two solutions tie. */
  readonly orderBy: string;
}

/**
 * A store: the platform's reads, and client queries through `run` (the SparqlEngine: parsed,
 * checked, under the deadline and memory limits). Pages get only the reads.
 */
export interface Store extends DataReads, SparqlEngine {
  /**
   * Start-up is over: the site is built and the front end serves. A remote store's reads were
   * bounded by STORE_STARTUP_TIMEOUT_MS until now, STORE_TIMEOUT_MS from now on; the embedded
   * store's bound does not change.
   */
  endStartup(): void;
}

/** A 503: the store, not the client, is at fault. */
export function unavailable(what: string): HttpError {
  return HttpError.serviceUnavailable(`The data store ${what}.`, 5);
}
