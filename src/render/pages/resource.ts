// The document about one thing (its description in RDF, or its HTML page) and the 410 page of a
// withdrawn thing.
import { DataFactory } from 'n3';
import { FORMATS, type FormatEntry } from '../../rdf/formats.js';
import { documentIri } from '../../resolve/resolve-path.js';
import type { ThingInfo } from '../../resolve/thing-index.js';
import { describeResource } from '../describe.js';
import { alternatesFor } from '../html.js';
import type { Representation } from '../representation.js';
import { buildResourceView } from '../resource-view.js';
import { describeForSearchEngines } from '../schema-org.js';
import { errorPage } from './error.js';
import { htmlPage, rdfDocument, type PageContext } from './page-context.js';

const { namedNode } = DataFactory;

export function resourceDocument(ctx: PageContext, thing: ThingInfo, format: FormatEntry): Promise<Representation> {
  const docIri = documentIri(thing, ctx.baseIri);
  if (format.rdf) {
    const quads = describeResource(ctx.store, thing.iri, docIri, ctx.info);
    return rdfDocument(ctx, quads, format, thing.iri);
  }
  const view = buildResourceView(ctx.store, ctx.labels, thing.iri, ctx.baseIri);
  return Promise.resolve(
    htmlPage(
      ctx,
      'resource',
      {
        title: view.title,
        ...(view.description ? { description: view.description } : {}),
        canonical: docIri,
        alternates: alternatesFor(docIri, FORMATS),
        schema: describeForSearchEngines(ctx.store, thing.iri, ctx.baseIri),
      },
      { view },
    ),
  );
}

export function gonePage(ctx: PageContext, thing: ThingInfo): Representation {
  const note = ctx.store.objects(namedNode(thing.iri), 'http://www.w3.org/2004/02/skos/core#changeNote')[0]?.value;
  return errorPage(
    ctx,
    410,
    'Gone',
    `${thing.label} (${thing.iri}) has been withdrawn and is no longer published.${note ? ` ${note}` : ''}`,
  );
}
