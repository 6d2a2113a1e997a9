// Search over the real data without workers: the index (labels and skos:altLabel, read through
// ctx.store.select), its ranking (exact names and acronyms first), the HTML and JSON results, the
// OpenSearch description and the 404 page's close matches.
import { beforeAll, describe, expect, it } from 'vitest';
import { errorPage } from '../../../src/render/pages/error.js';
import { homePage } from '../../../src/render/pages/home.js';
import { type PageContext } from '../../../src/render/pages/page-context.js';
import { SiteSearch, openSearchDescription, pathWords } from '../../../src/render/pages/search.js';
import { RepresentationCache } from '../../../src/render/representation.js';
import { MAX_NAME_LENGTH, SearchIndex, isAcronym, normalise } from '../../../src/render/search-index.js';
import { COLLECTIONS } from '../../../src/rdf/vocab.js';
import { TEST_BASE, iri } from '../../support/dataset.js';
import { realPageContext, indexOf } from '../../support/page-context.js';

let ctx: PageContext;
let search: SiteSearch;
let index: SearchIndex;
/** Every SELECT the index was built with, to show it reads through ctx.store only. */
const selects: string[] = [];

beforeAll(async () => {
  ({ ctx } = await realPageContext({ selects }));
  search = new SiteSearch(ctx, new RepresentationCache(10_000_000));
  index = await search.index();
});

const iris = (q: string): string[] => index.find(q).hits.map((h) => h.iri);

