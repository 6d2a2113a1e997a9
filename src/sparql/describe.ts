// DESCRIBE, evaluated in a query worker over its own store: the same description a document gives.
import sparqljs from 'sparqljs';
import type { Quad } from 'n3';
import { HttpError } from '../errors.js';
import type { MemoryStore } from '../oxigraph/memory-store.js';
import { dedupe, documentQuads, type Description, type SiteInfo } from '../rdf/document.js';
import type { FormatId } from '../rdf/formats.js';
import { isTrue } from '../rdf/lexical.js';
import { documentIri, parseThingIri } from '../rdf/layout.js';
import { serialiseDocument, serialiseRdf, type SerialiseOptions } from '../rdf/serialise.js';
import { DCT, RDF, ontologyNamespace } from '../rdf/vocab.js';
import type { AnalysedQuery } from './analyse-query.js';

const RDF_TYPE = `${RDF}type`;

/** At most this many resources are described by one query. */
export const MAX_DESCRIBED = 1000;

/**
 * Where DESCRIBE reads: the worker's own Oxigraph copy, or a remote store through the protocol.
 * Both give the description every document is built from (rdf/document.ts).
 */
export interface DescribeSource {
  describe(iri: string): Promise<Description>;
  /** Many descriptions at once, each describe()'s, in the order asked (a remote store batches them). */
  describeMany?(iris: readonly string[]): Promise<Description[]>;
  /** The IRIs a SELECT DISTINCT binds (any variable). */
  selectIris(query: string): Promise<string[]>;
}

/** A worker's Oxigraph copy as a DescribeSource. */
export function memorySource(store: MemoryStore): DescribeSource {
  return {
    describe: (iri) => Promise.resolve(store.describe(iri)),
    selectIris: (query) =>
      Promise.resolve(
        store
          .select(query)
          .flatMap((row) => Object.values(row).flatMap((t) => (t.termType === 'NamedNode' ? [t.value] : []))),
      ),
  };
}

export interface DescribeContext {
  readonly store: DescribeSource;
  readonly site: SiteInfo;
  readonly serialise: Omit<SerialiseOptions, 'topIri'>;
}

/**
 * Answers a DESCRIBE. One of our things described alone gets its document's bytes exactly;
 * otherwise each resource's description (own triples with blank nodes, inbound links, labels,
 * and document metadata for our things) is merged. Variables are bound by running the WHERE
 * clause as a SELECT DISTINCT. It all runs in the worker, under the query's deadline and memory limit.
 */
export async function describe(
  analysed: AnalysedQuery,
  format: Exclude<FormatId, 'html'>,
  { store, site, serialise }: DescribeContext,
): Promise<string> {
  const iris = new Set(analysed.describeIris);
  if (analysed.describesVariables)
    for (const iri of await store.selectIris(describedVariables(analysed.parsed))) iris.add(iri);
  if (iris.size > MAX_DESCRIBED) {
    throw new HttpError(
      413,
      `The query describes ${iris.size} resources; at most ${MAX_DESCRIBED} are described at once. Add LIMIT to the WHERE clause.`,
    );
  }
  for (const iri of iris) checkIri(iri);
  const [only] = iris;
  if (iris.size === 1 && only !== undefined) {
    const description = await store.describe(only);
    const thing = parseThingIri(only, site.baseIri);
    if (thing && isPublished(description, site.baseIri)) {
      const quads = documentQuads(description, documentIri(thing, site.baseIri), site);
      return serialiseDocument(quads, format, { ...serialise, topIri: only });
    }
  }
  const quads: Quad[] = [];
  const all = [...iris];
  let descriptions: Description[] = [];
  if (store.describeMany) descriptions = await store.describeMany(all);
  else for (const iri of all) descriptions.push(await store.describe(iri));
  for (const [at, iri] of all.entries()) {
    const thing = parseThingIri(iri, site.baseIri);
    const description = descriptions[at]!;
    const described =
      thing && ownValues(description, RDF_TYPE).length > 0
        ? documentQuads(description, documentIri(thing, site.baseIri), site)
        : [...description.own, ...description.inbound];
    for (const quad of described) quads.push(quad); // a loop: a much-linked resource has too many quads to spread
  }
  return serialiseRdf(dedupe(quads), format, serialise);
}

/** The values of one of the described resource's own properties. */
function ownValues(description: Description, predicate: string): string[] {
  return description.own
    .filter(
      (q) =>
        q.subject.termType === 'NamedNode' && q.subject.value === description.iri && q.predicate.value === predicate,
    )
    .map((q) => q.object.value);
}

/** Has a document (typed, neither withdrawn nor replaced), as the thing index decides. */
function isPublished(description: Description, baseIri: string): boolean {
  if (ownValues(description, RDF_TYPE).length === 0) return false;
  if (ownValues(description, `${DCT}isReplacedBy`).length > 0) return false;
  return !ownValues(description, `${ontologyNamespace(baseIri)}withdrawn`).some(isTrue);
}

/**
 * sparqljs accepts some IRIs the store rejects (`<http://a:b/>`: a port that is not a number).
 * Checked here with the WHATWG URL parser's view of the authority, so the client hears which IRI.
 */
function checkIri(iri: string): void {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(iri)?.[1]?.toLowerCase();
  if (!scheme) throw HttpError.badRequest(`DESCRIBE <${iri}>: not an absolute IRI.`);
  if ((scheme === 'http' || scheme === 'https') && !URL.canParse(iri))
    throw HttpError.badRequest(`DESCRIBE <${iri}>: not a valid ${scheme} IRI.`);
}

/** The WHERE clause run as SELECT DISTINCT of the described variables: the IRIs they take. */
function describedVariables(parsed: sparqljs.Query): string {
  const describeQuery = parsed as sparqljs.DescribeQuery;
  const variables = (describeQuery.variables as Array<{ termType: string; value: string }>).filter(
    (v) => v.termType === 'Variable',
  );
  const select = {
    ...describeQuery,
    queryType: 'SELECT',
    distinct: true,
    variables,
    limit: Math.min((describeQuery as { limit?: number }).limit ?? MAX_DESCRIBED + 1, MAX_DESCRIBED + 1),
  } as unknown as sparqljs.SelectQuery;
  return new sparqljs.Generator().stringify(select);
}
