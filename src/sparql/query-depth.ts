// How deeply a query nests, measured two ways: a linear scan of its brackets before any parser runs,
// and the depth of the parsed query as an engine would build it (chains count as nesting).
//
// Oxigraph's parser and evaluator recurse; a few thousand levels overflow the WebAssembly stack and
// trap the engine ("memory access out of bounds"). sparqljs recurses too. Both checks refuse such a
// query with a 400 before it reaches them.

/** Thrown when a query nests deeper than allowed: the client's fault, answered with 400. */
export class QueryTooDeepError extends Error {
  override name = 'QueryTooDeepError';
  constructor(
    readonly depth: number,
    readonly maxDepth: number,
    what: string,
  ) {
    super(
      `The query is too deeply nested: ${what} reach ${depth} levels; at most ${maxDepth} are accepted. ` +
        'Flatten it (VALUES instead of long UNION or || chains, fewer nested groups).',
    );
  }
}

/**
 * The deepest nesting of `{`, `(` and `[` in a query, ignoring those inside strings, IRIs and
 * comments. One pass over the characters, no recursion: safe on the main thread for any input
 * (its cost is bounded by the query's length, itself bounded by SPARQL_MAX_QUERY_BYTES). It stops
 * as soon as `maxDepth` is passed. Unbalanced brackets are left to the parser to report.
 */
export function bracketDepth(query: string, maxDepth = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let i = 0;
  const n = query.length;
  while (i < n) {
    const c = query[i] as string;
    if (c === '#') {
      // A comment runs to the end of the line.
      while (i < n && query[i] !== '\n' && query[i] !== '\r') i++;
    } else if (c === '"' || c === "'") {
      i = skipString(query, i);
      continue;
    } else if (c === '<') {
      // An IRI reference, when what follows is one (`<` is also the less-than operator).
      const end = iriEnd(query, i);
      if (end > 0) {
        i = end + 1;
        continue;
      }
    } else if (c === '{' || c === '(' || c === '[') {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > maxDepth) return deepest;
      }
    } else if (c === '}' || c === ')' || c === ']') {
      if (depth > 0) depth--;
    }
    i++;
  }
  return deepest;
}

/** Throws QueryTooDeepError when the brackets of `query` nest deeper than `maxDepth`. */
export function checkBracketDepth(query: string, maxDepth: number): void {
  const depth = bracketDepth(query, maxDepth);
  if (depth > maxDepth) throw new QueryTooDeepError(depth, maxDepth, 'its brackets');
}

// Index just past the string literal that starts at `start` (short or long form, with escapes).
function skipString(query: string, start: number): number {
  const quote = query[start] as string;
  const long = query.startsWith(quote.repeat(3), start);
  let i = start + (long ? 3 : 1);
  while (i < query.length) {
    const c = query[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (long ? query.startsWith(quote.repeat(3), i) : c === quote) return i + (long ? 3 : 1);
    // A short string cannot span lines; the parser reports it, the scan goes on from there.
    if (!long && (c === '\n' || c === '\r')) return i;
    i++;
  }
  return i;
}

// The index of the `>` closing an IRI reference opened at `start`, or -1 when it is not one
// (SPARQL 1.1 IRIREF: no spaces, quotes, angle or curly brackets, `|`, `^` or backquote inside).
function iriEnd(query: string, start: number): number {
  for (let i = start + 1; i < query.length; i++) {
    const c = query.charCodeAt(i);
    if (c === 0x3e) return i; // '>'
    if (c <= 0x20 || c === 0x3c || c === 0x22 || c === 0x7b || c === 0x7d || c === 0x7c || c === 0x5e || c === 0x60)
      return -1;
  }
  return -1;
}

/**
 * The depth of a parsed query (sparqljs's tree) as an engine builds it: every node is a level, and
 * the members of a list that an engine folds into a chain of binary operators (the patterns of a
 * group or a UNION, the steps of a property path, the arguments of `||`, `&&`, `+` ...) count one
 * level each, since `{ A } UNION { B } UNION { C }` becomes Union(Union(A, B), C). Computed with an
 * explicit stack, so a deep tree cannot overflow this function either.
 */
export function structuralDepth(root: unknown): number {
  let deepest = 0;
  const stack: Array<{ node: unknown; depth: number }> = [{ node: root, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: unknown; depth: number };
    if (depth > deepest) deepest = depth;
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (const child of node) stack.push({ node: child, depth });
      continue;
    }
    const record = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(record)) {
      // VALUES rows and IN lists are data, evaluated flat; they do not nest.
      if (key === 'values') continue;
      if (Array.isArray(value) && chains(record, key)) {
        value.forEach((child, position) => stack.push({ node: child, depth: depth + 1 + position }));
      } else if (value !== null && typeof value === 'object') {
        stack.push({ node: value, depth: depth + 1 });
      }
    }
  }
  return deepest;
}

// Whether the list under `key` becomes a chain of nested binary nodes in the engine.
function chains(node: Record<string, unknown>, key: string): boolean {
  if (key === 'where' || key === 'patterns' || key === 'triples' || key === 'items') return true;
  return key === 'args' && node.type === 'operation' && BINARY_OPERATORS.has(String(node.operator));
}

/** Operators sparqljs lists flat that engines nest pairwise; function calls (CONCAT, IN ...) stay flat. */
const BINARY_OPERATORS = new Set(['||', '&&', '+', '-', '*', '/', '=', '!=', '<', '>', '<=', '>=']);
