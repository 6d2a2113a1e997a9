// DESCRIBE: the same description a document gives, for each described resource.
import sparqljs from 'sparqljs';
import { DataFactory, type Quad } from 'n3';
import { HttpError } from '../http/http-error.js';
import { dedupe, describeResource, outgoingWithBlankNodes } from '../render/describe.js';
import { LICENSE_IRI, type Site } from '../render/site.js';
import { documentIri } from '../resolve/resolve-path.js';
import { serialiseRdf } from '../render/serialise.js';
import type { AnalysedQuery } from './analyse-query.js';
import type { SparqlEngine } from './engine.js';
import { SOLUTION_FORMATS, type ResultFormat } from './result-formats.js';

/** At most this many resources are described by one query. */
export const MAX_DESCRIBED = 1000;

/**
 * Answers a DESCRIBE. One of our things described alone gets its document's bytes exactly;
 * otherwise each resource's description (own triples with blank nodes, inbound links, labels,
 * and document metadata for our things) is merged. Variables are bound by running the WHERE
 * clause as a SELECT DISTINCT on the engine, with the engine's limits.
 */
export async function runDescribe(
  query: string,
  analysed: AnalysedQuery,
  format: ResultFormat,
  site: Site,
  engine: SparqlEngine,
): Promise<string> {
  const iris = new Set(analysed.describeIris);
  if (analysed.describesVariables)
    for (const iri of await bindDescribedVariables(query, site.baseIri, engine)) iris.add(iri);
  if (iris.size > MAX_DESCRIBED) {
    throw new HttpError(
      413,
      `The query describes ${iris.size} resources; at most ${MAX_DESCRIBED} are described at once. Add LIMIT to the WHERE clause.`,
    );
  }
  const rdf = format.rdf;
  if (!rdf) throw new Error('DESCRIBE needs an RDF format');
  const only = iris.size === 1 ? site.index.things.get([...iris][0] ?? '') : undefined;
  if (only && !only.withdrawn && !only.replacedBy)
    return capped((await site.resourceDocument(only, rdf)).body.toString('utf8'), engine);
  const quads: Quad[] = [];
  for (const iri of iris) {
    const thing = site.index.things.get(iri);
    const described = thing
      ? describeResource(site.store, iri, documentIri(thing, site.baseIri), {
          baseIri: site.baseIri,
          datasetIri: site.datasetIri,
          licenseIri: LICENSE_IRI,
        })
      : [
          ...outgoingWithBlankNodes(site.store, DataFactory.namedNode(iri)),
          ...site.store.incoming(DataFactory.namedNode(iri)),
        ];
    for (const quad of described) quads.push(quad); // a loop: a much-linked resource has too many quads to spread
  }
  const body = await serialiseRdf(dedupe(quads), rdf.id as Exclude<typeof rdf.id, 'html'>, {
    prefixes: site.prefixes,
    context: site.context,
    contextUrl: `${site.baseIri}context.jsonld`,
  });
  return capped(body, engine);
}

/** The engine's result-size cap holds for DESCRIBE too: a larger description is refused, never truncated. */
function capped(body: string, engine: SparqlEngine): string {
  const max = engine.limits.maxResultBytes;
  if (Buffer.byteLength(body) > max) {
    throw new HttpError(
      413,
      `The result is too large (the result is larger than ${max} bytes). It is refused rather than truncated: describe fewer resources, or download the dump.`,
    );
  }
  return body;
}

async function bindDescribedVariables(query: string, baseIri: string, engine: SparqlEngine): Promise<string[]> {
  const parsed = new sparqljs.Parser({ baseIRI: baseIri }).parse(query) as sparqljs.DescribeQuery;
  const variables = (parsed.variables as Array<{ termType: string; value: string }>).filter(
    (v) => v.termType === 'Variable',
  );
  const select = {
    ...parsed,
    queryType: 'SELECT',
    distinct: true,
    variables,
    limit: Math.min((parsed as { limit?: number }).limit ?? MAX_DESCRIBED + 1, MAX_DESCRIBED + 1),
  } as unknown as sparqljs.SelectQuery;
  const text = new sparqljs.Generator().stringify(select);
  const json = await engine.run({ query: text, form: 'SELECT', format: SOLUTION_FORMATS[0] as ResultFormat });
  const results = JSON.parse(json) as { results: { bindings: Array<Record<string, { type: string; value: string }>> } };
  const iris: string[] = [];
  for (const binding of results.results.bindings) {
    for (const value of Object.values(binding)) if (value.type === 'uri') iris.push(value.value);
  }
  return iris;
}
