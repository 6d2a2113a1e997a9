// What a page does with IRIs from the data (links only to http, https and mailto; anything else is
// text), and the security headers of every kind of response.
import type { Express } from 'express';
import { rm } from 'node:fs/promises';
import { DomUtils, parseDocument } from 'htmlparser2';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithExtraData, realApp } from '../support/app.js';
import { TEST_BASE } from '../support/dataset.js';

const HOSTILE_IRIS = [
  'javascript:alert(document.domain)',
  'JaVaScRiPt:alert(2)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'vbscript:msgbox(1)',
];

const HOSTILE_TTL = `@prefix mig: <ontology#> .
@prefix process: <id/process/> .
@prefix section: <id/section/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dct: <http://purl.org/dc/terms/> .

process:linking-process a mig:InterStateConsultationMechanism ;
    rdfs:label "Linking Process"@en ;
    rdfs:seeAlso ${HOSTILE_IRIS.map((i) => `<${i}>`).join(', ')} ,
        <https://example.org/a-page>, <mailto:office@example.org> ;
    dct:subject <javascript:alert(5)> ;
    <javascript:alert(3)> "a value under a hostile property"@en ;
    dct:source section:iscm-iom-participation .
`;

/** Every href and src of a page. */
function urlsOf(html: string): string[] {
  const document = parseDocument(html);
  return DomUtils.findAll((e) => e.attribs.href !== undefined || e.attribs.src !== undefined, document.children).map(
    (e) => e.attribs.href ?? e.attribs.src ?? '',
  );
}

describe('IRIs in the data with a scheme other than http, https or mailto', () => {
  let app: Express;
  let root = '';
  let html = '';

  beforeAll(async () => {
    ({ app, root } = await appWithExtraData({ 'zz-hostile-links.ttl': HOSTILE_TTL }));
    const res = await request(app).get('/doc/process/linking-process').set('Accept', 'text/html');
    expect(res.status).toBe(200);
    html = res.text;
  });

  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('are never an href or src, in any letter case', () => {
    const urls = urlsOf(html);
    expect(urls.length).toBeGreaterThan(10);
    // `data:,` is the layout's own empty favicon (so browsers do not ask for /favicon.ico).
    const bad = urls.filter((u) => !/^(https?|mailto):|^#/i.test(u) && u !== 'data:,');
    expect(bad).toEqual([]);
    expect(html).not.toMatch(/href="\s*(javascript|vbscript|data:(?!,"))/i);
  });

  it('are shown as text, whole, so the reader sees what they are', () => {
    const text = DomUtils.textContent(parseDocument(html));
    for (const iri of HOSTILE_IRIS) expect(text).toContain(iri);
    // The hostile property keeps its value, under a label that is not a link either.
    expect(text).toContain('a value under a hostile property');
    expect(html).toContain('<span title="javascript:alert(3)">');
  });

  it('while http, https and mailto IRIs stay links', () => {
    const urls = urlsOf(html);
    expect(urls).toContain('https://example.org/a-page');
    expect(urls).toContain('mailto:office@example.org');
  });

  it('get no url in the schema.org JSON-LD', () => {
    const raw = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    const jsonLd = JSON.parse(raw) as { about?: { '@id': string; url?: string } };
    expect(jsonLd.about?.['@id']).toBe('javascript:alert(5)');
    expect(jsonLd.about).not.toHaveProperty('url');
    expect(raw).not.toMatch(/"url":\s*"javascript:/i);
  });
});

// ----- security headers --------------------------------------------------------------------------

interface Kind {
  readonly kind: string;
  readonly method?: 'get' | 'head' | 'post' | 'options' | 'delete';
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
  readonly status: number;
  /** An HTML page, which the CSP is for. */
  readonly html?: boolean;
  /**
   * The editor's URL (`/sparql`, whatever it answers there): its policy also allows inline styles,
   * which YASGUI writes (`<style>` elements of its column resizer, style attributes in tooltips).
   */
  readonly editor?: boolean;
}

const QUERY = 'SELECT * WHERE { ?s ?p ?o } LIMIT 1';

