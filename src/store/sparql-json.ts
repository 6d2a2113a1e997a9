// SPARQL 1.1 Query Results JSON as a remote store writes it, read into N3 terms: the one reader of
// a store's SELECT and ASK answers (the platform's reads and the forwarded client queries).
import { DataFactory, type Term } from 'n3';

/** A term as SPARQL 1.1 Query Results JSON writes it (`typed-literal` is the 2008 note's, Virtuoso's). */
interface JsonTerm {
  readonly type: 'uri' | 'bnode' | 'literal' | 'typed-literal';
  readonly value: string;
  readonly 'xml:lang'?: string;
  readonly datatype?: string;
}

export interface StoreResults {
  readonly variables: string[];
  readonly rows: Record<string, Term>[];
  /** Set for an ASK answer. */
  readonly boolean?: boolean;
}

const { namedNode, blankNode, literal } = DataFactory;
const XSD_BOOLEAN = 'http://www.w3.org/2001/XMLSchema#boolean';
/** Virtuoso answers ASK in JSON as one solution binding this variable to 1 or 0. */
const VIRTUOSO_ASK = '__ASK_RETVAL';

function fromJson(term: JsonTerm): Term {
  switch (term.type) {
    case 'uri':
      return namedNode(term.value);
    case 'bnode':
      // Virtuoso names blank nodes `nodeID://b10007`: a label that is not one in N-Triples, CSV or TSV.
      return blankNode(term.value.replace(/^nodeID:\/\//, '').replace(/[^A-Za-z0-9_-]/g, '_'));
    default: {
      // Virtuoso writes xsd:boolean as 1 and 0 in its results; the canonical form is true and false.
      const value =
        term.datatype === XSD_BOOLEAN && (term.value === '1' || term.value === '0')
          ? String(term.value === '1')
          : term.value;
      return literal(value, term['xml:lang'] ? term['xml:lang'] : term.datatype ? namedNode(term.datatype) : undefined);
    }
  }
}

/** Parses a results document; throws a SyntaxError when it is not one. */
export function parseResultsJson(body: string): StoreResults {
  const parsed = JSON.parse(body) as {
    head?: { vars?: string[] };
    boolean?: boolean;
    results?: { bindings?: Record<string, JsonTerm>[] };
  };
  if (typeof parsed.boolean === 'boolean') return { variables: [], rows: [], boolean: parsed.boolean };
  const variables = parsed.head?.vars ?? [];
  const bindings = parsed.results?.bindings;
  if (!Array.isArray(bindings)) throw new SyntaxError('no results.bindings');
  if (variables.length === 1 && variables[0] === VIRTUOSO_ASK) {
    const value = bindings[0]?.[VIRTUOSO_ASK]?.value;
    return { variables: [], rows: [], boolean: value === '1' || value === 'true' };
  }
  const rows = bindings.map((binding) => {
    const row: Record<string, Term> = {};
    for (const [name, term] of Object.entries(binding)) row[name] = fromJson(term);
    return row;
  });
  return { variables, rows };
}
