// The HTTP rules of the contract: redirects, 301/410, HEAD, ETag/304, caching, errors, methods, bad input, paging.
import { rm } from 'node:fs/promises';
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realApp, appWithExtraData } from '../support/app.js';
import { iri } from '../support/dataset.js';

const EXTRA = `# Test data: a renamed process and a withdrawn one.
@prefix mig:     <ontology#> .
@prefix process: <id/process/> .
@prefix section: <id/section/> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dct:     <http://purl.org/dc/terms/> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .

process:old-name a mig:InterStateConsultationMechanism ;
    rdfs:label "Bali Process (old name)"@en ;
    dct:isReplacedBy process:bali-process ;
    dct:source section:iscm-iom-participation .

process:withdrawn-process a mig:InterStateConsultationMechanism ;
    rdfs:label "Withdrawn Consultation Process"@en ;
    mig:withdrawn true ;
    skos:changeNote "Withdrawn because the source page does not name such a process."@en ;
    dct:source section:iscm-iom-participation .
`;

let app: Express;
/** The published events of the real data (the collection the pagination rows page through). */
let events: number;
let extraApp: Express;
let extraRoot: string;

beforeAll(async () => {
  const real = await realApp();
  app = real.app;
  events = real.site.things.kinds('event').members;
  const extra = await appWithExtraData({ 'zz-test-renamed-withdrawn.ttl': EXTRA });
  extraApp = extra.app;
  extraRoot = extra.root;
});

afterAll(async () => {
  await rm(extraRoot, { recursive: true, force: true });
});

/** Every 200 the site answers: documents, collection, ontology, shapes, dataset, context, sitemap, robots, dumps. */
const OK_PATHS = [
  '/',
  '/doc/process/bali-process',
  '/doc/process/bali-process.html',
  '/doc/process/bali-process.ttl',
  '/doc/process/bali-process.jsonld',
  '/doc/process/bali-process.nt',
  '/doc/process/bali-process.rdf',
  '/doc/process',
  '/doc/event?page=2',
  '/doc/event.ttl?page=2',
  '/doc/event?type=mig:Workshop',
  '/doc/process.ttl?type=mig:GlobalProcess',
  '/ontology',
  '/ontology.ttl',
  '/shapes',
  '/shapes.jsonld',
  '/dataset',
  '/dataset.rdf',
  '/context.jsonld',
  '/sitemap.xml',
  '/robots.txt',
  '/dataset/dump.ttl',
  '/dataset/dump.nt',
];

describe('/id/ redirects to /doc/ under BASE_IRI', () => {
  it.each([
    { rule: 'a 303 from /id/ to /doc/', host: undefined },
    { rule: 'the Location uses BASE_IRI, not the Host header', host: 'evil.example' },
    { rule: 'the Location ignores a Host with a port', host: 'evil.example:8443' },
  ])('$rule', async ({ host }) => {
    const req = request(app).get('/id/process/bali-process').redirects(0);
    if (host) req.set('Host', host).set('X-Forwarded-Host', host).set('X-Forwarded-Proto', 'http');
    const res = await req;
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(iri('doc/process/bali-process'));
    expect(res.headers['cache-control']).toBeTruthy();
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });

  it('/.well-known/void redirects to /dataset', async () => {
    const res = await request(app).get('/.well-known/void').set('Host', 'evil.example').redirects(0);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(iri('dataset'));
  });
});

/** What must not depend on the way a request was routed. */
const ROUTED_HEADERS = ['location', 'content-type', 'etag', 'vary', 'content-location', 'access-control-allow-origin'];