const KINDS: Kind[] = [
  { kind: 'a document, fast path (HTML)', path: '/doc/process/bali-process', status: 200, html: true },
  { kind: 'a document, fast path (Turtle)', path: '/doc/process/bali-process.ttl', status: 200 },
  {
    kind: 'a document, second request (from the cache)',
    path: '/doc/process/bali-process.jsonld',
    status: 200,
  },
  {
    kind: 'a document through the router (query string)',
    path: '/doc/process/bali-process?x=1',
    status: 200,
    html: true,
  },
  { kind: 'HEAD of a document', method: 'head', path: '/doc/process/bali-process', status: 200, html: true },
  { kind: 'a thing: 303 redirect', path: '/id/process/bali-process', status: 303 },
  { kind: 'the .well-known redirect (router)', path: '/.well-known/void', status: 303 },
  { kind: 'a collection page', path: '/doc/process', status: 200, html: true },
  { kind: 'the home page', path: '/', status: 200, html: true },
  { kind: 'the ontology', path: '/ontology', status: 200, html: true },
  { kind: 'the dataset page', path: '/dataset', status: 200, html: true },
  { kind: 'a dump (streamed from its file)', path: '/dataset/dump.nt', status: 200 },
  { kind: 'the context', path: '/context.jsonld', status: 200 },
  { kind: 'robots.txt', path: '/robots.txt', status: 200 },
  { kind: 'a stylesheet', path: '/assets/style.css', status: 200 },
  { kind: "the editor's script", path: '/assets/sparql-editor.js', status: 200 },
  { kind: "YASGUI's bundle", path: '/assets/yasgui/yasgui.min.js', status: 200 },
  {
    kind: 'the query editor',
    path: '/sparql',
    headers: { Accept: 'text/html' },
    status: 200,
    html: true,
    editor: true,
  },
  { kind: 'the SPARQL examples page', path: '/sparql/examples', status: 200, html: true },
  {
    kind: 'a SPARQL result (GET)',
    path: `/sparql?query=${encodeURIComponent(QUERY)}`,
    headers: { Accept: 'application/sparql-results+json' },
    status: 200,
    editor: true,
  },
  {
    kind: 'a SPARQL result (POST)',
    method: 'post',
    path: '/sparql',
    headers: { 'Content-Type': 'application/sparql-query', Accept: 'text/csv' },
    body: QUERY,
    status: 200,
    editor: true,
  },
  {
    kind: 'a SPARQL error',
    path: '/sparql?query=SELEC',
    headers: { Accept: 'text/plain' },
    status: 400,
    editor: true,
  },
  { kind: 'a 404 page (HTML)', path: '/doc/process/no-such-thing', status: 404, html: true },
  { kind: 'a 404 (JSON)', path: '/nowhere', headers: { Accept: 'application/json' }, status: 404 },
  { kind: 'a 406', path: '/doc/process/bali-process', headers: { Accept: 'image/png' }, status: 406 },
  { kind: 'a 405', method: 'delete', path: '/doc/process/bali-process', status: 405 },
  { kind: 'a 400 (dot segment)', path: '/assets/%2e%2e/package.json', status: 400 },
  { kind: 'a CORS preflight', method: 'options', path: '/doc/process/bali-process', status: 204 },
  { kind: 'a CORS preflight of the endpoint', method: 'options', path: '/sparql', status: 204, editor: true },
];

/** The directives of a Content-Security-Policy header, by name. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name as string, values]),
  );
}

describe('security headers', () => {
  let app: Express;
  beforeAll(async () => {
    ({ app } = await realApp());
    await request(app).get('/doc/process/bali-process.jsonld'); // so the "second request" kind is a cache hit
  });

  it.each(KINDS)('$kind: nosniff, a referrer policy and the CSP', async (kind) => {
    const agent = request(app)[kind.method ?? 'get'](kind.path);
    for (const [name, value] of Object.entries(kind.headers ?? {})) agent.set(name, value);
    const res = await (kind.body === undefined ? agent : agent.send(kind.body));
    expect(res.status).toBe(kind.status);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    if (kind.html) expect(res.headers['content-type']).toMatch(/^text\/html/);
    const csp = directives(String(res.headers['content-security-policy'] ?? ''));
    const self = ["'self'", new URL(TEST_BASE).origin];
    expect(csp.get('default-src')).toEqual(self);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(self);
    expect(csp.get('form-action')).toEqual(self);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    // Scripts fall back to default-src: our origin only, nothing inline, no eval.
    expect(csp.has('script-src')).toBe(false);
    const everything = [...csp.values()].flat();
    expect(everything).not.toContain("'unsafe-eval'");
    const inline = [...csp.entries()].filter(([, values]) => values.includes("'unsafe-inline'")).map(([name]) => name);
    expect(inline).toEqual(kind.editor ? ['style-src'] : []);
  });

  it('no page carries an inline script (only JSON data blocks)', async () => {
    for (const kind of KINDS.filter((k) => k.html && k.method === undefined)) {
      const res = await request(app)
        .get(kind.path)
        .set(kind.headers ?? {});
      const scripts = DomUtils.findAll((e) => e.name === 'script', parseDocument(res.text).children);
      const inline = scripts.filter(
        (s) => !s.attribs.src && !['application/ld+json', 'application/json'].includes(s.attribs.type ?? ''),
      );
      expect({ path: kind.path, inline: inline.length }).toEqual({ path: kind.path, inline: 0 });
      // No inline event handlers either (onclick= ...), which script-src would refuse.
      expect(res.text).not.toMatch(/\son[a-z]+\s*=/i);
    }
  });
});
