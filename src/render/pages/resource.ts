// The document about one thing (its description in RDF, or its HTML page) and the 410 page of a
// withdrawn thing.
import { documentQuads } from '../../rdf/document.js';
import { FORMATS, type FormatEntry } from '../../rdf/formats.js';
import { documentIri } from '../../rdf/layout.js';
import { DataFactory } from 'n3';
import { OWL, SKOS } from '../../rdf/vocab.js';
import type { ThingInfo } from '../../resolve/thing-index.js';
import { alternatesFor } from '../html.js';
import type { Representation } from '../representation.js';
import { readRelations } from '../resource/relations.js';
import { buildResourceView } from '../resource-view.js';
import { describeForSearchEngines } from '../schema-org.js';
import { errorPage } from './error.js';
import { htmlPage, onSite, rdfDocument, type PageContext } from './page-context.js';

export async function resourceDocument(
  ctx: PageContext,
  thing: ThingInfo,
  format: FormatEntry,
): Promise<Representation> {
  const docIri = documentIri(thing, ctx.baseIri);
  const description = await ctx.store.describe(thing.iri);
  if (format.rdf) return rdfDocument(ctx, documentQuads(description, docIri, ctx.info), format, thing.iri);
  // What the page shows of the things it connects, read through the store like the description.
  const relations = await readRelations(ctx.store, description, ctx.baseIri);
  const inverseOf = (property: string): string | undefined => {
    const inverse = ctx.ontologyStore.objects(DataFactory.namedNode(property), `${OWL}inverseOf`)[0];
    return inverse?.termType === 'NamedNode' ? ctx.labels.label(inverse.value) : undefined;
  };
  // Links go to this server (SITE_URL); the identifiers, the canonical address and schema.org stay public.
  const view = buildResourceView(description, ctx.labels, ctx.baseIri, ctx.siteUrl, { relations, inverseOf });
  return htmlPage(
    ctx,
    'resource',
    {
      title: view.title,
      ...(view.description ? { description: view.description } : {}),
      canonical: docIri,
      alternates: alternatesFor(onSite(ctx, docIri), FORMATS),
      schema: describeForSearchEngines(description, ctx.baseIri, relations),
    },
    { view },
  );
}

export async function gonePage(ctx: PageContext, thing: ThingInfo): Promise<Representation> {
  const { own } = await ctx.store.describe(thing.iri);
  const note = own.find((q) => q.subject.value === thing.iri && q.predicate.value === `${SKOS}changeNote`)?.object
    .value;
  return errorPage(
    ctx,
    410,
    'Gone',
    `${thing.label} (${thing.iri}) has been withdrawn and is no longer published.${note ? ` ${note}` : ''}`,
  );
}
