// SHACL-SPARQL (sh:sparql constraints and SPARQL targets) for shacl-engine, evaluated by Oxigraph.
//
// shacl-engine's own plugin runs every constraint through Comunica, once per focus node; at a
// million triples that took most of the validation time. Here each query runs once per
// validation, with $this unbound, and its rows are grouped by ?this: the rows a focus node gets
// are those the query would give with $this pre-bound to it. That holds when $this is used only
// in the query's top-level graph pattern (not inside a sub-select, MINUS or SERVICE), which
// `compileSparqlQuery` checks; a query that breaks the rule is refused, not half-evaluated.
import { DataFactory, type Term } from 'n3';
import parsePath from 'shacl-engine/lib/parsePath.js';
import { SH } from '../rdf/vocab.js';
import { DatasetError } from './errors.js';

/** Answers a SELECT query with one record of terms per row (unbound variables left out). */
export type SelectQuery = (query: string) => Array<Record<string, Term>>;

// The parts of shacl-engine's pointer and context objects this module uses.
interface Pointer {
  readonly term: Term;
  readonly terms: Term[];
  readonly value: string | undefined;
  out(predicates: Term[]): Pointer;
  node(terms: Iterable<Term>): Pointer;
  [Symbol.iterator](): Iterator<Pointer>;
}
interface ShapeLike {
  readonly sparql: Pointer;
  readonly path: unknown;
}
interface ContextLike {
  readonly focusNode: Pointer;
  violation(component: Term, args: Record<string, unknown>): void;
  debug(component: Term, args: Record<string, unknown>): void;
}

const sh = (local: string): Term => DataFactory.namedNode(SH + local);
const OWL_IMPORTS = DataFactory.namedNode('http://www.w3.org/2002/07/owl#imports');

/** The key of a focus node: its IRI (blank nodes are refused before a key is needed). */
function keyOf(term: Term): string {
  return `${term.termType}:${term.value}`;
}

/** PREFIX lines for the sh:declare of a sh:prefixes node and of what it owl:imports, once each. */
function prefixDeclarations(ptr: Pointer, seen = new Set<string>()): string[] {
  const lines: string[] = [];
  for (const node of ptr) {
    if (seen.has(keyOf(node.term))) continue;
    seen.add(keyOf(node.term));
    lines.push(...prefixDeclarations(node.out([OWL_IMPORTS]), seen));
    for (const declaration of node.out([sh('declare')])) {
      const prefix = declaration.out([sh('prefix')]).value;
      const namespace = declaration.out([sh('namespace')]).value;
      if (prefix !== undefined && namespace !== undefined) lines.push(`PREFIX ${prefix}: <${namespace}>`);
    }
  }
  return lines;
}

/** SPARQL property-path syntax for a parsed SHACL path (the $PATH substitution). */
function pathToSparql(path: unknown): string {
  const steps = path as Array<{ start: string; end: string; quantifier: string; predicates: Term[] }> | null;
  if (!steps) return '';
  const quantifiers: Record<string, string> = { oneOrMore: '+', zeroOrMore: '*', zeroOrOne: '?', one: '' };
  return steps
    .map((step) => {
      const alternatives = step.predicates.map((p) => `<${p.value}>`).join('|');
      const inverse = step.start === 'object' ? '^' : '';
      const body = step.predicates.length > 1 ? `(${alternatives})` : alternatives;
      return `${inverse}${body}${quantifiers[step.quantifier] ?? ''}`;
    })
    .join('/');
}

/**
 * The query of a constraint as it is run: prefixes, $PATH replaced. Refuses a query whose rows
 * cannot be grouped by ?this (it does not project $this, or uses it below the top level).
 */
