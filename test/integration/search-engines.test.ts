// What search engines harvest from every HTML page: one canonical link, one schema.org JSON-LD block
// that a strict JSON parser reads, in terms that exist in schema.org (read from schema-dts) and fit
// their types, the RDF alternates of each document, and literals that cannot break out of the block.
import type { Express } from 'express';
import { DomUtils, parseDocument } from 'htmlparser2';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { FORMATS } from '../../src/rdf/formats.js';
import { COLLECTIONS } from '../../src/rdf/vocab.js';
import type { Site } from '../../src/render/site.js';
import { appWithExtraData, realApp } from '../support/app.js';
import { TEST_BASE } from '../support/dataset.js';
import { readSchemaVocabulary, type SchemaVocabulary } from '../support/schema-vocabulary.js';
import { allThings } from '../support/things.js';

type Element = ReturnType<typeof DomUtils.findAll>[number];
type Json = Record<string, unknown>;

// ----- schema.org, read from schema-dts (test/support/schema-vocabulary.ts) ----------------------

/** Unknown types, unknown properties and properties used on a type they do not apply to; records what is used. */
/**
 * schema.org's Role pattern (https://schema.org/Role): a role node stands between a thing and the
 * value of one of its properties and repeats that property (IOM memberOf an OrganizationRole whose
 * memberOf is the process). Only that property, and only inside a Role type.
 */
function rolePattern(types: unknown[], key: string, where: string): boolean {
  const parentKey = /\.(\w+)(?:\[\d+\])?$/.exec(where)?.[1];
  return key === parentKey && types.some((t) => typeof t === 'string' && /Role$/.test(t));
}

