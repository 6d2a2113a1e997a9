// The home page: what the dataset holds, in numbers and pictures (the network of IOM's roles, the
// International Dialogue on Migration's years, the World Migration Report editions, the Africa 2000
// shares), each picture with its words and a table beside it; then the processes by kind, the
// collections and the ways to use the data. Every figure is read through the store (pictures/).
import { collectionIri } from '../../rdf/layout.js';
import { COLLECTIONS, ontologyNamespace } from '../../rdf/vocab.js';
import { allPictures } from '../pictures/pictures.js';
import type { Representation } from '../representation.js';
import { hrefFor } from '../resource/value-view.js';
import type { SchemaNode } from '../schema-org.js';
import {
  COLLECTION_TITLES,
  DATASET_DESCRIPTION,
  DATASET_TITLE,
  HOME_COUNT_LABELS,
  HOME_OTHER_PROCESS_KIND,
  HOME_OTHER_PROCESS_LABEL,
  HOME_PROCESS_KINDS,
} from '../site-content.js';
import { collectionKinds } from './collection.js';
import { datasetReference, htmlPage, onSite, type PageContext } from './page-context.js';

/** The most processes of one kind the home page lists (the real data has at most 30); the rest are a link away. */
export const HOME_ITEMS_PER_KIND = 40;

export async function homePage(ctx: PageContext): Promise<Representation> {
  const mig = ontologyNamespace(ctx.baseIri);
  // Kinds without a process in the data are left out (no empty "Inter-regional forum (0)"); each
  // kind lists at most HOME_ITEMS_PER_KIND, and links the listing of them all (`?type=`).
  const kinds = collectionKinds(ctx, 'process');
  const processKinds = (
    await Promise.all(
      HOME_PROCESS_KINDS.map(async (kind) => {
        const other = kind === HOME_OTHER_PROCESS_KIND;
        const ofKind = kinds.all.get(mig + kind)?.count ?? 0;
        // The other kind's are those with no kind beside it: read whole, then counted.
        const read = await ctx.things.listing('process', mig + kind, 0, other ? ofKind : HOME_ITEMS_PER_KIND);
        const listed = other ? read.filter((p) => p.types.length === 1) : read;
        const count = other ? listed.length : ofKind;
        const facet = other ? undefined : kinds.all.get(mig + kind);
        return {
          label: other ? HOME_OTHER_PROCESS_LABEL : ctx.labels.label(mig + kind),
          count,
          items: listed
            .slice(0, HOME_ITEMS_PER_KIND)
            .map((p) => ({ href: hrefFor(p.iri, ctx.baseIri, ctx.siteUrl), label: p.label })),
          ...(count > HOME_ITEMS_PER_KIND
            ? { more: onSite(ctx, collectionIri(ctx.baseIri, 'process', 1, facet?.curie)) }
            : {}),
        };
      }),
    )
  ).filter((k) => k.items.length > 0);
  const pictures = await allPictures(ctx);
  const counted = pictures.counts;
  const link = (c: (typeof COLLECTIONS)[number]): string => onSite(ctx, collectionIri(ctx.baseIri, c));
  const counts = [
    { n: counted.processes, label: HOME_COUNT_LABELS.processes, href: link('process') },
    { n: counted.organisations, label: HOME_COUNT_LABELS.organisations, href: link('organisation') },
    { n: counted.engagements, label: HOME_COUNT_LABELS.engagements, href: link('engagement') },
    { n: counted.roles, label: HOME_COUNT_LABELS.roles, href: link('role') },
    { n: counted.idmYears, label: HOME_COUNT_LABELS.idmYears, href: '#idm-heading' },
    { n: counted.wmrEditions, label: HOME_COUNT_LABELS.wmrEditions, href: '#wmr-heading' },
    { n: counted.triples, label: HOME_COUNT_LABELS.triples, href: onSite(ctx, ctx.datasetIri) },
  ].map((c) => ({ ...c, shown: c.n.toLocaleString('en') }));
  const collections = COLLECTIONS.map((c) => ({
    href: link(c),
    label: COLLECTION_TITLES[c],
    count: ctx.things.kinds(c).members,
  })).filter((c) => c.count > 0);
  const schema: SchemaNode = {
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    '@id': ctx.baseIri,
    url: ctx.baseIri,
    name: DATASET_TITLE,
    description: DATASET_DESCRIPTION,
    about: datasetReference(ctx),
    // The site's search (/search?q=, pages/search.ts), under BASE_IRI like every schema.org URL.
    potentialAction: {
      '@type': 'SearchAction',
      target: { '@type': 'EntryPoint', urlTemplate: `${ctx.baseIri}search?q={search_term_string}` },
      'query-input': 'required name=search_term_string',
    },
  };
  const file = (name: string): string => `${ctx.siteUrl}pictures/${name}.svg`;
  const { network, idm, wmr, africa } = pictures;
  return htmlPage(
    ctx,
    'home',
    { title: 'Home', description: DATASET_DESCRIPTION, canonical: ctx.baseIri, alternates: [], schema },
    {
      counts,
      network: { ...network, href: file(network.name) },
      idm: { ...idm, href: file(idm.name) },
      wmr: { ...wmr, href: file(wmr.name) },
      africa: { ...africa, href: file(africa.name) },
      processKinds,
      collections,
    },
  );
}
