// The page modules over the real data, called directly: a PageContext over Oxigraph reads in this
// thread, no query workers, no HTTP. What each page kind holds; the HTTP tests cover the rest.
import { Parser, type Quad } from 'n3';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatById } from '../../../src/rdf/formats.js';
import { FOAF, RDFS } from '../../../src/rdf/vocab.js';
import { PAGE_SIZE, collectionDocument, collectionFacets, pageCount } from '../../../src/render/pages/collection.js';
import { HOME_ITEMS_PER_KIND, homePage } from '../../../src/render/pages/home.js';
import type { PageContext } from '../../../src/render/pages/page-context.js';
import { resourceDocument } from '../../../src/render/pages/resource.js';
import { TEST_BASE, iri } from '../../support/dataset.js';
import { realPageContext, indexOf, publishedOf } from '../../support/page-context.js';

let ctx: PageContext;

beforeAll(async () => {
  ({ ctx } = await realPageContext());
});

const parse = (body: Buffer): Quad[] => new Parser({ format: 'text/turtle' }).parse(body.toString('utf8'));
const thing = (relative: string) => {
  const found = indexOf(ctx).things.get(iri(relative));
  if (!found) throw new Error(`no thing ${relative} in the real data`);
  return found;
};

describe('the resource page', () => {
  it('in Turtle: the description, the labels of what it links to, the document metadata', async () => {
    const rep = await resourceDocument(ctx, thing('id/process/bali-process'), formatById('turtle'));
    expect(rep.contentType).toBe('text/turtle; charset=utf-8');
    const quads = parse(rep.body);
    const has = (s: string, p: string, o: string): boolean =>
      quads.some((q) => q.subject.value === s && q.predicate.value === p && q.object.value === o);
    expect(has(`${TEST_BASE}doc/process/bali-process`, `${FOAF}primaryTopic`, iri('id/process/bali-process'))).toBe(
      true,
    );
    expect(
      has(
        iri('id/process/bali-process'),
        'http://purl.org/dc/terms/hasPart',
        iri('id/process/bali-process-steering-group'),
      ),
    ).toBe(true);
    expect(has(iri('id/process/bali-process-steering-group'), `${RDFS}label`, 'Bali Process Steering group')).toBe(
      true,
    );
    // Inbound: what points at the Bali Process is in its document too.
    expect(
      quads.some(
        (q) =>
          q.object.value === iri('id/process/bali-process') &&
          q.subject.value !== `${TEST_BASE}doc/process/bali-process`,
      ),
    ).toBe(true);
  });

  it('in HTML: the title, the properties by label, and schema.org JSON-LD about the thing', async () => {
    const html = (await resourceDocument(ctx, thing('id/process/bali-process'), formatById('html'))).body.toString(
      'utf8',
    );
    expect(html).toContain('<title>Bali Process');
    expect(html).toContain(`href="${TEST_BASE}doc/process/bali-process-steering-group"`);
    const jsonLd = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)?.[1];
    expect(JSON.parse(jsonLd ?? '{}')).toMatchObject({ '@id': iri('id/process/bali-process'), name: 'Bali Process' });
  });
});

describe('the collection page', () => {
  it('lists one page of members, each with its label and types, and links the next page', async () => {
    const members = publishedOf(ctx, 'event');
    expect(members.length).toBeGreaterThan(PAGE_SIZE); // so the real data has a second page to link
    expect(pageCount(ctx, 'event')).toBe(Math.ceil(members.length / PAGE_SIZE));
    const quads = parse((await collectionDocument(ctx, 'event', 1, undefined, formatById('turtle'))).body);
    const listed = quads.filter((q) => q.predicate.value === `${RDFS}member`).map((q) => q.object.value);
    expect(listed).toEqual(members.slice(0, PAGE_SIZE).map((m) => m.iri));
    for (const member of listed)
      expect(quads.some((q) => q.subject.value === member && q.predicate.value === `${RDFS}label`)).toBe(true);
    expect(
      quads.some(
        (q) =>
          q.predicate.value === 'http://www.w3.org/1999/xhtml/vocab#next' &&
          q.object.value === `${TEST_BASE}doc/event?page=2`,
      ),
    ).toBe(true);
  });
});

describe('the kinds of a collection', () => {
  it('are the types its members have, with their counts, most first, and without a kind every member has', () => {
    const facets = collectionFacets(ctx, 'process');
    const members = publishedOf(ctx, 'process');
    expect(facets.length).toBeGreaterThan(1);
    for (const facet of facets) {
      expect(facet.count).toBe(members.filter((m) => m.types.includes(facet.iri)).length);
      expect(facet.count).toBeLessThan(members.length);
      expect(facet.curie).toMatch(/^[a-z]+:[A-Za-z]/);
    }
    expect(facets.map((f) => f.count)).toEqual([...facets.map((f) => f.count)].sort((a, b) => b - a));
    expect(collectionFacets(ctx, 'project')).toEqual([]); // every project is a mig:Project
  });
});

