// The embedded in-memory store: the data and the ontology in one Oxigraph store, with a few lookups.
import { DataFactory, type Quad, type Quad_Object, type Term } from 'n3';
import oxigraph from 'oxigraph';
import {
  canonicalDescription,
  inboundWindow,
  ownInWindow,
  type Description,
  type DescriptionExtent,
  mentionedIris,
  type StatementWindow,
} from '../rdf/document.js';
import { LABEL_PROPERTIES, pickLabel } from '../rdf/labels.js';
import { RDF } from '../rdf/vocab.js';

const TYPE = `${RDF}type`;

/**
 * A term or quad object of Oxigraph's JavaScript build: a wrapper around WebAssembly memory that is
 * given back when `free()` is called, or else only when a FinalizationRegistry callback runs, long
 * after a garbage collection. Each property read (`quad.subject`, `literal.datatype`) makes a new one.
 */
interface Wrapper {
  free(): void;
}
interface OxTerm extends Wrapper {
  readonly termType: string;
  readonly value: string;
  readonly language?: string;
  readonly datatype?: OxTerm;
}
interface OxQuad extends Wrapper {
  readonly subject: OxTerm;
  readonly predicate: OxTerm;
  readonly object: OxTerm;
}

/**
 * An Oxigraph term as an N3 term (what the rest of the platform writes and compares), freeing the
 * wrapper at once. Left to the finalizers, the wrappers of a crawl of every document kept about
 * 250 MB more resident at 100 k triples, and cost a fifth more time (docs/performance.md).
 */
function takeN3Term(term: OxTerm): Term {
  try {
    switch (term.termType) {
      case 'NamedNode':
        return DataFactory.namedNode(term.value);
      case 'BlankNode':
        return DataFactory.blankNode(term.value);
      case 'Literal': {
        if (term.language) return DataFactory.literal(term.value, term.language);
        const datatype = term.datatype;
        try {
          return DataFactory.literal(
            term.value,
            DataFactory.namedNode(datatype?.value ?? 'http://www.w3.org/2001/XMLSchema#string'),
          );
        } finally {
          datatype?.free();
        }
      }
      default:
        throw new Error(`unexpected term type ${term.termType}`);
    }
  } finally {
    term.free();
  }
}

/** An Oxigraph quad as an N3 quad; the quad's wrappers are freed. */
function takeN3Quad(q: OxQuad): Quad {
  try {
    return DataFactory.quad(
      takeN3Term(q.subject) as Quad['subject'],
      takeN3Term(q.predicate) as Quad['predicate'],
      takeN3Term(q.object) as Quad['object'],
    );
  } finally {
    q.free();
  }
}

/**
 * The default graph (data plus ontology). Oxigraph holds it compactly in WebAssembly memory, a
 * fraction of what JavaScript quad objects take; lookups return N3 quads.
 */
export class MemoryStore {
  private readonly ox = new oxigraph.Store();

  /** A store holding these quads (small sets: tests, shapes). */
  constructor(quads: Iterable<Quad> = []) {
    for (const quad of quads) this.ox.add(quad as unknown as Parameters<typeof this.ox.add>[0]);
  }

  /** The store of a loaded dataset: its data and its ontology (not the shapes). */
  static fromDataset(dataset: { readonly data: Iterable<Quad>; readonly ontology: Iterable<Quad> }): MemoryStore {
    return new MemoryStore([...dataset.data, ...dataset.ontology]);
  }

  /**
   * Adds a Turtle document, parsed by Oxigraph without JavaScript quads. Throws Oxigraph's error
   * when it does not parse (see loadTurtleFiles in src/dataset/read-turtle.ts for file, line, column).
   */
  loadTurtle(bytes: Uint8Array, baseIri: string): void {
    this.ox.load(bytes, { format: 'text/turtle', base_iri: baseIri, no_transaction: true });
  }

  get size(): number {
    return this.ox.size;
  }

  /** The quads of the default graph matching a pattern, as N3 quads (every Oxigraph wrapper freed). */
  private match(s: Term | null, p: string | null, o: Term | null): Quad[] {
    const predicate = p === null ? null : oxigraph.namedNode(p);
    const graph = oxigraph.defaultGraph();
    try {
      const found = this.ox.match(s as never, predicate, o as never, graph) as unknown as OxQuad[];
      return found.map(takeN3Quad);
    } finally {
      (predicate as unknown as Wrapper | null)?.free();
      (graph as unknown as Wrapper).free();
    }
  }

  /** Every quad with this subject. */
  outgoing(subject: Term): Quad[] {
    return this.match(subject, null, null);
  }

  /** Every quad with this object. */
  incoming(object: Term): Quad[] {
    return this.match(null, null, object);
  }

