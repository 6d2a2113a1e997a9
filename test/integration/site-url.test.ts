// Identifiers that do not depend on where the platform runs. BASE_IRI is the public base of every
// identifier (RDF, SPARQL results, dumps, schema.org, canonical, sitemap); SITE_URL is where this
// server is reached, and every link a client follows goes there (hrefs, assets, redirects,
// Content-Location). Neither is ever taken from the request's Host. Last, a real server started
// with only PORT set answers the README's example queries and links to its own port.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFile, rm } from 'node:fs/promises';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithExtraData, realAppWith } from '../support/app.js';
import { ROOT, TEST_BASE } from '../support/dataset.js';

/** Another host, port and path than TEST_BASE: a link built from the wrong one shows at once. */
const SITE = 'http://mirror.test.example:8443/lod/';
const BASE = TEST_BASE;

/** A renamed process, for the 301. */
const RENAMED = `@prefix mig:     <ontology#> .
@prefix process: <id/process/> .
@prefix section: <id/section/> .
@prefix rdfs:    <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dct:     <http://purl.org/dc/terms/> .

process:old-name a mig:InterStateConsultationMechanism ;
    rdfs:label "Bali Process (old name)"@en ;
    dct:isReplacedBy process:bali-process ;
    dct:source section:iscm-iom-participation .
`;

let app: Express;
let renamedApp: Express;
let renamedRoot: string | undefined;

beforeAll(async () => {
  ({ app } = await realAppWith({ SITE_URL: SITE, SPARQL_CONCURRENCY: '1' }));
  const renamed = await appWithExtraData({ 'zz-test-renamed.ttl': RENAMED }, BASE, { SITE_URL: SITE });
  renamedApp = renamed.app;
  renamedRoot = renamed.root;
});

afterAll(async () => {
  if (renamedRoot) await rm(renamedRoot, { recursive: true, force: true });
});

/**
 * Every href and src of a page a client follows (all but the canonical link, which names the
 * public address), with the entities handlebars writes in attributes decoded.
 */
function links(html: string): string[] {
  return [...html.replace(/<link rel="canonical"[^>]*>/g, '').matchAll(/\s(?:href|src)="([^"]*)"/g)].map(([, v]) =>
    decode(v ?? ''),
  );
}

function decode(attribute: string): string {
  return attribute
    .replace(/&#x3D;/g, '=')
    .replace(/&amp;/g, '&')
    .replace(/&#x27;/g, "'");
}

function canonicalOf(html: string): string | undefined {
  const href = /<link rel="canonical" href="([^"]*)">/.exec(html)?.[1];
  return href === undefined ? undefined : decode(href);
}

/** The page's schema.org block, parsed. */
function schemaOf(html: string): Record<string, unknown> {
  const block = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)?.[1];
  return JSON.parse(block ?? 'null') as Record<string, unknown>;
}

async function html(path: string, host = 'evil.example'): Promise<string> {
  const res = await request(app).get(path).set('Accept', 'text/html').set('Host', host).set('X-Forwarded-Host', host);
  expect(res.status, path).toBe(200);
  return res.text;
}

/** Links of the pages whose templates and modules link through SITE_URL (the layout's, on every page). */
const SITE_PAGES = ['/', '/doc/process/bali-process', '/doc/process', '/doc/event?page=2', '/doc/organisation/iom'];