describe('the search index', () => {
  it('holds every published thing, read with one SELECT through the store', async () => {
    const published = [...indexOf(ctx).things.values()].filter((t) => !t.withdrawn && !t.replacedBy);
    expect(index.size).toBe(published.length);
    expect(selects).toHaveLength(1);
    expect(selects[0]).toContain('http://www.w3.org/2004/02/skos/core#altLabel');
    // Built once: a second use reads nothing more.
    expect(await search.index()).toBe(index);
    expect(selects).toHaveLength(1);
  });

  it('saved (CACHE_DIR) and read back without the things, finds the same; refused when it cannot be this one', () => {
    const saved = JSON.parse(JSON.stringify(index.toSaved())) as ReturnType<SearchIndex['toSaved']>;
    const read = SearchIndex.fromSaved(saved, index.size, COLLECTIONS);
    for (const q of ['iom', 'bali', 'migration law', 'colombo']) expect(read?.find(q), q).toEqual(index.find(q));
    expect(SearchIndex.fromSaved(saved, index.size + 1, COLLECTIONS)).toBeUndefined();
    const [first, ...rest] = saved.entries;
    for (const broken of [{ ...first, label: 1 }, { ...first, collection: 'widget' }, { ...first, names: [2] }])
      expect(SearchIndex.fromSaved({ ...saved, entries: [broken, ...rest] }, index.size, COLLECTIONS)).toBeUndefined();
    expect(SearchIndex.fromSaved({ ...saved, search: { nonsense: true } }, index.size, COLLECTIONS)).toBeUndefined();
  });

  it('an acronym (skos:altLabel) finds its thing first, in any case', () => {
    for (const q of ['IOM', 'iom', ' Iom ']) expect(iris(q)[0]).toBe(iri('id/organisation/iom'));
    const unhcr = index.find('unhcr').hits[0];
    expect(unhcr?.iri).toBe(iri('id/organisation/unhcr'));
    expect(unhcr?.matched).toBe('UNHCR');
    expect(unhcr?.label).toBe('United Nations High Commissioner for Refugees');
  });

  it('an exact label comes before things whose names only contain the words', () => {
    const hits = iris('Bali Process');
    expect(hits[0]).toBe(iri('id/process/bali-process'));
    expect(hits.length).toBeGreaterThan(1); // the steering group, IOM's roles there ...
  });

  it('suggests as you type: the last word is a prefix', () => {
    expect(iris('bali proc')[0]).toBe(iri('id/process/bali-process'));
    expect(iris('UNH')[0]).toBe(iri('id/organisation/unhcr'));
  });

  it('forgives a typo in a longer word', () => {
    expect(iris('Internatonal Organization for Migration')[0]).toBe(iri('id/organisation/iom'));
  });

  it('an exact acronym first, then acronyms that begin with the query, then the rest', () => {
    const hits = index.find('IML').hits;
    expect(hits[0]).toMatchObject({ iri: iri('id/instrument/international-migration-law'), matched: 'IML' });
    expect(hits[1]).toMatchObject({
      iri: iri('id/organisation/international-migration-law-unit'),
      matched: 'IML Unit',
    });
  });

  it('finds nothing for words no name has, and for a query of no words', () => {
    expect(index.find('zzzqqxw').total).toBe(0);
    expect(index.find('!!! ...').total).toBe(0);
  });

  it('bounds what it returns and what it keeps', () => {
    expect(index.find('migration', 3).hits).toHaveLength(3);
    expect(index.find('migration', 3).total).toBeGreaterThan(3);
    for (const hit of index.find('migration').hits)
      for (const name of hit.names) expect(name.length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
  });

  it('normalises case, diacritics and spaces; knows an acronym', () => {
    expect(normalise('  Côte  d’Ivoire ')).toBe('cote d’ivoire');
    expect(isAcronym('UNHCR')).toBe(true);
    expect(isAcronym('IML Unit')).toBe(false);
    expect(isAcronym('Migration')).toBe(false);
  });
});

describe('the search results', () => {
  it('as JSON: query, total and each result with its link, label, kind and the name matched', async () => {
    const rep = await search.results('iom', 'json', 5);
    expect(rep.contentType).toBe('application/json; charset=utf-8');
    const body = JSON.parse(rep.body.toString('utf8')) as {
      query: string;
      total: number;
      results: Array<{ iri: string; url: string; label: string; kind: string; matched?: string }>;
    };
    expect(body.query).toBe('iom');
    expect(body.results.length).toBeLessThanOrEqual(5);
    expect(body.results[0]).toMatchObject({
      iri: iri('id/organisation/iom'),
      url: `${TEST_BASE}doc/organisation/iom`,
      label: 'International Organization for Migration',
      kind: 'Organisations',
      matched: 'IOM',
    });
  });

  it('as HTML: a list of links to the things, the count, the query in the box', async () => {
    const html = (await search.results('UNHCR', 'html')).body.toString('utf8');
    expect(html).toContain('<h1>Search: “UNHCR”</h1>');
    expect(html).toContain(
      `href="${TEST_BASE}doc/organisation/unhcr">United Nations High Commissioner for Refugees</a>`,
    );
    expect(html).toContain('also called <strong>UNHCR</strong>');
    expect(html).toMatch(/id="site-search-q"[^>]*value="UNHCR"/);
    expect(html).toContain('"@type": "SearchResultsPage"');
  });

  it('escapes the query in HTML', async () => {
    const html = (await search.results('<script>x</script>', 'html')).body.toString('utf8');
    expect(html).not.toContain('<script>x</script>');
    expect(html).toContain('Nothing is named “&lt;script&gt;x&lt;/script&gt;”');
  });

  it('every page has the search box and links the OpenSearch description', async () => {
    const html = (await homePage(ctx)).body.toString('utf8');
    expect(html).toContain(`<form class="site-search" role="search"`);
    expect(html).toContain(`action="${TEST_BASE}search"`);
    expect(html).toContain(
      `<link rel="search" type="application/opensearchdescription+xml" href="${TEST_BASE}opensearch.xml"`,
    );
    expect(html).toContain(`<script src="${TEST_BASE}assets/search.js" defer></script>`);
  });

  it("the home page's WebSite node has a SearchAction", async () => {
    const html = (await homePage(ctx)).body.toString('utf8');
    const json = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '{}';
    const site = JSON.parse(json) as { potentialAction?: Record<string, unknown> };
    expect(site.potentialAction).toEqual({
      '@type': 'SearchAction',
      target: { '@type': 'EntryPoint', urlTemplate: `${TEST_BASE}search?q={search_term_string}` },
      'query-input': 'required name=search_term_string',
    });
  });
});

describe('OpenSearch', () => {
  it('describes the HTML and JSON searches on this server', () => {
    const xml = openSearchDescription(ctx).body.toString('utf8');
    expect(xml).toContain('<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">');
    expect(xml).toContain(`<Url type="text/html" method="get" template="${TEST_BASE}search?q={searchTerms}"/>`);
    expect(xml).toContain(`<Url type="application/json" method="get" template="${TEST_BASE}search?q={searchTerms}"/>`);
    expect(/<ShortName>([^<]*)<\/ShortName>/.exec(xml)?.[1]?.length).toBeLessThanOrEqual(16);
  });
});

describe('close matches on the 404 page', () => {
  it('takes the words of the last segment of a path', () => {
    expect(pathWords('/doc/process/bali-proces.ttl')).toBe('bali proces');
    expect(pathWords('/id/organisation/unhcrr')).toBe('unhcrr');
    expect(pathWords('/%E0%A4%A')).toBe('E0 A4 A');
    expect(pathWords('/')).toBe('');
  });

  it('a mistyped address suggests the thing meant', async () => {
    const matches = await search.closeMatches('/doc/process/bali-proces');
    expect(matches[0]).toEqual({
      href: `${TEST_BASE}doc/process/bali-process`,
      label: 'Bali Process',
      kind: 'Processes',
    });
    expect(matches.length).toBeLessThanOrEqual(5);
    expect((await search.closeMatches('/id/organisation/unhcrr'))[0]?.label).toBe(
      'United Nations High Commissioner for Refugees',
    );
  });

  it('only a 404 page shows them', async () => {
    const matches = await search.closeMatches('/doc/process/bali-proces');
    const notFound = errorPage(ctx, 404, 'Not Found', 'Nothing here.', undefined, matches).body.toString('utf8');
    expect(notFound).toContain('Did you mean');
    expect(notFound).toContain(`href="${TEST_BASE}doc/process/bali-process">Bali Process</a>`);
    const gone = errorPage(ctx, 410, 'Gone', 'Withdrawn.', undefined, matches).body.toString('utf8');
    expect(gone).not.toContain('Did you mean');
  });
});