export function compileSparqlQuery(select: string, prefixes: string[], path: string, shapeName: string): string {
  const query = [...prefixes, select.split('$PATH').join(path)].join('\n');
  const projection = /SELECT\s+(?:DISTINCT\s+|REDUCED\s+)?([^{]*?)\s*(?:WHERE\s*)?\{/i.exec(select)?.[1] ?? '';
  const projectsThis = projection === '*' || /[$?]this\b/.test(projection);
  const body = select.slice(select.indexOf('{'));
  const nestedThis = /\bSELECT\b|\bMINUS\b|\bSERVICE\b/i.test(body) && /[$?]this\b/.test(body);
  if (!projectsThis || nestedThis)
    throw new DatasetError(
      `the SPARQL constraint of ${shapeName} must select $this and use it only in its top-level pattern (no sub-select, MINUS or SERVICE), so that it can be run once for every focus node`,
      'shapes',
    );
  return query;
}

/** Shape name for messages. */
function nameOf(shape: ShapeLike & { ptr?: Pointer }): string {
  return shape.ptr?.term.value ?? 'a shape';
}

/**
 * shacl-engine plugins (its `validations` and `targetResolvers` options) that run SHACL-SPARQL
 * through `select`. Results are memoised for the life of the returned object: make one per
 * validation run.
 */
export function sparqlPlugins(select: SelectQuery): {
  validations: Map<Term, unknown>;
  targetResolvers: Map<Term, unknown>;
} {
  const rowsByQuery = new Map<string, Map<string, Array<Record<string, Term>>>>();

  const rowsFor = (query: string, focus: Term): Array<Record<string, Term>> => {
    let grouped = rowsByQuery.get(query);
    if (!grouped) {
      grouped = new Map();
      for (const row of select(query)) {
        const focusTerm = row.this;
        if (!focusTerm) continue;
        if (focusTerm.termType === 'BlankNode') throw blankNodeFocus();
        const key = keyOf(focusTerm);
        const list = grouped.get(key);
        if (list) list.push(row);
        else grouped.set(key, [row]);
      }
      rowsByQuery.set(query, grouped);
    }
    return grouped.get(keyOf(focus)) ?? [];
  };

  const compileConstraint = (shape: ShapeLike & { ptr?: Pointer }): { generic: (c: ContextLike) => void } => {
    const constraints = [...shape.sparql].map((constraint) => {
      const select = constraint.out([sh('select')]).value;
      if (select === undefined)
        throw new DatasetError(`a sh:sparql constraint of ${nameOf(shape)} has no sh:select`, 'shapes');
      return {
        query: compileSparqlQuery(
          select,
          prefixDeclarations(constraint.out([sh('prefixes')])),
          pathToSparql(shape.path),
          nameOf(shape),
        ),
        message: constraint.out([sh('message')]).terms,
        source: constraint.terms,
      };
    });
    return {
      generic: (context) => {
        const focus = context.focusNode.term;
        if (focus.termType === 'BlankNode') return; // blank nodes never appear in SPARQL rows (see blankNodeFocus)
        for (const { query, message, source } of constraints) {
          const rows = rowsFor(query, focus);
          for (const row of rows) {
            const path = row.path ? parsePath(context.focusNode.node([row.path])) : undefined;
            const value = context.focusNode.node([row.value ?? focus]);
            context.violation(sh('SPARQLConstraintComponent'), { args: row, message, path, source, value });
          }
          if (rows.length === 0) context.debug(sh('SPARQLConstraintComponent'), { source });
        }
      },
    };
  };

  const resolveTarget = (target: Pointer): Term[] => {
    const query = target.out([sh('select')]).value;
    if (query === undefined) return [];
    const prefixes = prefixDeclarations(target.out([sh('prefixes')]));
    return select([...prefixes, query].join('\n')).flatMap((row) => {
      if (row.this?.termType === 'BlankNode') throw blankNodeFocus();
      return row.this ? [row.this] : [];
    });
  };

  return {
    validations: new Map<Term, unknown>([[sh('sparql'), compileConstraint]]),
    targetResolvers: new Map<Term, unknown>([[sh('target'), resolveTarget]]),
  };
}

// The data is parsed twice (N3.js for the core constraints, Oxigraph for SPARQL), and blank node
// labels differ between the two; our data has none (every resource has an IRI to link to).
function blankNodeFocus(): DatasetError {
  return new DatasetError(
    'a SPARQL-based shape selected a blank node; the data must give every resource an IRI (blank nodes cannot be linked to, and are not supported in the data)',
    'data',
  );
}
