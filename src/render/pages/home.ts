// The home page: processes by kind, the International Dialogue on Migration editions, the World
// Migration Reports and every collection with its size.
import { collectionIri } from '../../rdf/layout.js';
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
import { htmlPage, onSite, publishedItems, type PageContext } from './page-context.js';

export async function homePage(ctx: PageContext): Promise<Representation> {
  const mig = ontologyNamespace(ctx.baseIri);
  const processKinds = HOME_PROCESS_KINDS.map((kind) => ({
    label: kind === HOME_OTHER_PROCESS_KIND ? HOME_OTHER_PROCESS_LABEL : ctx.labels.label(mig + kind),
    items: publishedItems(ctx, 'process')
      .filter((p) => p.types.includes(mig + kind))
      .filter((p) => kind !== HOME_OTHER_PROCESS_KIND || p.types.length === 1)
      .map((p) => ({ href: hrefFor(p.iri, ctx.baseIri, ctx.siteUrl), label: p.label })),
  }));
  const editions = publishedItems(ctx, 'event').filter((e) => e.types.includes(`${mig}DialogueEdition`));
  const publications = publishedItems(ctx, 'publication');
  const series = await valuesOf(ctx, publications, `${mig}inSeries`);
  const reports = publications.filter((p) => series.get(p.iri)?.some((s) => s.endsWith('/world-migration-report')));
  const [years, themes, titles] = await Promise.all([
    valuesOf(ctx, [...editions, ...reports], `${mig}year`),
    valuesOf(ctx, editions, `${mig}theme`),
    valuesOf(ctx, reports, `${DCT}title`),
  ]);
  const byYear = (things: readonly ThingInfo[]): ThingInfo[] =>
    [...things].sort((a, b) => (years.get(a.iri)?.[0] ?? '').localeCompare(years.get(b.iri)?.[0] ?? ''));
  const idm = byYear(editions).map((e) => ({
    href: hrefFor(e.iri, ctx.baseIri, ctx.siteUrl),
    label: e.label,
    theme: themes.get(e.iri)?.[0],
  }));
  const wmr = byYear(reports).map((p) => ({
    href: hrefFor(p.iri, ctx.baseIri, ctx.siteUrl),
    label: p.label,
    title: titles.get(p.iri)?.[0],
  }));
  const collections = COLLECTIONS.map((c) => ({
    href: onSite(ctx, collectionIri(ctx.baseIri, c)),
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
    // The site's search (/search?q=, pages/search.ts), under BASE_IRI like every schema.org URL.
    potentialAction: {
      '@type': 'SearchAction',
      target: { '@type': 'EntryPoint', urlTemplate: `${ctx.baseIri}search?q={search_term_string}` },
      'query-input': 'required name=search_term_string',
    },
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

/** The values of one property of each of these things, in one query (IRIs of things are plain). */
async function valuesOf(
  ctx: PageContext,
  things: readonly ThingInfo[],
  predicate: string,
): Promise<Map<string, string[]>> {
  const values = new Map<string, string[]>();
  if (things.length === 0) return values;
  const rows = await ctx.store.select(
    `SELECT ?s ?o WHERE { VALUES ?s { ${things.map((t) => `<${t.iri}>`).join(' ')} } ?s <${predicate}> ?o }`,
  );
  for (const row of rows) {
    const subject = row.s?.value;
    const value = row.o?.value;
    if (subject !== undefined && value !== undefined) values.set(subject, [...(values.get(subject) ?? []), value]);
  }
  return values;
}
