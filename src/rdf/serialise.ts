// RDF serialisers: Turtle and N-Triples (N3.js), JSON-LD (jsonld.js), RDF/XML (rdflib).
import jsonld from 'jsonld';
import { Writer, type Quad, type Term } from 'n3';
import * as rdflib from 'rdflib';
import type { FormatId } from '../rdf/formats.js';
/** A JSON-LD context (the platform's: see src/render/jsonld-context.ts). */
export type JsonLdContext = Record<string, unknown>;

export interface SerialiseOptions {
  /** Prefixes for Turtle (and RDF/XML namespaces). */
  readonly prefixes: Record<string, string>;
  /** The context to compact JSON-LD with, and the URL it is served at. */
  readonly context: JsonLdContext;
  readonly contextUrl: string;
  /** The node to put at the top of a JSON-LD document, when there is one. */
  readonly topIri?: string;
}

/** Serialises quads into one RDF format. */
export async function serialiseRdf(
  quads: Quad[],
  format: Exclude<FormatId, 'html'>,
  options: SerialiseOptions,
): Promise<string> {
  switch (format) {
    case 'turtle':
      return writeN3(quads, { format: 'text/turtle', prefixes: usedPrefixes(quads, options.prefixes) });
    case 'ntriples':
      return writeN3(quads, { format: 'application/n-triples' });
    case 'jsonld':
      return `${JSON.stringify(await toJsonLd(quads, options), null, 2)}\n`;
    case 'rdfxml':
      return toRdfXml(quads, options.prefixes);
  }
}

/**
 * Serialises a document's quads (documentQuads in src/rdf/document.ts) with the main topic's triples first and
 * each subject's together, so Turtle writes each subject once. The document routes and DESCRIBE
 * both use it, so a DESCRIBE of one thing gives the document's bytes.
 */
export function serialiseDocument(
  quads: readonly Quad[],
  format: Exclude<FormatId, 'html'>,
  options: SerialiseOptions,
): Promise<string> {
  return serialiseRdf(groupBySubject(quads, options.topIri), format, options);
}

// Group quads by subject, the main topic first, blank nodes last.
function groupBySubject(quads: readonly Quad[], topIri?: string): Quad[] {
  const rank = (q: Quad): number => (q.subject.value === topIri ? 0 : q.subject.termType === 'BlankNode' ? 2 : 1);
  return [...quads].sort(
    (a, b) => rank(a) - rank(b) || (a.subject.value < b.subject.value ? -1 : a.subject.value > b.subject.value ? 1 : 0),
  );
}

/** Writes quads with N3.js. */
export function writeN3(
  quads: Quad[],
  options: { format: string; prefixes?: Record<string, string> },
): Promise<string> {
  const writer = new Writer(options);
  writer.addQuads(quads);
  return new Promise((resolve, reject) => {
    writer.end((error: Error | null, result: string) => (error ? reject(error) : resolve(result)));
  });
}

// Only the prefixes the quads use, so every Turtle document starts with a short, relevant block.
function usedPrefixes(quads: Quad[], prefixes: Record<string, string>): Record<string, string> {
  const used: Record<string, string> = {};
  const entries = Object.entries(prefixes);
  const visit = (term: Term): void => {
    const iri =
      term.termType === 'NamedNode' ? term.value : term.termType === 'Literal' ? term.datatype.value : undefined;
    if (iri === undefined) return;
    for (const [prefix, ns] of entries) if (iri.startsWith(ns)) used[prefix] = ns;
  };
  for (const q of quads) {
    visit(q.subject);
    visit(q.predicate);
    visit(q.object);
  }
  return used;
}

/** A document loader that never fetches: the platform's JSON-LD never loads a remote context. */
export function refuseRemoteDocuments(url: string): Promise<never> {
  return Promise.reject(new Error(`remote JSON-LD documents are not loaded (${url})`));
}

/**
 * JSON-LD compacted with our context; the top node is `topIri` and every other node goes in
 * `@included` (JSON-LD 1.1), so a client reads the thing's keys at the top level.
 */
export async function toJsonLd(quads: Quad[], options: SerialiseOptions): Promise<Record<string, unknown>> {
  const nquads = await writeN3(quads, { format: 'application/n-quads' });
  const expanded = await jsonld.fromRDF(nquads, { format: 'application/n-quads' });
  const compacted = (await jsonld.compact(expanded, options.context as jsonld.ContextDefinition, {
    documentLoader: refuseRemoteDocuments,
    compactArrays: true,
  })) as Record<string, unknown>;
  const graph = (compacted['@graph'] as Array<Record<string, unknown>> | undefined) ?? [stripContext(compacted)];
  const top = options.topIri ? graph.find((node) => expandId(node.id, options.context) === options.topIri) : undefined;
  const others = graph.filter((node) => node !== top);
  if (!top) return { '@context': options.contextUrl, '@graph': others };
  return { '@context': options.contextUrl, ...top, ...(others.length > 0 ? { '@included': others } : {}) };
}

function stripContext(node: Record<string, unknown>): Record<string, unknown> {
  const { '@context': _context, ...rest } = node;
  return rest;
}

// Node ids come back compacted (`process:bali-process`); expand the prefix to compare.
function expandId(id: unknown, context: JsonLdContext): string | undefined {
  if (typeof id !== 'string') return undefined;
  const colon = id.indexOf(':');
  if (colon > 0) {
    const ns = context[id.slice(0, colon)];
    if (typeof ns === 'string' && !id.startsWith(`${id.slice(0, colon)}://`)) return ns + id.slice(colon + 1);
  }
  return id;
}

/** RDF/XML with rdflib, the design card's serialiser for it. */
export function toRdfXml(quads: Quad[], prefixes: Record<string, string>): string {
  const graph = rdflib.graph();
  for (const [prefix, ns] of Object.entries(prefixes)) graph.setPrefixForURI(prefix, ns);
  for (const q of quads) graph.add(toRdflib(q.subject), toRdflib(q.predicate), toRdflib(q.object));
  const xml = rdflib.serialize(null, graph, undefined, 'application/rdf+xml');
  if (xml === undefined) throw new Error('rdflib produced no RDF/XML');
  return xml;
}

function toRdflib(term: Term): rdflib.NamedNode & rdflib.BlankNode & rdflib.Literal {
  let converted;
  switch (term.termType) {
    case 'NamedNode':
      converted = rdflib.sym(term.value);
      break;
    case 'BlankNode':
      converted = rdflib.blankNode(term.value);
      break;
    case 'Literal':
      converted = rdflib.literal(term.value, term.language || rdflib.sym(term.datatype.value));
      break;
    default:
      throw new Error(`cannot convert ${term.termType} to rdflib`);
  }
  return converted as rdflib.NamedNode & rdflib.BlankNode & rdflib.Literal;
}
