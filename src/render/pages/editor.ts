// The SPARQL query editor and the page of worked example queries.
import { sparqlExamples, type SparqlExample } from '../../sparql/examples.js';
import type { Representation } from '../representation.js';
import { scriptSafeJson, type SchemaNode } from '../schema-org.js';
import { DATASET_TITLE } from '../site-content.js';
import { htmlPage, type PageContext } from './page-context.js';

export type { SparqlExample };

/** The worked example queries, written for a base IRI. */
export function examplesFor(baseIri: string): SparqlExample[] {
  return sparqlExamples(baseIri);
}

/** The query editor; with a query, the editor opens on it (what a browser gets for GET ?query=). */
export function sparqlEditorPage(ctx: PageContext, examples: readonly SparqlExample[], query?: string): Representation {
  const endpoint = `${ctx.baseIri}sparql`;
  const prefixBlock = Object.entries(ctx.prefixes)
    .filter(([p]) =>
      ['rdf', 'rdfs', 'skos', 'org', 'dct', 'foaf', 'mig', 'process', 'organisation', 'role'].includes(p),
    )
    .map(([p, ns]) => `PREFIX ${p}: <${ns}>`)
    .join('\n');
  const defaultQuery = `${prefixBlock}\n\nSELECT DISTINCT ?process ?label WHERE {\n  ?process a/rdfs:subClassOf* mig:Process ; rdfs:label ?label .\n}\nORDER BY ?label\nLIMIT 50\n`;
  const schema: SchemaNode = {
    '@context': 'https://schema.org',
    '@type': 'WebPage',
    '@id': endpoint,
    url: endpoint,
    name: 'SPARQL endpoint',
  };
  const listed = examples.map(({ id, title, query: text }) => ({ id, title, query: text }));
  return htmlPage(
    ctx,
    'sparql',
    { title: 'SPARQL endpoint', canonical: endpoint, alternates: [], schema },
    {
      endpoint,
      query: query ?? defaultQuery,
      examples: listed,
      config: scriptSafeJson({
        endpoint,
        query: query ?? null,
        defaultQuery,
        prefixes: ctx.prefixes,
        examples: listed,
      }),
    },
  );
}

/** BASE/sparql/examples: every worked example with its question, query, editor link and a curl command for CSV. */
export function sparqlExamplesPage(ctx: PageContext, examples: readonly SparqlExample[]): Representation {
  const endpoint = `${ctx.baseIri}sparql`;
  const url = `${endpoint}/examples`;
  const listed = examples.map((example) => ({
    ...example,
    editorHref: `${endpoint}#query=${encodeURIComponent(example.query)}`,
    curl: `curl -H 'Accept: text/csv' --data-urlencode ${shellQuote(`query=${example.query.trimEnd()}`)} ${endpoint}`,
  }));
  const schema: SchemaNode = {
    '@context': 'https://schema.org',
    '@type': 'WebPage',
    '@id': url,
    url,
    name: 'SPARQL examples',
    isPartOf: { '@id': ctx.datasetIri, '@type': 'Dataset', name: DATASET_TITLE },
  };
  return htmlPage(
    ctx,
    'sparql-examples',
    {
      title: 'SPARQL examples',
      description: `${listed.length} worked SPARQL queries over IOM's migration governance data, each answering one question.`,
      canonical: url,
      alternates: [],
      schema,
    },
    { endpoint, examples: listed },
  );
}

/** One POSIX shell word holding the text (single-quoted; a quote inside is closed, escaped and reopened). */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