describe('the home page', () => {
  it('lists the IDM editions and the World Migration Report editions in year order', async () => {
    const html = (await homePage(ctx)).body.toString('utf8');
    const section = (id: string): string =>
      html.slice(html.indexOf(`id="${id}"`), html.indexOf('</section>', html.indexOf(`id="${id}"`)));
    // The year of each listed thing, read from the data (labels need not carry it).
    const years = async (text: string): Promise<number[]> => {
      const things = [...text.matchAll(/<a href="([^"]+)">/g)].map((m) =>
        m[1]!.replace(`${TEST_BASE}doc/`, `${TEST_BASE}id/`),
      );
      const rows = await ctx.store.select(
        `SELECT ?s ?year WHERE { VALUES ?s { ${things.map((t) => `<${t}>`).join(' ')} } ?s <${TEST_BASE}ontology#year> ?year }`,
      );
      const byThing = new Map(rows.map((r) => [r.s!.value, Number(r.year!.value)]));
      return things.map((t) => byThing.get(t) ?? Number.NaN);
    };
    const idm = await years(section('idm-heading'));
    const wmr = await years(section('wmr-heading'));
    expect(idm).toHaveLength(19);
    expect(wmr).toHaveLength(9);
    expect(idm).toEqual([...idm].sort((a, b) => a - b));
    expect(wmr).toEqual([...wmr].sort((a, b) => a - b));
  });

  it('opens with the counts and the four pictures, each with its words; no empty group of processes', async () => {
    const html = (await homePage(ctx)).body.toString('utf8');
    const counts = html.indexOf('class="home-counts"');
    const network = html.indexOf('<svg class="picture picture-network"');
    expect(counts).toBeGreaterThan(html.indexOf('<h1>'));
    expect(network).toBeGreaterThan(counts);
    for (const name of ['network', 'idm-timeline', 'wmr-editions', 'africa-2000']) {
      expect(html).toContain(`aria-labelledby="${name}-title ${name}-desc"`);
      expect(html).toContain(`<figure class="picture picture-${name}">`);
    }
    // Everything the pictures show comes before the lists of processes and collections.
    expect(html.indexOf('id="processes-heading"')).toBeGreaterThan(html.indexOf('class="africa-shares"'));
    expect(html).toMatch(/<strong>19<\/strong> <span>IDM years<\/span>/);
    expect(html).toMatch(/Sum as printed<\/th><td class="number"><strong>91 %<\/strong>/);
    expect(html).not.toMatch(/<small>\(0\)<\/small>/);
    expect(html).not.toMatch(/\sstyle="/);
  });
});

describe('listings and the home page stay bounded as a kind grows', () => {
  const MANY = 61;
  const extraTurtle = Array.from(
    { length: MANY },
    (_, i) =>
      `<id/process/extra-${String(i).padStart(2, '0')}> a <ontology#GlobalProcess> ; <http://www.w3.org/2000/01/rdf-schema#label> "Extra process ${String(i).padStart(2, '0')}"@en .`,
  ).join('\n');
  let grown: PageContext;

  beforeAll(async () => {
    ({ ctx: grown } = await realPageContext({ extraTurtle }));
  });

  it('a kind of more than 50 members pages within the kind, each page linking the next and the previous', async () => {
    const facet = collectionFacets(grown, 'process').find((f) => f.curie === 'mig:GlobalProcess');
    expect(facet?.count).toBe(MANY + 5);
    expect(pageCount(grown, 'process', facet)).toBe(2);
    const members = (quads: Quad[]): string[] =>
      quads.filter((q) => q.predicate.value === `${RDFS}member`).map((q) => q.object.value);
    const one = parse((await collectionDocument(grown, 'process', 1, facet, formatById('turtle'))).body);
    const two = parse((await collectionDocument(grown, 'process', 2, facet, formatById('turtle'))).body);
    expect(members(one)).toHaveLength(PAGE_SIZE);
    expect(members(one).length + members(two).length).toBe(MANY + 5);
    const link = (quads: Quad[], rel: string): string | undefined =>
      quads.find((q) => q.predicate.value === `http://www.w3.org/1999/xhtml/vocab#${rel}`)?.object.value;
    expect(link(one, 'next')).toBe(`${TEST_BASE}doc/process?type=mig:GlobalProcess&page=2`);
    expect(link(two, 'prev')).toBe(`${TEST_BASE}doc/process?type=mig:GlobalProcess`);
    const html = (await collectionDocument(grown, 'process', 1, facet, formatById('html'))).body.toString('utf8');
    expect(html).toMatch(/rel="next" href="[^"]*\?type(=|&#x3D;)mig:GlobalProcess&amp;page(=|&#x3D;)2"/);
  });

  it(`the home page lists at most ${HOME_ITEMS_PER_KIND} processes of a kind and links the listing of them all`, async () => {
    const html = (await homePage(grown)).body.toString('utf8');
    const section = html.slice(
      html.indexOf('id="processes-heading"'),
      html.indexOf('</section>', html.indexOf('id="processes-heading"')),
    );
    expect((section.match(/Extra process \d\d/g) ?? []).length).toBeLessThanOrEqual(HOME_ITEMS_PER_KIND);
    expect(section).toMatch(/href="[^"]*doc\/process\?type(=|&#x3D;)mig:GlobalProcess">All 66<\/a>/);
  });
});