  /**
   * A resource's description: its own triples with those of the blank nodes they reach, the
   * triples pointing at it, and the label triples of every other IRI these mention. With a window
   * (one page of a document), the statements it holds: the inbound ones are counted, ordered and cut
   * by Oxigraph, so only the page's cross into JavaScript.
   */
  describe(iri: string, window?: StatementWindow): Description {
    const subject = DataFactory.namedNode(iri);
    const all: Quad[] = [];
    const seen = new Set<string>();
    const queue: Term[] = [subject];
    while (queue.length > 0) {
      const node = queue.shift() as Term;
      for (const q of this.outgoing(node)) {
        all.push(q);
        if (q.object.termType === 'BlankNode' && !seen.has(q.object.value)) {
          seen.add(q.object.value);
          queue.push(q.object);
        }
      }
    }
    let own: Quad[] = all;
    let inbound: Quad[];
    let extent: DescriptionExtent | undefined;
    if (window) {
      const page = ownInWindow(iri, all, window);
      own = page.own;
      const ref = `<${iri}>`;
      const [count] = this.select(`SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ${ref} }`);
      const inboundTotal = Number(count?.n?.value ?? 0);
      const part = inboundWindow(page.total, window);
      inbound =
        part.limit > 0 && part.offset < inboundTotal
          ? this.select(
              `SELECT ?s ?p WHERE { ?s ?p ${ref} } ORDER BY ?s ?p OFFSET ${part.offset} LIMIT ${part.limit}`,
            ).map((row) => DataFactory.quad(row.s as Quad['subject'], row.p as Quad['predicate'], subject))
          : [];
      extent = { own: page.total, inbound: inboundTotal, window };
    } else inbound = this.incoming(subject);
    const mentioned = mentionedIris(iri, [own, inbound], window !== undefined);
    const labels: Quad[] = [];
    for (const other of mentioned) for (const q of this.labelQuads(DataFactory.namedNode(other))) labels.push(q);
    return canonicalDescription({ iri, own, inbound, labels, ...(extent ? { extent } : {}) });
  }

  /**
   * Every (subject, object) of one predicate, as plain strings. One SPARQL query serialised to JSON
   * by Oxigraph and parsed natively: far cheaper than a JS object per quad at millions of triples.
   */
  pairs(predicate: string): Array<{ subject: string; object: string; language?: string }> {
    const json = this.ox.query(`SELECT ?s ?o WHERE { ?s <${predicate}> ?o }`, {
      results_format: 'application/sparql-results+json',
    }) as string;
    const bindings = (
      JSON.parse(json) as { results: { bindings: Array<Record<'s' | 'o', { value: string; 'xml:lang'?: string }>> } }
    ).results.bindings;
    return bindings.map((b) => ({
      subject: b.s.value,
      object: b.o.value,
      ...(b.o['xml:lang'] ? { language: b.o['xml:lang'] } : {}),
    }));
  }

  /**
   * The rows of a SELECT query, each variable bound to an N3 term. Results travel as Oxigraph's
   * SPARQL JSON, parsed natively: cheaper than a JavaScript term object per binding from WebAssembly.
   */
  select(query: string): Array<Record<string, Term>> {
    return selectRows(this.serialisedQuery(query, 'application/sparql-results+json'));
  }

  /** A query's results as Oxigraph serialises them, in `resultsFormat` (a results or RDF media type). */
  serialisedQuery(query: string, resultsFormat: string): string {
    return this.ox.query(query, { results_format: resultsFormat }) as string;
  }

  /** The values of one property of a subject. */
  objects(subject: Term, predicate: string): Quad_Object[] {
    return this.match(subject, predicate, null).map((q) => q.object);
  }

  /** The rdf:types of a subject. */
  types(subject: Term): string[] {
    return this.match(subject, TYPE, null).map((q) => q.object.value);
  }

  /** Every subject with an rdf:type, once each. */
  typedSubjects(): Term[] {
    const seen = new Map<string, Term>();
    for (const q of this.match(null, TYPE, null)) if (!seen.has(q.subject.value)) seen.set(q.subject.value, q.subject);
    return [...seen.values()];
  }

  /** The label quads of a resource: the first label property it has, every language of it. */
  labelQuads(subject: Term): Quad[] {
    for (const predicate of LABEL_PROPERTIES) {
      const quads = this.match(subject, predicate, null);
      if (quads.length > 0) return quads;
    }
    return [];
  }

  /** A display label: English first, then any language, else undefined. */
  label(subject: Term): string | undefined {
    return pickLabel(this.labelQuads(subject));
  }

  /** The whole default graph as N-Triples (for the dumps), serialised by Oxigraph. */
  dumpNTriples(): string {
    return this.ox.dump({ format: 'application/n-triples', from_graph_name: oxigraph.defaultGraph() });
  }

  /**
   * Gives the store's WebAssembly memory back now, for a short-lived store (one file, one batch):
   * otherwise it waits for a FinalizationRegistry callback, and the WebAssembly memory, which never
   * shrinks, grows to hold every store not yet collected. The store is unusable afterwards.
   */
  free(): void {
    (this.ox as unknown as Wrapper).free();
  }
}

/** The rows of Oxigraph's SPARQL results JSON for a SELECT, each variable bound to an N3 term. */
export function selectRows(json: string): Array<Record<string, Term>> {
  const bindings = (JSON.parse(json) as { results: { bindings: Array<Record<string, JsonTerm>> } }).results.bindings;
  return bindings.map((binding) => {
    const row: Record<string, Term> = {};
    for (const [name, term] of Object.entries(binding)) row[name] = fromJsonTerm(term);
    return row;
  });
}

/** A term as SPARQL 1.1 Query Results JSON writes it. */
interface JsonTerm {
  readonly type: 'uri' | 'bnode' | 'literal' | 'typed-literal' | 'triple';
  readonly value: string;
  readonly 'xml:lang'?: string;
  readonly datatype?: string;
}

function fromJsonTerm(term: JsonTerm): Term {
  switch (term.type) {
    case 'uri':
      return DataFactory.namedNode(term.value);
    case 'bnode':
      return DataFactory.blankNode(term.value);
    case 'literal':
    case 'typed-literal':
      return term['xml:lang']
        ? DataFactory.literal(term.value, term['xml:lang'])
        : DataFactory.literal(term.value, term.datatype ? DataFactory.namedNode(term.datatype) : undefined);
    default:
      throw new Error(`unexpected term type ${term.type} in a SPARQL result`);
  }
}
