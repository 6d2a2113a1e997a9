// Walks a parsed query (sparqljs's tree) without recursion: patterns nest in groups, unions,
// optionals, subqueries and EXISTS filters, and the tree's depth is bounded (query-depth.ts), but
// an explicit stack needs no bound at all. The checks that look for something anywhere in a query
// (SERVICE, a store's functions, triple patterns, boolean bindings) all walk it this way.

/**
 * Calls `visit` on every object node of the tree (arrays are looked through); `visit` returning
 * `true` stops the walk. Keys for which `skip` answers true are not entered.
 */
export function visitNodes(
  root: unknown,
  visit: (node: Record<string, unknown>) => boolean | void,
  skip: (key: string) => boolean = () => false,
): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) for (const child of node as unknown[]) stack.push(child);
    else if (node !== null && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (visit(record) === true) return;
      for (const [key, child] of Object.entries(record)) if (!skip(key)) stack.push(child);
    }
  }
}
