// The SPARQL query editor and the page of worked example queries.
import type { Quad } from 'n3';
import { OWL, RDF, RDFS, SH, XSD } from '../../rdf/vocab.js';
import { sparqlExamples, type SparqlExample } from '../../sparql/examples.js';
import type { Representation } from '../representation.js';
import { scriptSafeJson, type SchemaNode } from '../schema-org.js';
import { datasetReference, htmlPage, type PageContext } from './page-context.js';

export type { SparqlExample };

const CLASS_TYPES = new Set([`${OWL}Class`, `${RDFS}Class`]);
const PROPERTY_TYPES = new Set([
  `${OWL}ObjectProperty`,
  `${OWL}DatatypeProperty`,
  `${OWL}AnnotationProperty`,
  `${RDF}Property`,
]);

/**
 * The classes and properties the editor completes, all from our own files: the ontology's terms and
 * the terms they build on (superclasses, superproperties, domains, ranges), and what the shapes
 * say the data uses (sh:targetClass, sh:class, sh:path), plus rdf:type.
 */
export function vocabularyTerms(
  ontology: readonly Quad[],
  shapes: readonly Quad[],
): { classes: string[]; properties: string[] } {
  const classes = new Set<string>();
  const properties = new Set<string>([`${RDF}type`]);
  const iri = (q: Quad): string | undefined => (q.object.termType === 'NamedNode' ? q.object.value : undefined);
  for (const q of ontology) {
    const p = q.predicate.value;
    const o = iri(q);
    if (p === `${RDF}type` && o && q.subject.termType === 'NamedNode') {
      if (CLASS_TYPES.has(o)) classes.add(q.subject.value);
      if (PROPERTY_TYPES.has(o)) properties.add(q.subject.value);
    }
    if (o && (p === `${RDFS}subClassOf` || p === `${RDFS}domain` || p === `${RDFS}range`)) classes.add(o);
    if (o && p === `${RDFS}subPropertyOf`) properties.add(o);
    if (q.subject.termType === 'NamedNode' && (p === `${RDFS}subPropertyOf` || p === `${RDFS}domain`))
      properties.add(q.subject.value);
  }
  for (const q of shapes) {
    const p = q.predicate.value;
    const o = iri(q);
    if (o && (p === `${SH}targetClass` || p === `${SH}class`)) classes.add(o);
    if (o && p === `${SH}path`) properties.add(o);
  }
  const sorted = (set: Set<string>): string[] =>
    [...set].filter((t) => !t.startsWith(XSD) && t !== `${RDF}langString` && /^https?:/.test(t)).sort();
  return { classes: sorted(classes), properties: sorted(properties) };
}

/** The worked example queries, written for a base IRI. */
export function examplesFor(baseIri: string): SparqlExample[] {
  return sparqlExamples(baseIri);
}

/** The query editor; with a query, the editor opens on it (what a browser gets for GET ?query=). */
export function sparqlEditorPage(ctx: PageContext, examples: readonly SparqlExample[], query?: string): Representation {
  // The service's identifier (canonical, schema.org) is under BASE_IRI; the editor sends queries to this server.
  const endpoint = `${ctx.baseIri}sparql`;
  const siteEndpoint = `${ctx.siteUrl}sparql`;
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
      endpoint: siteEndpoint,
      query: query ?? defaultQuery,
      examples: listed,
      config: scriptSafeJson({
        endpoint: siteEndpoint,
        query: query ?? null,
        defaultQuery,
        prefixes: ctx.prefixes,
        examples: listed,
        // The chart and graph views' library, served by this site (views/assets/sparql-views.js loads it when first needed).
        echarts: `${ctx.siteUrl}assets/echarts/echarts.min.js`,
        // What the class and property completers offer (instead of asking Linked Open Vocabularies).
        terms: vocabularyTerms(ctx.ontology, ctx.shapes),
      }),
    },
  );
}

/** BASE/sparql/examples: every worked example with its question, query, editor link and a curl command for CSV. */
export function sparqlExamplesPage(ctx: PageContext, examples: readonly SparqlExample[]): Representation {
  const url = `${ctx.baseIri}sparql/examples`;
  const endpoint = `${ctx.siteUrl}sparql`;
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
    isPartOf: datasetReference(ctx),
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
