// What a query is, before it runs: its form, whether it is an update, what it would fetch, how deep it nests.
// Runs in the query workers (src/sparql/query-worker.ts), inside the query's deadline: parsing costs
// grow with the query, so the main thread never parses one.
import sparqljs from 'sparqljs';
import { HttpError } from '../errors.js';
import { QueryTooDeepError, checkBracketDepth, structuralDepth } from './query-depth.js';
import { visitNodes } from './query-tree.js';

export type QueryForm = 'SELECT' | 'ASK' | 'CONSTRUCT' | 'DESCRIBE';

export interface AnalysedQuery {
  readonly form: QueryForm;
  /**
   * The query as the engine runs it: the service's base (BASE_IRI) declared ahead of it, so a
   * relative IRI resolves against the base of our identifiers as SPARQL's BASE would, and a BASE in
   * the query still wins (a later BASE replaces it; a relative one resolves against it).
   */
  readonly text: string;
  /** For DESCRIBE: the constant IRIs described, and whether variables are described too. */
  readonly describeIris: string[];
  readonly describesVariables: boolean;
  /** The parsed query (sparqljs's tree), for DESCRIBE's variable binding. */
  readonly parsed: sparqljs.Query;
}

/**
 * Parses a query with sparqljs and refuses, with 400, what the read-only endpoint never runs:
 * queries nested deeper than `maxDepth` (they would overflow the engine's stack), updates, SERVICE
 * (federation would make the server fetch a URL), and syntax errors (the parser's message, with
 * line and position, goes in the body).
 */
export function analyseQuery(query: string, baseIri: string, maxDepth: number): AnalysedQuery {
  let parsed: sparqljs.SparqlQuery;
  try {
    checkBracketDepth(query, maxDepth);
    parsed = new sparqljs.Parser({ baseIRI: baseIri }).parse(query);
    const depth = structuralDepth(parsed);
    if (depth > maxDepth) throw new QueryTooDeepError(depth, maxDepth, 'its patterns and operators');
  } catch (error) {
    if (error instanceof QueryTooDeepError) throw HttpError.badRequest(error.message);
    // sparqljs recurses while it builds the tree; the bracket check keeps that shallow, and a stack
    // that still overflows means the query is too complex, not that the server failed.
    if (error instanceof RangeError)
      throw HttpError.badRequest('The query is too complex to parse. Split it or flatten it.');
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
  const text = withBase(query, baseIri);
  if (parsed.queryType !== 'DESCRIBE') return { form, text, describeIris: [], describesVariables: false, parsed };
  const targets = parsed.variables as Array<{ termType: string; value: string }>;
  return {
    form,
    text,
    describeIris: targets.filter((t) => t.termType === 'NamedNode').map((t) => t.value),
    describesVariables: targets.some((t) => t.termType !== 'NamedNode'),
    parsed,
  };
}

/** The line `withBase` puts ahead of a query. */
const baseLine = (baseIri: string): string => `BASE <${baseIri}>\n`;

/** The query with the service's base declared on a line of its own ahead of it (the engine has no base of its own). */
export function withBase(query: string, baseIri: string): string {
  return baseLine(baseIri) + query;
}

/**
 * An engine's message about a query run through `withBase`, its positions (`at 2:44`, `2:44-2:50`)
 * moved back to the lines of the query as the client wrote it.
 */
export function clientPositions(message: string): string {
  const line = (n: string): number => Math.max(1, Number(n) - 1);
  return message.replace(
    /^error at (\d+):(\d+)(?:-(\d+):(\d+))?/,
    (_whole, l1: string, c1: string, l2?: string, c2?: string) =>
      `error at ${line(l1)}:${c1}${l2 !== undefined && c2 !== undefined ? `-${line(l2)}:${c2}` : ''}`,
  );
}

function containsService(root: unknown): boolean {
  let found = false;
  visitNodes(root, (node) => (found = node.type === 'service'));
  return found;
}