function vocabularyProblems(
  vocabulary: SchemaVocabulary,
  value: unknown,
  used: { types: Set<string>; properties: Set<string> },
  where = '$',
): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => vocabularyProblems(vocabulary, v, used, `${where}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  const node = value as Json;
  const problems: string[] = [];
  const types = node['@type'] === undefined ? [] : ([] as unknown[]).concat(node['@type']);
  for (const type of types) {
    if (typeof type !== 'string' || !vocabulary.types.has(type))
      problems.push(`${where}: unknown type ${String(type)}`);
    else used.types.add(type);
  }
  for (const [key, child] of Object.entries(node)) {
    if (key.startsWith('@')) continue;
    used.properties.add(key);
    // schema.org Actions annotate a property of the action as `<property>-input` / `-output`
    // (the home page's SearchAction has `query-input`): the property itself must apply.
    const property = /^(.+)-(?:input|output)$/.exec(key)?.[1] ?? key;
    if (!vocabulary.properties.has(property)) problems.push(`${where}: unknown property ${key}`);
    else if (
      types.length > 0 &&
      !types.some((t) => typeof t === 'string' && vocabulary.propertiesOf(t).has(property)) &&
      !rolePattern(types, key, where)
    ) {
      problems.push(`${where}: ${key} does not apply to ${types.join(', ')}`);
    }
    problems.push(...vocabularyProblems(vocabulary, child, used, `${where}.${key}`));
  }
  return problems;
}

// ----- pages --------------------------------------------------------------------------------

interface Page {
  readonly path: string;
  /** The URL the page's canonical link must name. */
  readonly canonical: string;
  /** The thing a document page is about. */
  readonly thing?: string;
  /** The stem its RDF alternates hang from (`stem.ttl`, ...), when it has them. */
  readonly alternateStem?: string;
  html: string;
}

interface Head {
  readonly scripts: Element[];
  readonly jsonLdScripts: Element[];
  readonly canonicals: string[];
  readonly alternates: Array<{ type: string; href: string }>;
  readonly jsonLd: Json;
}

function parseHead(html: string): Head {
  const document = parseDocument(html);
  const elements = DomUtils.findAll(() => true, document.children);
  const scripts = elements.filter((e) => e.name === 'script');
  const jsonLdScripts = scripts.filter((e) => DomUtils.getAttributeValue(e, 'type') === 'application/ld+json');
  const links = elements.filter((e) => e.name === 'link');
  const rels = (e: Element): string[] => (DomUtils.getAttributeValue(e, 'rel') ?? '').toLowerCase().split(/\s+/);
  const first = jsonLdScripts[0];
  return {
    scripts,
    jsonLdScripts,
    canonicals: links
      .filter((e) => rels(e).includes('canonical'))
      .map((e) => DomUtils.getAttributeValue(e, 'href') ?? ''),
    alternates: links
      .filter((e) => rels(e).includes('alternate'))
      .map((e) => ({
        type: DomUtils.getAttributeValue(e, 'type') ?? '',
        href: DomUtils.getAttributeValue(e, 'href') ?? '',
      })),
    jsonLd: first ? (JSON.parse(DomUtils.textContent(first)) as Json) : {},
  };
}

async function listPages(site: Site): Promise<Page[]> {
  const pages: Page[] = [
    { path: '/', canonical: TEST_BASE, html: '' },
    { path: '/dataset', canonical: `${TEST_BASE}dataset`, alternateStem: `${TEST_BASE}dataset`, html: '' },
    { path: '/ontology', canonical: `${TEST_BASE}ontology`, alternateStem: `${TEST_BASE}ontology`, html: '' },
    { path: '/shapes', canonical: `${TEST_BASE}shapes`, alternateStem: `${TEST_BASE}shapes`, html: '' },
  ];
  for (const collection of COLLECTIONS) {
    for (let page = 1; page <= site.pageCount(collection); page++) {
      const path = `/doc/${collection}${page === 1 ? '' : `?page=${page}`}`;
      pages.push({ path, canonical: TEST_BASE + path.slice(1), html: '' });
    }
  }
  for (const thing of await allThings(site.things)) {
    if (thing.withdrawn || thing.replacedBy) continue;
    const path = `/doc/${thing.collection}/${thing.slug}`;
    pages.push({
      path,
      canonical: TEST_BASE + path.slice(1),
      thing: thing.iri,
      alternateStem: TEST_BASE + path.slice(1),
      html: '',
    });
  }
  return pages;
}

const RDF_FORMATS = FORMATS.filter((f) => f.rdf);
const vocabulary = readSchemaVocabulary();

describe('every HTML page, for search engines', () => {
  let app: Express;
  let site: Site;
  let pages: Page[];
  let labels: Map<string, string>;
  const heads = new Map<string, Head>();

  beforeAll(async () => {
    ({ app, site } = await realApp());
    pages = await listPages(site);
    labels = new Map((await allThings(site.things)).map((t) => [t.iri, t.label]));
    for (const page of pages) {
      const res = await request(app).get(page.path).set('Accept', 'text/html');
      expect(res.status, page.path).toBe(200);
      expect(res.headers['content-type'], page.path).toMatch(/^text\/html/);
      page.html = res.text;
      heads.set(page.path, parseHead(res.text));
    }
  }, 120_000);

  it('covers the home page, the dataset, the ontology, the shapes, every collection and every thing', () => {
    expect(pages.filter((p) => p.thing).length).toBeGreaterThan(100);
    for (const collection of COLLECTIONS) expect(pages.map((p) => p.path)).toContain(`/doc/${collection}`);
  });

  it('embeds exactly one script, the schema.org JSON-LD block, which a strict JSON.parse reads', () => {
    for (const page of pages) {
      const head = heads.get(page.path) as Head;
      expect(head.jsonLdScripts.length, page.path).toBe(1);
      // Besides it, only scripts of ours by address (the search box's suggestions): nothing inline.
      expect(head.scripts.filter((s) => s.attribs.src === undefined).length, page.path).toBe(1);
      for (const script of head.scripts.filter((s) => s.attribs.src !== undefined))
        expect(script.attribs.src?.startsWith(`${TEST_BASE}assets/`), page.path).toBe(true);
      // The raw text between the tags, without the HTML parser's help.
      const raw = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/i.exec(page.html)?.[1] ?? '';
      expect(() => JSON.parse(raw) as unknown, page.path).not.toThrow();
      expect(JSON.parse(raw), page.path).toEqual(head.jsonLd);
      expect(head.jsonLd['@context'], page.path).toBe('https://schema.org');
      expect(typeof head.jsonLd['@type'], page.path).toBe('string');
    }
  });

  it('describes each thing with its IRI as @id and its canonical page as url', () => {
    for (const page of pages.filter((p) => p.thing)) {
      const { jsonLd } = heads.get(page.path) as Head;
      expect(jsonLd['@id'], page.path).toBe(page.thing);
      expect(jsonLd.url, page.path).toBe(page.canonical);
      expect(jsonLd.name, page.path).toBe(labels.get(page.thing as string));
    }
  });

  it('uses only schema.org types and properties, each on a type it applies to', () => {
    const used = { types: new Set<string>(), properties: new Set<string>() };
    const problems = pages.flatMap((page) =>
      vocabularyProblems(vocabulary, heads.get(page.path)?.jsonLd, used).map((p) => `${page.path} ${p}`),
    );
    expect(problems).toEqual([]);
    expect(used.types).toContain('Dataset');
    expect(used.properties).toContain('name');
  });

  it('gives every Dataset node, nested ones too, the name and description Google requires, and a licence', () => {
    const datasets: Array<{ path: string; node: Record<string, unknown> }> = [];
    const walk = (value: unknown, path: string): void => {
      if (Array.isArray(value)) for (const v of value) walk(v, path);
      else if (value && typeof value === 'object') {
        const node = value as Record<string, unknown>;
        if (node['@type'] === 'Dataset') datasets.push({ path, node });
        for (const v of Object.values(node)) walk(v, path);
      }
    };
    for (const page of pages) walk(heads.get(page.path)?.jsonLd, page.path);
    expect(datasets.length).toBeGreaterThan(3); // the dataset page, and the references of home, collections, examples
    for (const { path, node } of datasets) {
      expect(typeof node.name, path).toBe('string');
      expect(typeof node.description, path).toBe('string');
      expect(node.license, path).toBeTruthy();
    }
  });

  it('maps people, IDM editions, WMR editions, the dataset and IOM to fitting schema.org types', () => {
    const jsonLd = (path: string): Json => heads.get(path)?.jsonLd ?? {};
    expect(jsonLd('/dataset')['@type']).toBe('Dataset');
    expect(jsonLd('/')['@type']).toBe('WebSite');
    expect(jsonLd('/doc/process')['@type']).toBe('CollectionPage');
    expect(['GovernmentOrganization', 'Organization']).toContain(jsonLd('/doc/organisation/iom')['@type']);
    // The footer's address, as printed and in its parts (data/places.ttl), on IOM's page and its own.
    const address = {
      '@type': 'PostalAddress',
      '@id': `${TEST_BASE}id/address/iom`,
      streetAddress: '17 Route des Morillons',
      postalCode: '1218',
      addressLocality: 'Grand-Saconnex',
      addressCountry: 'Switzerland',
    };
    expect(jsonLd('/doc/organisation/iom').address).toMatchObject(address);
    expect(jsonLd('/doc/address/iom')).toMatchObject(address);
    const people = pages.filter((p) => p.path.startsWith('/doc/person/'));
    expect(people.length).toBeGreaterThan(0);
    for (const person of people) expect(jsonLd(person.path)['@type'], person.path).toBe('Person');
    expect(people.filter((p) => jsonLd(p.path).jobTitle !== undefined).length).toBeGreaterThan(0);
    const idm = pages.filter((p) => /^\/doc\/event\/idm-\d{4}$/.test(p.path));
    expect(idm.length).toBeGreaterThanOrEqual(19);
    for (const edition of idm) expect(jsonLd(edition.path)['@type'], edition.path).toBe('Event');
    const series = `${TEST_BASE}id/publication/world-migration-report`;
    expect(jsonLd('/doc/publication/world-migration-report')['@type']).toBe('CreativeWorkSeries');
    const wmr = pages.filter((p) => /^\/doc\/publication\/world-migration-report-\d{4}$/.test(p.path));
    expect(wmr.length).toBeGreaterThan(0);
    for (const edition of wmr) {
      const node = jsonLd(edition.path);
      expect(node['@type'], edition.path).toBe('Report');
      expect(
        ([] as Json[]).concat(node.isPartOf as Json).map((p) => p['@id']),
        edition.path,
      ).toContain(series);
    }
  });

  it('has exactly one canonical link, naming the page', () => {
    for (const page of pages) expect(heads.get(page.path)?.canonicals, page.path).toEqual([page.canonical]);
  });

  it('links each RDF format of a document as an alternate', () => {
    for (const page of pages.filter((p) => p.alternateStem)) {
      const { alternates } = heads.get(page.path) as Head;
      for (const format of RDF_FORMATS) {
        expect(alternates, `${page.path} ${format.mediaType}`).toContainEqual({
          type: format.mediaType,
          href: `${page.alternateStem}.${format.extension}`,
        });
      }
    }
  });

  it('serves every alternate of a document page in its media type', async () => {
    for (const path of [
      '/doc/process/bali-process',
      '/doc/person/' + (pages.find((p) => p.path.startsWith('/doc/person/'))?.path.split('/')[3] ?? ''),
    ]) {
      for (const { type, href } of heads.get(path)?.alternates ?? []) {
        const res = await request(app).get(href.slice(TEST_BASE.length - 1));
        expect(res.status, href).toBe(200);
        expect(res.headers['content-type'], href).toMatch(new RegExp(`^${type.replace(/[+.]/g, '\\$&')}`));
      }
    }
  });
});

// ----- hostile literals --------------------------------------------------------------------------

const LABEL = 'Hostile </script><script>alert(1)</script> <!-- "quotes" --> ]]> \u2028 &amp; end';
const DESCRIPTION =
  'Described as <!-- not a comment --> then </script><script>alert(1)</script>, ]]>, "quotes", a line\u2028separator and &amp; an entity.';

/** A Turtle string literal of any text. */
function turtleString(text: string): string {
  return `"${text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\n/g, '\\n')}"`;
}

const HOSTILE_TTL = `@prefix mig: <ontology#> .
@prefix process: <id/process/> .
@prefix section: <id/section/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dct: <http://purl.org/dc/terms/> .

process:hostile-process a mig:InterStateConsultationMechanism ;
    rdfs:label ${turtleString(LABEL)}@en ;
    dct:description ${turtleString(DESCRIPTION)}@en ;
    dct:source section:iscm-iom-participation .
`;

describe('a thing whose literals try to break out of the JSON-LD block', () => {
  let app: Express;
  beforeAll(async () => {
    ({ app } = await appWithExtraData({ 'hostile.ttl': HOSTILE_TTL }));
  });

  // Pages that show the label, and whether their JSON-LD carries it too.
  const pagesShowingIt: Array<[string, boolean]> = [
    ['/doc/process/hostile-process', true],
    ['/doc/process', true],
    ['/doc/section/iscm-iom-participation', false],
    ['/', false],
  ];

  it.each(pagesShowingIt)(
    '%s keeps exactly one script block, and no live markup from the data',
    async (path, inJsonLd) => {
      const res = await request(app).get(path).set('Accept', 'text/html');
      expect(res.status).toBe(200);
      const html = res.text;
      expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;'); // the label, shown escaped
      // One inline script block (the JSON-LD); the others are ours by address (the search box's).
      expect(html.match(/<script\b(?![^>]*\ssrc=)/gi)).toHaveLength(1);
      expect(html.match(/<\/script/gi)).toHaveLength(html.match(/<script\b/gi)?.length ?? 0);
      expect(html).not.toMatch(/<script>alert/i);
      expect(html).not.toContain('<!-- ');
      const raw = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
      expect(raw).not.toMatch(/[<>\u2028]/);
      const head = parseHead(html);
      expect(head.scripts.filter((s) => s.attribs.src === undefined)).toHaveLength(1);
      expect(JSON.parse(raw)).toEqual(head.jsonLd);
      if (inJsonLd) expect(JSON.stringify(head.jsonLd)).toContain(JSON.stringify(LABEL).slice(1, -1));
    },
  );

  it('gives back the exact strings from the JSON-LD block and from the visible page', async () => {
    const res = await request(app).get('/doc/process/hostile-process').set('Accept', 'text/html');
    const head = parseHead(res.text);
    expect(head.jsonLd.name).toBe(LABEL);
    expect(head.jsonLd.description).toBe(DESCRIPTION);
    expect(head.jsonLd['@id']).toBe(`${TEST_BASE}id/process/hostile-process`);
    expect(head.jsonLd.url).toBe(`${TEST_BASE}doc/process/hostile-process`);
    const document = parseDocument(res.text);
    const h1 = DomUtils.findOne((e) => e.name === 'h1', document.children);
    expect(h1 && DomUtils.textContent(h1)).toBe(LABEL);
    const title = DomUtils.findOne((e) => e.name === 'title', document.children);
    expect(title && DomUtils.textContent(title)).toContain(LABEL);
    const meta = DomUtils.findOne((e) => e.name === 'meta' && e.attribs.name === 'description', document.children);
    expect(meta?.attribs.content).toBe(DESCRIPTION);
    expect(DomUtils.textContent(document)).toContain(DESCRIPTION);
    // `&amp;` in the data is text, so the page writes its ampersand as an entity.
    expect(res.text).toContain('&amp;amp;');
    expect(res.text).toContain('&lt;!--');
  });
});