describe('/id/ and /doc/ answer the same whichever way the request is routed', () => {
  // A plain path is answered ahead of the router; a query string or an encoded segment goes through
  // the router, which resolves through the same table.
  it.each([
    { rule: 'a query string on /doc/', plain: '/doc/process/bali-process', routed: '/doc/process/bali-process?x=1' },
    {
      rule: 'a query string on /doc/ with an extension',
      plain: '/doc/process/bali-process.ttl',
      routed: '/doc/process/bali-process.ttl?x',
    },
    { rule: 'a query string on /id/', plain: '/id/process/bali-process', routed: '/id/process/bali-process?x=1' },
    {
      rule: 'an encoded letter in a /doc/ slug',
      plain: '/doc/process/bali-process',
      routed: '/doc/process/bali%2Dprocess',
    },
    {
      rule: 'an encoded letter in an /id/ slug',
      plain: '/id/process/bali-process',
      routed: '/id/process/bali%2dprocess',
    },
    { rule: 'a query string on a renamed thing', plain: '/doc/process/old-name', routed: '/doc/process/old-name?x' },
    {
      rule: 'a query string on a withdrawn thing',
      plain: '/id/process/withdrawn-process',
      routed: '/id/process/withdrawn-process?x',
    },
    {
      rule: 'a query string on an unknown thing',
      plain: '/doc/process/no-such-thing',
      routed: '/doc/process/no-such-thing?x',
    },
  ])('$rule', async ({ plain, routed }) => {
    for (const accept of ['text/html', 'text/turtle']) {
      const a = await request(extraApp).get(plain).set('Accept', accept).redirects(0);
      const b = await request(extraApp).get(routed).set('Accept', accept).redirects(0);
      expect(b.status, `${routed} (${accept})`).toBe(a.status);
      for (const name of ROUTED_HEADERS)
        expect(b.headers[name], `${name} of ${routed} (${accept})`).toBe(a.headers[name]);
    }
  });
});

describe('renamed things answer 301, withdrawn things 410', () => {
  it.each([
    {
      rule: '/id/ of a renamed thing is 301 to its replacement',
      path: '/id/process/old-name',
      location: iri('id/process/bali-process'),
    },
    {
      rule: '/doc/ of a renamed thing is 301 to the replacement document',
      path: '/doc/process/old-name',
      location: iri('doc/process/bali-process'),
    },
    {
      rule: '/doc/ with an extension keeps the extension on 301',
      path: '/doc/process/old-name.ttl',
      location: iri('doc/process/bali-process.ttl'),
    },
    {
      rule: '/doc/ .jsonld keeps the extension on 301',
      path: '/doc/process/old-name.jsonld',
      location: iri('doc/process/bali-process.jsonld'),
    },
  ])('$rule', async ({ path, location }) => {
    const res = await request(extraApp).get(path).set('Host', 'evil.example').redirects(0);
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe(location);
    expect(res.headers['cache-control']).toBeTruthy();
  });

  it.each([
    { rule: '/id/ of a withdrawn thing is 410', path: '/id/process/withdrawn-process' },
    { rule: '/doc/ of a withdrawn thing is 410', path: '/doc/process/withdrawn-process' },
    { rule: '/doc/ with an extension of a withdrawn thing is 410', path: '/doc/process/withdrawn-process.ttl' },
  ])('$rule', async ({ path }) => {
    const html = await request(extraApp).get(path).set('Accept', 'text/html');
    expect(html.status).toBe(410);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.text).toMatch(/withdrawn/i);
    expect(html.text).toContain('Withdrawn Consultation Process');
    expect(html.text).toContain('the source page does not name such a process');
    const plain = await request(extraApp).get(path).set('Accept', 'text/turtle');
    expect(plain.status).toBe(410);
    expect(plain.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(plain.text).toMatch(/withdrawn/i);
  });

  it('neither the renamed nor the withdrawn thing is listed in the collection or the sitemap', async () => {
    const list = await request(extraApp).get('/doc/process.nt');
    const sitemap = await request(extraApp).get('/sitemap.xml');
    for (const slug of ['old-name', 'withdrawn-process']) {
      expect(list.text).not.toContain(`<${iri(`id/process/${slug}`)}>`);
      expect(sitemap.text).not.toContain(`/process/${slug}<`);
    }
  });
});

