// What a query is, before it runs: its form, whether it is an update, what it would fetch, how deep it nests.
// Runs in the query workers (src/sparql/query-worker.ts), inside the query's deadline: parsing costs
// grow with the query, so the main thread never parses one.
import sparqljs from 'sparqljs';
import { HttpError } from '../errors.js';
import { QueryTooDeepError, checkBracketDepth, structuralDepth } from './query-depth.js';

export type QueryForm = 'SELECT' | 'ASK' | 'CONSTRUCT' | 'DESCRIBE';

export interface AnalysedQuery {
  readonly form: QueryForm;
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
  if (parsed.queryType !== 'DESCRIBE') return { form, describeIris: [], describesVariables: false, parsed };
  const targets = parsed.variables as Array<{ termType: string; value: string }>;
  return {
    form,
    describeIris: targets.filter((t) => t.termType === 'NamedNode').map((t) => t.value),
    describesVariables: targets.some((t) => t.termType !== 'NamedNode'),
    parsed,
  };
}

// Walks the parsed query with an explicit stack (patterns nest in groups, unions, optionals,
// subqueries, EXISTS filters); the tree's depth is bounded above, but no recursion is needed.
function containsService(root: unknown): boolean {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) for (const child of node as unknown[]) stack.push(child);
    else if (node !== null && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record.type === 'service') return true;
      for (const child of Object.values(record)) stack.push(child);
    }
  }
  return false;
}
