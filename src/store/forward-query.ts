// What a client's query becomes before it is sent to a remote store: the same answers as the
// embedded store would give, and nothing the store could do that the embedded store cannot.
// The query has passed analyseQuery (parsed by sparqljs: standard SPARQL only, so none of a
// store's own syntax such as Virtuoso's `define` pragmas; no update; no SERVICE).
import sparqljs from 'sparqljs';
import { HttpError } from '../errors.js';
import type { AnalysedQuery } from '../sparql/analyse-query.js';
import { visitNodes } from '../sparql/query-tree.js';

const XSD = 'http://www.w3.org/2001/XMLSchema#';

export interface ForwardedQuery {
  /** The text to send. */
  readonly text: string;
  /**
   * The protocol's default-graph-uri: the data version, or the empty graph when the query has a
   * FROM or FROM NAMED clause.
   */
  readonly defaultGraph: string;
  /** The protocol's named-graph-uri: always the empty graph (the data has no named graphs). */
  readonly namedGraph: string;
}

/**
 * The embedded store holds the data as its default graph and nothing else: `FROM <x>` reads an
 * empty graph x, and `GRAPH ?g` finds no graph. A remote store holds other graphs (older data
 * versions, its own system graphs) and Virtuoso adds a query's FROM graphs to the protocol's
 * default graph instead of replacing it. So the dataset is always set by the protocol: the data
 * version as the default graph, an empty graph as the only named one, and a query's FROM or FROM
 * NAMED clause (removed from the text) makes its part of the dataset that empty graph too. A query
 * with FROM NAMED and no FROM has an empty default graph (SPARQL 1.1, 13.2), as in Oxigraph.
 *
 * Function calls by IRI other than the XSD casts the embedded engine (Oxigraph) has are refused:
 * it knows no others (it refuses `xsd:int("1")` and `<http://example.org/f>(1)`), and a store's
 * own (Virtuoso's `bif:` and `sql:` functions) may read files or the environment. The same goes
 * for any IRI in those schemes (Virtuoso's `bif:contains` works as a predicate).
 */
export function forwardQuery(analysed: AnalysedQuery, dataGraph: string, emptyGraph: string): ForwardedQuery {
  refuseStoreFunctions(analysed.parsed);
  const patterns = triplePatterns(analysed.parsed);
  if (patterns > MAX_TRIPLE_PATTERNS)
    throw HttpError.badRequest(
      `The query has ${patterns} triple patterns; this endpoint's store evaluates at most ${MAX_TRIPLE_PATTERNS} in one query. Split it.`,
    );
  const from = (analysed.parsed as { from?: { default: unknown[]; named: unknown[] } }).from;
  if (!from || (from.default.length === 0 && from.named.length === 0))
    return { text: sendable(analysed), defaultGraph: dataGraph, namedGraph: emptyGraph };
  const text = new sparqljs.Generator().stringify({ ...analysed.parsed, from: { default: [], named: [] } });
  return { text, defaultGraph: emptyGraph, namedGraph: emptyGraph };
}

/**
 * The query's text as the store reads it: always written back by sparqljs from the tree every
 * check above looked at, never the client's own text. Two parsers do not read a text alike (a
 * `#` comment ends at a carriage return for sparqljs and runs to the line feed for Virtuoso, so a
 * client's text could hide a call to a store function inside what sparqljs took for a string);
 * the written-back text says only what the tree holds, every IRI resolved against the base (so
 * no second BASE, which Virtuoso does not read either).
 */
function sendable(analysed: AnalysedQuery): string {
  return new sparqljs.Generator().stringify(analysed.parsed);
}

/** The XSD casts Oxigraph evaluates: SPARQL 1.1's seven, and its date, time and duration types. */
const XSD_CASTS = new Set(
  [
    'string',
    'boolean',
    'decimal',
    'integer',
    'float',
    'double',
    'dateTime',
    'date',
    'time',
    'duration',
    'yearMonthDuration',
    'dayTimeDuration',
    'gYear',
    'gYearMonth',
    'gMonth',
    'gDay',
    'gMonthDay',
  ].map((name) => `${XSD}${name}`),
);

/**
 * Virtuoso 7.2 ends its whole process on a query of some 80 triple patterns (70 OPTIONALs of one
 * pattern each pass, 80 do not; 81 patterns in one group do not): a client's query must never stop
 * the store, so the remote store takes at most this many, well below.
 */
export const MAX_TRIPLE_PATTERNS = 48;

/** The triple patterns of a query, in every group, optional, union, subquery and EXISTS. */
function triplePatterns(root: unknown): number {
  let count = 0;
  visitNodes(
    root,
    (node) => {
      // Each step of a property path is a join of its own to the store.
      if (node.type === 'bgp' && Array.isArray(node.triples))
        for (const triple of node.triples as Array<{ predicate?: unknown }>) count += pathSteps(triple.predicate);
    },
    // A CONSTRUCT template's triples are not patterns the store matches.
    (key) => key === 'template',
  );
  return count;
}

/** The IRIs in a predicate: 1 for an IRI or a variable, each step of a property path. */
function pathSteps(predicate: unknown): number {
  const path = predicate as { type?: string; items?: unknown[] } | undefined;
  if (path?.type !== 'path' || !Array.isArray(path.items)) return 1;
  return path.items.reduce<number>((sum, item) => sum + pathSteps(item), 0);
}

/** The schemes of a store's own functions (Virtuoso's built-in and SQL functions). */
const STORE_SCHEMES = /^(bif|sql):/i;

function refuseStoreFunctions(root: unknown): void {
  visitNodes(root, (node) => {
    if (node.termType === 'NamedNode' && typeof node.value === 'string' && STORE_SCHEMES.test(node.value))
      throw HttpError.badRequest(
        `The query could not be evaluated: <${node.value}> is a store's own function; this endpoint answers standard SPARQL 1.1 only.`,
      );
    if (node.type === 'functionCall') {
      const iri = (node.function as { value?: string } | undefined)?.value ?? '';
      if (!XSD_CASTS.has(iri))
        throw HttpError.badRequest(
          `The query could not be evaluated: the function <${iri}> is not supported (only SPARQL 1.1's functions and XSD casts are).`,
        );
    }
  });
}