describe('HEAD answers as GET without a body', () => {
  const IGNORED = new Set(['date', 'connection', 'keep-alive']);
  it.each([
    ...OK_PATHS.map((path) => ({
      rule: `HEAD ${path} = GET ${path}`,
      path,
      accept: 'text/turtle, text/html;q=0.9, */*;q=0.1',
    })),
    { rule: 'HEAD of a 303 = GET', path: '/id/process/bali-process', accept: '*/*' },
    { rule: 'HEAD of a 404 = GET', path: '/doc/process/no-such-thing', accept: 'text/html' },
    { rule: 'HEAD of a 406 = GET', path: '/doc/process/bali-process', accept: 'image/png' },
  ])('$rule', async ({ path, accept }) => {
    const get = await request(app).get(path).set('Accept', accept).set('Accept-Encoding', 'identity').redirects(0);
    const head = await request(app).head(path).set('Accept', accept).set('Accept-Encoding', 'identity').redirects(0);
    expect(head.status).toBe(get.status);
    expect(head.text ?? '').toBe('');
    const strip = (headers: Record<string, string>): Record<string, string> =>
      Object.fromEntries(Object.entries(headers).filter(([name]) => !IGNORED.has(name)));
    expect(strip(head.headers as Record<string, string>)).toEqual(strip(get.headers as Record<string, string>));
    if (get.status === 200)
      expect(Number(head.headers['content-length'])).toBe(
        Buffer.byteLength(get.text ?? '') || (get.body as Buffer).length,
      );
  });
});

describe('ETag, If-None-Match and Cache-Control on every 200', () => {
  it.each(OK_PATHS.map((path) => ({ rule: `${path} has an ETag, Cache-Control and answers 304`, path })))(
    '$rule',
    async ({ path }) => {
      const res = await request(app).get(path);
      expect(res.status).toBe(200);
      const etag = res.headers.etag as string;
      expect(etag).toMatch(/^"[^"]+"$/);
      expect(res.headers['cache-control']).toBeTruthy();
      expect(res.headers['content-type']).toMatch(/; charset=utf-8$/);
      for (const inm of [etag, `"x", ${etag}`, `W/${etag}`, '*']) {
        const again = await request(app).get(path).set('If-None-Match', inm);
        expect(again.status, `If-None-Match: ${inm}`).toBe(304);
        expect(again.headers.etag).toBe(etag);
        expect(again.text ?? '').toBe('');
      }
    },
  );

  it.each([
    { rule: 'a different ETag is 200', inm: '"not-this-one"' },
    { rule: 'an unquoted ETag is 200', inm: 'garbage' },
    { rule: 'an unterminated quote is 200', inm: '"abc' },
    { rule: 'commas only is 200', inm: ',,,' },
    { rule: 'an empty If-None-Match is 200', inm: '' },
  ])('malformed If-None-Match: $rule', async ({ inm }) => {
    const res = await request(app).get('/doc/process/bali-process.ttl').set('If-None-Match', inm);
    expect(res.status).toBe(200);
  });

  it('each format of a document has its own ETag', async () => {
    const etags = new Set<string>();
    for (const ext of ['html', 'ttl', 'jsonld', 'nt', 'rdf'])
      etags.add((await request(app).get(`/doc/process/bali-process.${ext}`)).headers.etag as string);
    expect(etags.size).toBe(5);
  });

  it('a gzipped dump has its own ETag and decompresses to the same body', async () => {
    const plain = await request(app).get('/dataset/dump.nt').set('Accept-Encoding', 'identity');
    const gz = await request(app).get('/dataset/dump.nt').set('Accept-Encoding', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gz.headers.etag).not.toBe(plain.headers.etag);
    expect(gz.text).toBe(plain.text);
    expect(gz.headers.vary).toMatch(/Accept-Encoding/);
  });
});

