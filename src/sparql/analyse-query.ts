// What a query is, before it runs: its form, whether it is an update, and what it would fetch.
import sparqljs from 'sparqljs';
import { HttpError } from '../http/http-error.js';

export type QueryForm = 'SELECT' | 'ASK' | 'CONSTRUCT' | 'DESCRIBE';

export interface AnalysedQuery {
  readonly form: QueryForm;
  /** For DESCRIBE: the constant IRIs described, and whether variables are described too. */
  readonly describeIris: string[];
  readonly describesVariables: boolean;
}

/**
 * Parses a query with sparqljs and refuses, with 400, what the read-only endpoint never runs:
 * updates, SERVICE (federation would make the server fetch a URL), and syntax errors (the
 * parser's message, with line and position, goes in the body).
 */
export function analyseQuery(query: string, baseIri: string): AnalysedQuery {
  const key = `${baseIri}\n${query}`;
  const known = recent.get(key);
  if (known) {
    // Most recently used last: a Map keeps insertion order, so the oldest entry is the first.
    recent.delete(key);
    recent.set(key, known);
    if (known instanceof HttpError) throw known;
    return known;
  }
  let outcome: AnalysedQuery | HttpError;
  try {
    outcome = analyse(query, baseIri);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    outcome = error;
  }
  // Only short queries are kept, so the cache stays small whatever clients send.
  if (query.length <= MAX_CACHED_QUERY_LENGTH) {
    recent.set(key, outcome);
    if (recent.size > MAX_CACHED_QUERIES) recent.delete(recent.keys().next().value!);
  }
  if (outcome instanceof HttpError) throw outcome;
  return outcome;
}

/**
 * The analyses of the latest distinct queries. Clients (notebooks, dashboards, the examples page)
 * send the same query text again and again; parsing it costs about 0.1 ms each time.
 */
const recent = new Map<string, AnalysedQuery | HttpError>();
const MAX_CACHED_QUERIES = 500;
const MAX_CACHED_QUERY_LENGTH = 4096;

function analyse(query: string, baseIri: string): AnalysedQuery {
  let parsed: sparqljs.SparqlQuery;
  try {
    parsed = new sparqljs.Parser({ baseIRI: baseIri }).parse(query);
  } catch (error) {
    throw HttpError.badRequest(`The query has a syntax error.\n${(error as Error).message}`);
  }
  if (parsed.type === 'update') {
    throw HttpError.badRequest(
      'This endpoint is read-only: SPARQL updates (INSERT, DELETE, LOAD, CLEAR ...) are not accepted.',
    );
  }
  if (containsService(parsed)) {
    throw HttpError.badRequest('SERVICE is not supported: this endpoint never fetches data from other endpoints.');
  }
  const form = parsed.queryType;
  if (parsed.queryType !== 'DESCRIBE') return { form, describeIris: [], describesVariables: false };
  const targets = parsed.variables as Array<{ termType: string; value: string }>;
  return {
    form,
    describeIris: targets.filter((t) => t.termType === 'NamedNode').map((t) => t.value),
    describesVariables: targets.some((t) => t.termType !== 'NamedNode'),
  };
}

// Walks the parsed query (patterns nest in groups, unions, optionals, subqueries, EXISTS filters).
function containsService(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(containsService);
  if (node === null || typeof node !== 'object') return false;
  const record = node as Record<string, unknown>;
  if (record.type === 'service') return true;
  return Object.values(record).some(containsService);
}