describe('HTML pages link to SITE_URL, name identifiers under BASE_IRI', () => {
  it.each(SITE_PAGES)('%s: every link of ours goes to SITE_URL, none to BASE_IRI or the Host', async (path) => {
    const page = await html(path);
    const absolute = links(page).filter((href) => /^https?:/.test(href));
    const ours = absolute.filter((href) => href.startsWith(SITE));
    expect(ours.length, 'links to this server').toBeGreaterThan(10);
    expect(absolute.filter((href) => href.startsWith(BASE))).toEqual([]);
    expect(page).not.toContain('evil.example');
    // The layout: stylesheet, navigation, footer.
    expect(ours).toEqual(
      expect.arrayContaining([
        `${SITE}assets/style.css`,
        SITE,
        `${SITE}doc/process`,
        `${SITE}sparql`,
        `${SITE}dataset`,
      ]),
    );
    // Relative links are fragments only (skip link); nothing resolves against the request's address.
    expect(links(page).filter((href) => !/^(https?:|mailto:|data:|#)/.test(href))).toEqual([]);
  });

  it("a thing's page: alternates on SITE_URL; canonical, identifier and schema.org under BASE_IRI", async () => {
    const page = await html('/doc/process/bali-process');
    expect(canonicalOf(page)).toBe(`${BASE}doc/process/bali-process`);
    expect(page).toContain(`<link rel="alternate" type="text/turtle" href="${SITE}doc/process/bali-process.ttl"`);
    expect(page).toContain(`<code class="iri">${BASE}id/process/bali-process</code>`);
    // The things it links to (its source section), on this server.
    expect(links(page).some((href) => href.startsWith(`${SITE}doc/section/`))).toBe(true);
    // An ontology term (a property's label links to its definition) is a page on this server too.
    expect(links(page).some((href) => href.startsWith(`${SITE}ontology#`))).toBe(true);
    const schema = schemaOf(page);
    expect(schema['@id']).toBe(`${BASE}id/process/bali-process`);
    expect(schema.url).toBe(`${BASE}doc/process/bali-process`);
    expect(JSON.stringify(schema)).not.toContain(SITE);
  });

  it('the home page shows the identifier space under BASE_IRI; canonical and schema.org are BASE_IRI', async () => {
    const page = await html('/');
    expect(page).toContain(`<code>${BASE}id/</code>`);
    expect(page).toContain(`<code>${SITE}sparql</code>`);
    expect(canonicalOf(page)).toBe(BASE);
    expect(schemaOf(page)).toMatchObject({ '@id': BASE, url: BASE });
  });

  it('a collection page: items, alternates and pagination on SITE_URL; canonical and schema.org under BASE_IRI', async () => {
    const page = await html('/doc/event?page=2');
    expect(page).toContain(`<a rel="prev" href="${SITE}doc/event">`);
    expect(page).toContain(`href="${SITE}doc/event.ttl?page&#x3D;2"`);
    expect(canonicalOf(page)).toBe(`${BASE}doc/event?page=2`);
    const schema = schemaOf(page);
    expect(schema['@id']).toBe(`${BASE}doc/event?page=2`);
    expect(JSON.stringify(schema)).not.toContain(SITE);
  });

  it('an error page links home on SITE_URL', async () => {
    const res = await request(app).get('/doc/process/no-such-thing').set('Accept', 'text/html');
    expect(res.status).toBe(404);
    expect(links(res.text)).toContain(SITE);
    expect(canonicalOf(res.text)).toBe(BASE);
    expect(links(res.text).filter((href) => href.startsWith(BASE))).toEqual([]);
  });

  it.each(['/sparql', '/sparql/examples', '/ontology', '/shapes', '/dataset'])(
    '%s links only to SITE_URL (and to other sites), never to BASE_IRI',
    async (path) => {
      const res = await request(app).get(path).set('Accept', 'text/html');
      expect(res.status).toBe(200);
      const ours = links(res.text).filter((href) => href.startsWith(SITE));
      expect(ours.length).toBeGreaterThan(0);
      expect(links(res.text).filter((href) => href.startsWith(BASE))).toEqual([]);
    },
  );

  it("the editor sends queries to SITE_URL's endpoint; the examples' curl commands too", async () => {
    const editor = await request(app).get('/sparql').set('Accept', 'text/html');
    const config = /<script type="application\/json" id="[^"]*">([\s\S]*?)<\/script>/.exec(editor.text)?.[1];
    expect(JSON.parse(config ?? '{}')).toMatchObject({ endpoint: `${SITE}sparql` });
    const examples = await request(app).get('/sparql/examples').set('Accept', 'text/html');
    expect(examples.text).toContain(` ${SITE}sparql`);
    expect(examples.text).not.toContain(` ${BASE}sparql</`);
  });

  it("the CSP names our own origin, SITE_URL's and BASE_IRI's, and not the Host", async () => {
    const res = await request(app).get('/').set('Host', 'evil.example');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain(`default-src 'self' ${new URL(SITE).origin} ${new URL(BASE).origin};`);
    expect(csp).not.toContain('evil.example');
  });
});

describe('redirects and Content-Location go to SITE_URL, never to the Host', () => {
  it.each([
    { path: '/id/process/bali-process', status: 303, location: `${SITE}doc/process/bali-process` },
    { path: '/id/process/bali-process?x=1', status: 303, location: `${SITE}doc/process/bali-process` },
    { path: '/.well-known/void', status: 303, location: `${SITE}dataset` },
  ])('$path: $status to $location', async ({ path, status, location }) => {
    const res = await request(app)
      .get(path)
      .set('Host', 'evil.example:8443')
      .set('X-Forwarded-Host', 'evil.example')
      .set('X-Forwarded-Proto', 'https')
      .redirects(0);
    expect(res.status).toBe(status);
    expect(res.headers.location).toBe(location);
    expect(res.text).toBe(`See Other: ${location}\n`);
  });

  it.each([
    { path: '/id/process/old-name', location: `${SITE}id/process/bali-process` },
    { path: '/doc/process/old-name', location: `${SITE}doc/process/bali-process` },
    { path: '/doc/process/old-name.ttl', location: `${SITE}doc/process/bali-process.ttl` },
  ])('a renamed thing, $path: 301 to $location', async ({ path, location }) => {
    const res = await request(renamedApp).get(path).set('Host', 'evil.example').redirects(0);
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe(location);
  });

  it.each([
    { path: '/doc/process/bali-process', accept: 'text/turtle', location: `${SITE}doc/process/bali-process.ttl` },
    { path: '/doc/process/bali-process', accept: 'text/html', location: `${SITE}doc/process/bali-process.html` },
    { path: '/doc/event?page=2', accept: 'application/ld+json', location: `${SITE}doc/event.jsonld?page=2` },
    { path: '/ontology', accept: 'text/turtle', location: `${SITE}ontology.ttl` },
    { path: '/dataset', accept: 'application/n-triples', location: `${SITE}dataset.nt` },
  ])('$path as $accept: Content-Location $location', async ({ path, accept, location }) => {
    // Twice: the first answer is rendered, the second comes from the cache (the fast path for documents).
    for (let i = 0; i < 2; i++) {
      const res = await request(app).get(path).set('Accept', accept).set('Host', 'evil.example');
      expect(res.status).toBe(200);
      expect(res.headers['content-location']).toBe(location);
    }
  });

  it('a path resolves by its path alone: any Host gets the same bytes', async () => {
    const a = await request(app).get('/doc/process/bali-process.ttl');
    const b = await request(app).get('/doc/process/bali-process.ttl').set('Host', 'evil.example:1234');
    expect(b.status).toBe(200);
    expect(b.text).toBe(a.text);
    expect(b.headers.etag).toBe(a.headers.etag);
  });
});

describe('RDF, SPARQL results and the sitemap name BASE_IRI only', () => {
  it.each([
    ['/doc/process/bali-process.ttl', `@prefix process: <${BASE}id/process/>`],
    ['/doc/process/bali-process.ttl', `foaf:isPrimaryTopicOf <${BASE}doc/process/bali-process>`],
    ['/doc/process/bali-process.jsonld', `"${BASE}context.jsonld"`],
    ['/doc/process/bali-process.nt', `<${BASE}doc/process/bali-process> <http://xmlns.com/foaf/0.1/primaryTopic>`],
    ['/doc/event.ttl?page=2', `<${BASE}doc/event?page=2>`],
    ['/dataset.ttl', `<${BASE}sparql>`],
    ['/dataset/dump.nt', `<${BASE}id/process/bali-process>`],
  ])('%s holds %s and nothing under SITE_URL', async (path, expected) => {
    const res = await request(app).get(path).buffer(true);
    expect(res.status).toBe(200);
    const body = typeof res.text === 'string' && res.text.length > 0 ? res.text : String(res.body);
    expect(body).toContain(expected);
    expect(body).not.toContain('mirror.test.example');
  });

  it('the service description names the service under BASE_IRI', async () => {
    const res = await request(app).get('/sparql').set('Accept', 'text/turtle');
    expect(res.status).toBe(200);
    expect(res.text).toContain(BASE);
    expect(res.text).not.toContain('mirror.test.example');
  });

  it('SPARQL results: our IRIs are under BASE_IRI', async () => {
    const query = `SELECT ?p WHERE { ?p a <${BASE}ontology#GlobalProcess> }`;
    const res = await request(app)
      .get('/sparql')
      .query({ query })
      .set('Accept', 'application/sparql-results+json')
      .set('Host', 'evil.example');
    expect(res.status).toBe(200);
    const values = (JSON.parse(res.text) as { results: { bindings: { p: { value: string } }[] } }).results.bindings.map(
      (b) => b.p.value,
    );
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) expect(value.startsWith(`${BASE}id/process/`)).toBe(true);
    expect(res.text).not.toContain('mirror.test.example');
  });

  it('the sitemap lists the public addresses (BASE_IRI), for search engines to index', async () => {
    const res = await request(app).get('/sitemap.xml');
    const locs = [...res.text.matchAll(/<loc>([^<]*)<\/loc>/g)].map(([, loc]) => loc ?? '');
    expect(locs.length).toBeGreaterThan(100);
    expect(locs.filter((loc) => !loc.startsWith(BASE))).toEqual([]);
    expect(locs).toContain(`${BASE}doc/process/bali-process`);
  });
});

// ----- a real server with only PORT set ---------------------------------------------------------

/** A port that was free a moment ago on 127.0.0.1 (for the child to take). */
async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The queries of the README's SPARQL section (the curl example and the Python one), as written there. */
async function readmeQueries(): Promise<string[]> {
  const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
  const curl = [...readme.matchAll(/--data-urlencode 'query=([^']+)' http:\/\/localhost:8080\/sparql/g)].map(
    ([, q]) => q ?? '',
  );
  const python = [...readme.matchAll(/sparql\.setQuery\("([^"]+)"\)/g)].map(([, q]) => q ?? '');
  return [...curl, ...python];
}

describe('a server started with only PORT set (no BASE_IRI, no SITE_URL)', () => {
  const STARTUP_MS = 90_000;
  let child: ChildProcess | undefined;
  let port: number;
  let origin: string;
  const output: string[] = [];

  beforeAll(async () => {
    port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_FORMAT: 'json',
      CACHE_DIR: path.join(os.tmpdir(), 'iom-lod-test-cache'),
    };
    delete env.BASE_IRI;
    delete env.SITE_URL;
    const started = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = started;
    started.stdout.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
    started.stderr.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
    // Ready when the SPARQL workers have their copies; a child that ends first fails the test.
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not ready in time:\n${output.join('')}`)), STARTUP_MS);
      started.stdout.on('data', () => {
        if (output.join('').includes('"msg":"SPARQL engine ready"')) {
          clearTimeout(timer);
          resolve();
        }
      });
      started.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the server ended (${code}):\n${output.join('')}`));
      });
    });
  }, STARTUP_MS + 5_000);

  afterAll(async () => {
    const running = child;
    if (!running?.pid || running.exitCode !== null) return;
    const exited = once(running, 'exit');
    process.kill(running.pid, 'SIGTERM'); // the server we started, by its pid
    await exited;
  }, 20_000);

  it('logs both bases on its start-up line', () => {
    const ready = output
      .join('')
      .split('\n')
      .find((line) => line.includes('"msg":"ready in'));
    expect(ready).toContain('(BASE_IRI http://localhost:8080/; ');
    expect(ready).toContain(`SITE_URL http://localhost:${port}/; `);
  });

  it("answers the README's example queries unchanged, with rows", async () => {
    const queries = await readmeQueries();
    expect(queries.length).toBeGreaterThanOrEqual(2);
    for (const query of queries) {
      expect(query).toContain('<http://localhost:8080/ontology#');
      const res = await fetch(`${origin}/sparql`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/csv' },
        body: new URLSearchParams({ query }).toString(),
      });
      expect(res.status, query).toBe(200);
      const rows = (await res.text()).trim().split('\r\n').slice(1);
      expect(rows.length, query).toBeGreaterThan(0);
      for (const row of rows) expect(row).toMatch(/^http:\/\/localhost:8080\/id\/process\//);
    }
  });

  it(`/id/process/bali-process is 303 to this server's port; the document names the public IRIs`, async () => {
    const res = await fetch(`${origin}/id/process/bali-process`, {
      redirect: 'manual',
      headers: { accept: 'text/turtle' },
    });
    await res.arrayBuffer();
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`http://localhost:${port}/doc/process/bali-process`);
    const doc = await fetch(`${origin}/doc/process/bali-process`, { headers: { accept: 'text/turtle' } });
    expect(doc.headers.get('content-location')).toBe(`http://localhost:${port}/doc/process/bali-process.ttl`);
    const turtle = await doc.text();
    expect(turtle).toContain('http://localhost:8080/');
    expect(turtle).not.toContain(`:${port}/`);
  });

  it('its pages link to its own port and name identifiers under the default base', async () => {
    const page = await (await fetch(`${origin}/doc/process/bali-process`, { headers: { accept: 'text/html' } })).text();
    expect(page).toContain(`<link rel="canonical" href="http://localhost:8080/doc/process/bali-process">`);
    expect(page).toContain(`<code class="iri">http://localhost:8080/id/process/bali-process</code>`);
    expect(page).toContain(`href="http://localhost:${port}/assets/style.css"`);
    expect(page).toContain(`href="http://localhost:${port}/doc/section/`);
  });
});