describe('unknown IRIs answer 404 as negotiated', () => {
  const PATHS = [
    { rule: 'an unknown slug under /id/', path: '/id/process/no-such-thing' },
    { rule: 'an unknown slug under /doc/', path: '/doc/process/no-such-thing' },
    { rule: 'an unknown slug with an extension', path: '/doc/process/no-such-thing.ttl' },
    { rule: 'an unknown collection', path: '/doc/nothing' },
    { rule: 'an unknown collection under /id/', path: '/id/nothing/bali-process' },
    { rule: 'a thing in the wrong collection', path: '/id/organisation/bali-process' },
    { rule: '/id/process with no slug', path: '/id/process' },
    { rule: '/id/ alone', path: '/id/' },
    { rule: 'a trailing slash', path: '/doc/process/bali-process/' },
    { rule: 'upper-case letters (paths are case-sensitive)', path: '/doc/process/Bali-Process' },
    { rule: 'an unknown top-level path', path: '/wp-admin.php' },
  ];
  it.each(PATHS)('$rule: HTML by default', async ({ path }) => {
    const res = await request(app).get(path).redirects(0);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toContain('404');
  });
  it.each(PATHS)('$rule: plain text for an RDF client', async ({ path }) => {
    const res = await request(app).get(path).set('Accept', 'text/turtle, text/plain;q=0.5').redirects(0);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.text).toMatch(/^404 Not Found/);
  });
});

describe('methods', () => {
  it('OPTIONS is 204 with Allow', async () => {
    const res = await request(app).options('/doc/process/bali-process');
    expect(res.status).toBe(204);
    expect(res.headers.allow).toBe('GET, HEAD, OPTIONS');
    expect(res.headers['access-control-allow-origin']).toBe('*');
  });

  it.each(['post', 'put', 'delete', 'patch'] as const)('%s is 405 with Allow', async (method) => {
    for (const path of ['/doc/process/bali-process', '/id/process/bali-process', '/dataset', '/']) {
      const res = await request(app)[method](path).send('x');
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD, OPTIONS');
    }
  });
});

describe('bad input is a 4xx, never a 500', () => {
  it.each([
    { rule: 'a raw .. segment is 400', path: '/doc/../doc/process/bali-process', status: 400 },
    { rule: 'a percent-encoded .. segment is 400', path: '/doc/%2e%2e/doc/process/bali-process', status: 400 },
    { rule: 'an upper-case percent-encoded .. segment is 400', path: '/doc/process/%2E%2E', status: 400 },
    { rule: 'a . segment is 400', path: '/doc/./process/bali-process', status: 400 },
    { rule: 'an encoded slash in a slug is 404', path: '/doc/process/bali%2Fprocess', status: 404 },
    { rule: 'an encoded slash in an /id/ slug is 404', path: '/id/process/bali%2Fprocess', status: 404 },
    { rule: 'a 5,000-character segment is 404', path: `/doc/process/${'a'.repeat(5000)}`, status: 404 },
    { rule: 'invalid UTF-8 is 400', path: '/doc/process/%FF%FE', status: 400 },
    { rule: 'invalid UTF-8 under /id/ is 400', path: '/id/process/%FF%FE', status: 400 },
    { rule: 'a broken percent escape is 400', path: '/doc/process/%E0%A4%A', status: 400 },
    { rule: 'an encoded NUL is 404', path: '/doc/process/bali%00process', status: 404 },
    { rule: 'an unknown extension is 404', path: '/doc/process/bali-process.exe', status: 404 },
    { rule: 'a double extension is 404', path: '/doc/process/bali-process.ttl.ttl', status: 404 },
    { rule: 'an unknown extension of the ontology is 404', path: '/ontology.exe', status: 404 },
    { rule: 'page=0 is 400', path: '/doc/event?page=0', status: 400 },
    { rule: 'page=abc is 400', path: '/doc/event?page=abc', status: 400 },
    { rule: 'page=-1 is 400', path: '/doc/event?page=-1', status: 400 },
    { rule: 'page=1.5 is 400', path: '/doc/event?page=1.5', status: 400 },
    { rule: 'a repeated page is 400', path: '/doc/event?page=1&page=2', status: 400 },
    { rule: 'page=99999 is 404', path: '/doc/event?page=99999', status: 404 },
    { rule: 'page=3 of a two-page collection is 404', path: '/doc/event?page=3', status: 404 },
    { rule: 'a huge page number is 400', path: `/doc/event?page=${'9'.repeat(400)}`, status: 400 },
    { rule: 'a type no member has is 400', path: '/doc/event?type=mig:Process', status: 400 },
    { rule: 'a type that is not a prefixed name is 400', path: '/doc/event?type=Workshop', status: 400 },
    { rule: 'a repeated type is 400', path: '/doc/event?type=mig:Workshop&type=mig:Conference', status: 400 },
    {
      rule: 'a type on a one-kind collection that its members lack is 400',
      path: '/doc/project?type=mig:Workshop',
      status: 400,
    },
    { rule: 'page=2 of a one-page kind is 404', path: '/doc/event?type=mig:Conference&page=2', status: 404 },
  ])('$rule', async ({ path, status }) => {
    for (const accept of ['text/html', 'text/turtle', 'application/json']) {
      const res = await request(app).get(path).set('Accept', accept).redirects(0);
      expect(res.status, `${path} (${accept})`).toBe(status);
      expect(res.headers['content-type']).toMatch(/; charset=utf-8$/);
    }
  });
});

