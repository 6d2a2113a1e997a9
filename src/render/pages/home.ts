// The home page: processes by kind, the International Dialogue on Migration editions, the World
// Migration Reports and every collection with its size.
import { DataFactory } from 'n3';
import { COLLECTIONS, DCT, ontologyNamespace } from '../../rdf/vocab.js';
import type { ThingInfo } from '../../resolve/thing-index.js';
import type { Representation } from '../representation.js';
import { hrefFor } from '../resource-view.js';
import type { SchemaNode } from '../schema-org.js';
import {
  COLLECTION_TITLES,
  DATASET_DESCRIPTION,
  DATASET_TITLE,
  HOME_OTHER_PROCESS_KIND,
  HOME_OTHER_PROCESS_LABEL,
  HOME_PROCESS_KINDS,
} from '../site-content.js';
import { htmlPage, publishedItems, type PageContext } from './page-context.js';

const { namedNode } = DataFactory;

export function homePage(ctx: PageContext): Representation {
  const mig = ontologyNamespace(ctx.baseIri);
  const processKinds = HOME_PROCESS_KINDS.map((kind) => ({
    label: kind === HOME_OTHER_PROCESS_KIND ? HOME_OTHER_PROCESS_LABEL : ctx.labels.label(mig + kind),
    items: publishedItems(ctx, 'process')
      .filter((p) => p.types.includes(mig + kind))
      .filter((p) => kind !== HOME_OTHER_PROCESS_KIND || p.types.length === 1)
      .map((p) => ({ href: hrefFor(p.iri, ctx.baseIri), label: p.label })),
  }));
  // Each thing's year is looked up once, not once per comparison.
  const byYear = (things: readonly ThingInfo[]): ThingInfo[] => {
    const years = new Map(things.map((t) => [t, year(ctx, t)]));
    return [...things].sort((a, b) => (years.get(a) ?? '').localeCompare(years.get(b) ?? ''));
  };
  const idm = byYear(publishedItems(ctx, 'event').filter((e) => e.types.includes(`${mig}DialogueEdition`))).map(
    (e) => ({
      href: hrefFor(e.iri, ctx.baseIri),
      label: e.label,
      theme: ctx.store.objects(namedNode(e.iri), `${mig}theme`)[0]?.value,
    }),
  );
  const wmr = byYear(
    publishedItems(ctx, 'publication').filter((p) =>
      ctx.store.objects(namedNode(p.iri), `${mig}inSeries`).some((s) => s.value.endsWith('/world-migration-report')),
    ),
  ).map((p) => ({
    href: hrefFor(p.iri, ctx.baseIri),
    label: p.label,
    title: ctx.store.objects(namedNode(p.iri), `${DCT}title`)[0]?.value,
  }));
  const collections = COLLECTIONS.map((c) => ({
    href: `${ctx.baseIri}doc/${c}`,
    label: COLLECTION_TITLES[c],
    count: publishedItems(ctx, c).length,
  }));
  const schema: SchemaNode = {
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    '@id': ctx.baseIri,
    url: ctx.baseIri,
    name: DATASET_TITLE,
    description: DATASET_DESCRIPTION,
    about: { '@id': ctx.datasetIri, '@type': 'Dataset', name: DATASET_TITLE, url: ctx.datasetIri },
  };
  return htmlPage(
    ctx,
    'home',
    { title: 'Home', description: DATASET_DESCRIPTION, canonical: ctx.baseIri, alternates: [], schema },
    {
      processKinds,
      idm,
      wmr,
      collections,
    },
  );
}

function year(ctx: PageContext, thing: ThingInfo): string {
  return ctx.store.objects(namedNode(thing.iri), `${ontologyNamespace(ctx.baseIri)}year`)[0]?.value ?? '';
}
