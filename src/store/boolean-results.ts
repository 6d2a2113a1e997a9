// Virtuoso evaluates SPARQL's boolean expressions (BOUND, EXISTS, comparisons, && ...) to the
// integers 1 and 0, so `SELECT (BOUND(?x) AS ?b)` binds ?b to "1"^^xsd:integer where SPARQL 1.1
// (and the embedded store) binds "true"^^xsd:boolean. The variables a query binds to a boolean
// expression are found in its parse tree, and their 1 and 0 are read back as true and false.
import { DataFactory, type Term } from 'n3';
import { visitNodes } from '../sparql/query-tree.js';

const XSD = 'http://www.w3.org/2001/XMLSchema#';

/** The operators whose value is an xsd:boolean (SPARQL 1.1 §17.4, as sparqljs names them). */
const BOOLEAN_OPERATORS = new Set([
  '||',
  '&&',
  '!',
  '=',
  '!=',
  '<',
  '>',
  '<=',
  '>=',
  'in',
  'notin',
  'exists',
  'notexists',
  'bound',
  'sameterm',
  'isiri',
  'isuri',
  'isblank',
  'isliteral',
  'isnumeric',
  'langmatches',
  'regex',
  'contains',
  'strstarts',
  'strends',
]);

interface Expression {
  readonly type?: string;
  readonly operator?: string;
  readonly termType?: string;
  readonly datatype?: { readonly value: string };
}

function isBoolean(expression: Expression | undefined): boolean {
  if (!expression) return false;
  if (expression.type === 'operation') return BOOLEAN_OPERATORS.has(expression.operator ?? '');
  return expression.termType === 'Literal' && expression.datatype?.value === `${XSD}boolean`;
}

/**
 * The variables bound to a boolean expression anywhere in the query: `(expr AS ?v)` in a
 * projection or a GROUP BY, and `BIND(expr AS ?v)`, in subqueries too.
 */
export function booleanVariables(parsed: unknown): Set<string> {
  const found = new Set<string>();
  visitNodes(parsed, (node) => {
    const variable = node.variable as { termType?: string; value?: string } | undefined;
    if (variable?.termType !== 'Variable' || !variable.value || !('expression' in node)) return;
    if (isBoolean(node.expression as Expression)) found.add(variable.value);
    else found.delete(variable.value); // bound to something else somewhere: left alone
  });
  return found;
}

/** The rows with the boolean variables' integer 1 and 0 as xsd:boolean true and false. */
export function restoreBooleans(rows: Record<string, Term>[], variables: ReadonlySet<string>): Record<string, Term>[] {
  if (variables.size === 0) return rows;
  const boolean = DataFactory.namedNode(`${XSD}boolean`);
  for (const row of rows)
    for (const name of variables) {
      const term = row[name];
      if (
        term?.termType === 'Literal' &&
        term.datatype.value === `${XSD}integer` &&
        (term.value === '1' || term.value === '0')
      )
        row[name] = DataFactory.literal(term.value === '1' ? 'true' : 'false', boolean);
    }
  return rows;
}