describe('collections paginate, 50 items a page', () => {
  const member = (nt: string): number =>
    nt.split('\n').filter((line) => line.includes('<http://www.w3.org/2000/01/rdf-schema#member>')).length;
  const NEXT = '<http://www.w3.org/1999/xhtml/vocab#next>';
  const PREV = '<http://www.w3.org/1999/xhtml/vocab#prev>';

  it.each([
    {
      rule: 'page 1 of events holds 50 items and links to page 2',
      path: '/doc/event.nt',
      items: 50,
      next: iri('doc/event?page=2'),
      prev: undefined,
    },
    {
      rule: 'page 2 of events holds the rest and links back to page 1',
      path: '/doc/event.nt?page=2',
      items: 'the rest' as const,
      next: undefined,
      prev: iri('doc/event'),
    },
    {
      rule: 'a one-page collection has no next or prev link',
      path: '/doc/process.nt',
      items: 35,
      next: undefined,
      prev: undefined,
    },
  ])('$rule', async ({ path, items, next, prev }) => {
    const res = await request(app).get(path);
    expect(res.status).toBe(200);
    expect(events).toBeGreaterThan(50);
    expect(events).toBeLessThanOrEqual(100); // two pages
    expect(member(res.text)).toBe(items === 'the rest' ? events - 50 : items);
    if (next) expect(res.text).toContain(`${NEXT} <${next}>`);
    else expect(res.text).not.toContain(NEXT);
    if (prev) expect(res.text).toContain(`${PREV} <${prev}>`);
    else expect(res.text).not.toContain(PREV);
  });

  it('the pages of a collection together list every event once', async () => {
    const one = await request(app).get('/doc/event.nt');
    const two = await request(app).get('/doc/event.nt?page=2');
    const members = (nt: string): string[] =>
      nt
        .split('\n')
        .filter((l) => l.includes('rdf-schema#member>'))
        .map((l) => l.split(' ')[2] ?? '');
    const all = [...members(one.text), ...members(two.text)];
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe(events);
  });

  it('a negotiated page names its variant with the page in Content-Location', async () => {
    const res = await request(app).get('/doc/event?page=2').set('Accept', 'text/turtle');
    expect(res.status).toBe(200);
    expect(res.headers['content-location']).toBe(iri('doc/event.ttl?page=2'));
  });

  it('the HTML page links to the next page', async () => {
    const res = await request(app).get('/doc/event');
    // Handlebars escapes `=` as `&#x3D;` in attributes, which a browser reads back as `=`.
    expect(res.text).toMatch(/<a rel="next" href="https:\/\/data\.test\.example\/doc\/event\?page(=|&#x3D;)2">/);
  });
});

describe('a collection listing narrows to one kind of member (?type=)', () => {
  const members = (nt: string): string[] =>
    nt
      .split('\n')
      .filter((l) => l.includes('rdf-schema#member>'))
      .map((l) => l.split(' ')[2]?.slice(1, -1) ?? '');
  const typed = async (type: string): Promise<string[]> => {
    const res = await request(app)
      .post('/sparql')
      .type('form')
      .send({ query: `SELECT ?s WHERE { ?s a <${type}> FILTER(STRSTARTS(STR(?s), "${iri('id/event/')}")) }` })
      .set('Accept', 'application/sparql-results+json');
    const body = res.body as { results: { bindings: { s: { value: string } }[] } };
    return body.results.bindings.map((b) => b.s.value).sort();
  };

  it('lists exactly the members of that class, in every format, under its own document IRI', async () => {
    const workshop = `${iri('ontology#')}Workshop`;
    const res = await request(app).get('/doc/event.nt?type=mig:Workshop');
    expect(res.status).toBe(200);
    expect(members(res.text).sort()).toEqual(await typed(workshop));
    const doc = iri('doc/event?type=mig:Workshop');
    expect(res.text).toContain(`<${doc}> <http://purl.org/dc/terms/isPartOf> <${iri('doc/event')}>`);
    const negotiated = await request(app).get('/doc/event?type=mig:Workshop').set('Accept', 'text/turtle');
    expect(negotiated.headers['content-location']).toBe(iri('doc/event.ttl?type=mig:Workshop'));
  });

  it('pages within the kind: page 2 of a kind with more than 50 members links back to its page 1', async () => {
    const one = await request(app).get('/doc/event.nt?type=mig:DialogueSession');
    const all = members(one.text);
    expect(all.length).toBeLessThanOrEqual(50);
    if (all.length === 50) {
      expect(one.text).toContain(`<${iri('doc/event?type=mig:DialogueSession&page=2')}>`);
    } else {
      expect(one.text).not.toContain('vocab#next');
    }
  });

  it('the HTML listing offers every kind with its count, marks the current one, and links its formats with the kind', async () => {
    const res = await request(app).get('/doc/process?type=mig:GlobalProcess').set('Accept', 'text/html');
    expect(res.status).toBe(200);
    const kinds = /<nav class="kinds"[\s\S]*?<\/nav>/.exec(res.text)?.[0] ?? '';
    expect(kinds).toMatch(/>All<\/a> <small>\(35\)<\/small>/);
    expect(kinds).toMatch(/aria-current="page">Global process on migration<\/a> <small>\(5\)<\/small>/);
    expect((kinds.match(/aria-current/g) ?? []).length).toBe(1);
    expect(res.text).toMatch(/<h1>Processes: Global process on migration<\/h1>/);
    expect(res.text).toMatch(/href="[^"]*doc\/process\.ttl\?type(=|&#x3D;)mig:GlobalProcess"/);
  });

  it('a bad type is answered 400 with the kinds the listing has', async () => {
    const res = await request(app).get('/doc/event?type=mig:Process').set('Accept', 'text/plain');
    expect(res.status).toBe(400);
    expect(res.text).toContain('No member of the event listing has the type "mig:Process". Its kinds are: ');
    expect(res.text).toMatch(/Its kinds are: .*mig:Workshop/);
  });

  it('names the kind by its full IRI too, and answers the same listing under the prefixed name', async () => {
    const full = await request(app)
      .get(`/doc/event?type=${encodeURIComponent(iri('ontology#Workshop'))}`)
      .set('Accept', 'text/turtle');
    const prefixed = await request(app).get('/doc/event?type=mig:Workshop').set('Accept', 'text/turtle');
    expect(full.status).toBe(200);
    expect(full.text).toBe(prefixed.text);
    expect(full.headers['content-location']).toBe(iri('doc/event.ttl?type=mig:Workshop'));
  });

  it('a kind every member has narrows nothing: the whole listing answers, under its own name', async () => {
    const res = await request(app).get('/doc/project?type=mig:Project').set('Accept', 'text/turtle');
    const whole = await request(app).get('/doc/project').set('Accept', 'text/turtle');
    expect(res.status).toBe(200);
    expect(res.text).toBe(whole.text);
    expect(res.headers['content-location']).toBe(iri('doc/project.ttl'));
  });

  it('a bad type is echoed quoted and cut, control characters escaped', async () => {
    const res = await request(app)
      .get(`/doc/event?type=${encodeURIComponent(`x\u0000${'y'.repeat(300)}`)}`)
      .set('Accept', 'text/plain');
    expect(res.status).toBe(400);
    expect(res.text).toContain('"x\\u0000yyy');
    expect(res.text).not.toContain('y'.repeat(120));
  });
});
