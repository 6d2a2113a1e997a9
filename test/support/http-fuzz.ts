// A seeded generator of hostile HTTP requests for test/integration/fuzz.test.ts: random and mutated
// paths, methods, headers and query strings, and SPARQL queries mutated, nested, multiplied or malformed.
import http from 'node:http';
import { seededRandom } from '../../src/generate/generate-data.js';
import { TEST_BASE } from './dataset.js';

/** Picks at random, from lists and weighted alternatives. */
class Dice {
  constructor(readonly next: () => number) {}
  int(below: number): number {
    return Math.floor(this.next() * below);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
  /** One of the alternatives, with probability proportional to its weight. */
  weighted<T>(alternatives: ReadonlyArray<readonly [number, T]>): T {
    let roll = this.next() * alternatives.reduce((sum, [w]) => sum + w, 0);
    for (const [weight, value] of alternatives) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return (alternatives.at(-1) as readonly [number, T])[1];
  }
}

export interface FuzzRequest {
  /** Which generator made it: failures are reported by shape. */
  readonly shape: string;
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: Buffer;
}

// ---------------------------------------------------------------------------------------------------
// Paths, methods, headers

const KNOWN_PATHS = [
  '/',
  '/id/process/bali-process',
  '/id/organisation/iom',
  '/doc/process/bali-process',
  '/doc/process/bali-process.ttl',
  '/doc/process/bali-process.jsonld',
  '/doc/process/bali-process.nt',
  '/doc/process/bali-process.rdf',
  '/doc/process/bali-process.html',
  '/doc/organisation/iom',
  '/doc/process',
  '/doc/person',
  '/doc/process?page=2',
  '/ontology',
  '/ontology.ttl',
  '/shapes',
  '/shapes.jsonld',
  '/dataset',
  '/dataset.nt',
  '/dataset/dump.ttl',
  '/dataset/dump.nt',
  '/.well-known/void',
  '/context.jsonld',
  '/sitemap.xml',
  '/robots.txt',
  '/sparql',
  '/sparql/examples',
  '/assets/style.css',
  '/assets/sparql-editor.js',
  '/assets/yasgui/yasgui.min.js',
  '/assets/yasgui/yasgui.min.css',
];

const SEGMENTS = [
  'id',
  'doc',
  'sparql',
  'assets',
  'ontology',
  'dataset',
  'process',
  'organisation',
  'person',
  'bali-process',
  'iom',
  'yasgui',
  'dump.ttl',
  '..',
  '.',
  '%2e%2e',
  '%2E',
  '..%2f',
  '..%5c',
  '%2f',
  '%00',
  '%ff',
  '%c0%af',
  '%ed%a0%80',
  '%f4%90%80%80',
  '%',
  '%zz',
  '%e2%82',
  '%C3%A9',
  '%F0%9F%98%80',
  '\\..\\',
  '',
  ';jsessionid=1',
  'index.html',
  '__proto__',
  'constructor',
  'BALI-PROCESS',
  'bali-process.',
  'bali-process.TTL',
  'bali-process.html.ttl',
  'bali-process.exe',
  '~',
  '@',
  '*',
  "'",
  '"',
  '<script>',
  '${x}',
];

const QUERY_STRINGS = [
  '',
  '?',
  '?&&&',
  '?page=0',
  '?page=-1',
  '?page=1e9',
  '?page=99999999999999999999999',
  '?page=NaN',
  '?page=2&page=3',
  '?page=%00',
  '?page=%ff',
  '?query=',
  '?query=ASK%20%7B%7D',
  '?query=%ff',
  '?query=ASK{}&query=ASK{}',
  '?default-graph-uri=x',
  '?update=x',
  '?a[b]=c',
  '?__proto__[x]=1',
  '?constructor[prototype][x]=1',
  '?format=json',
  '?%',
  '?=',
  '?x=%E2%82',
];

/** A random path: a known one, or one built or mutated from segments, sometimes very long. */
function randomPath(d: Dice): string {
  const kind = d.weighted([
    [3, 'known'],
    [3, 'mutated'],
    [3, 'built'],
    [1, 'long'],
    [0.3, 'odd-target'],
  ] as const);
  switch (kind) {
    case 'known':
      return d.pick(KNOWN_PATHS) + (d.chance(0.3) ? d.pick(QUERY_STRINGS) : '');
    case 'mutated': {
      const base = d.pick(KNOWN_PATHS).split('?')[0] as string;
      const parts = base.split('/');
      const at = 1 + d.int(Math.max(1, parts.length - 1));
      const mutation = d.int(4);
      if (mutation === 0) parts.splice(at, 0, d.pick(SEGMENTS));
      else if (mutation === 1) parts[at] = d.pick(SEGMENTS);
      else if (mutation === 2) parts[at] = `${parts[at] ?? ''}${d.pick(SEGMENTS)}`;
      else parts.push(...Array.from({ length: 1 + d.int(5) }, () => d.pick(SEGMENTS)));
      return parts.join('/') + (d.chance(0.3) ? d.pick(QUERY_STRINGS) : '');
    }
    case 'built':
      return `/${Array.from({ length: 1 + d.int(6) }, () => d.pick(SEGMENTS)).join('/')}${d.chance(0.3) ? d.pick(QUERY_STRINGS) : ''}`;
    case 'long': {
      // Around Node's 16 KiB header limit: under it the app sees the path, over it Node answers 431.
      const length = d.pick([256, 2048, 8000, 15_000, 20_000]);
      const unit = d.pick(['a', '%41', '../', '%2e%2e/', '/', '%C3%A9']);
      return `/${d.pick(['id/process/', 'doc/process/', 'sparql/', 'assets/', 'ontology/', 'dataset/', ''])}${unit.repeat(Math.ceil(length / unit.length))}`;
    }
    case 'odd-target':
      // Absolute-form and asterisk-form request targets (RFC 9112, 3.2).
      return d.pick(['http://evil.example/doc/process/bali-process', 'https://data.test.example/sparql', '*', '//doc']);
  }
}

/** Methods Node's parser knows (an unknown one is answered 400 by Node itself, also worth sending). */
const ODD_METHODS = ['TRACE', 'PROPFIND', 'SEARCH', 'QUERY', 'LINK', 'PURGE', 'MKCOL', 'M-SEARCH', 'REPORT', 'BREW'];
// CONNECT is left out: without a 'connect' listener a bare node:http server destroys the socket, whatever
// the app; that is Node's behaviour, not the app's, and only a server-level handler could change it.

function randomMethod(d: Dice): string {
  return d.weighted([
    [40, 'GET'],
    [10, 'HEAD'],
    [12, 'POST'],
    [6, 'OPTIONS'],
    [3, 'PUT'],
    [3, 'DELETE'],
    [3, 'PATCH'],
    [4, d.pick(ODD_METHODS)],
  ]);
}

const MEDIA_TYPES = [
  'text/html',
  'application/xhtml+xml',
  'text/turtle',
  'application/ld+json',
  'application/n-triples',
  'application/rdf+xml',
  'application/sparql-results+json',
  'application/sparql-results+xml',
  'text/csv',
  'text/tab-separated-values',
  'application/json',
  'text/plain',
  'application/xml',
  'image/png',
  '*/*',
  'text/*',
  'application/*',
  '*/html',
  '*',
  '',
  ';;',
  'text/turtle;charset=utf-16',
  'application/ld+json;profile="http://www.w3.org/ns/json-ld#compacted"',
  'TEXT/TURTLE',
  'text/html,',
  '/',
];
const Q_VALUES = [
  '',
  '',
  ';q=0',
  ';q=1',
  ';q=0.5',
  ';q=1.5',
  ';q=-1',
  ';q=abc',
  ';q=0.0001',
  ';q=',
  ';Q=0.9',
  ';q=1;level=1',
  ';q=0.3;q=0.9',
  ';q=1e-3',
  ';q="0.5"',
];

function randomAccept(d: Dice): string {
  // A long list that still fits under Node's header limit, so the app's negotiation sees it.
  if (d.chance(0.03)) return Array.from({ length: 500 }, (_, i) => `type${i}/sub${i};q=0.${i % 10}`).join(', ');
  return Array.from({ length: 1 + d.int(6) }, () => d.pick(MEDIA_TYPES) + d.pick(Q_VALUES)).join(
    d.pick([', ', ',', ' , ']),
  );
}

const CONTENT_TYPES = [
  'application/x-www-form-urlencoded',
  'application/sparql-query',
  'application/sparql-query; charset=utf-8',
  'application/sparql-query; charset=latin1',
  'application/sparql-query; charset="UTF-16"',
  'application/sparql-update',
  'application/json',
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/x-www-form-urlencoded; charset=iso-8859-1',
  '',
  ';',
  'application/',
  'APPLICATION/SPARQL-QUERY',
];

const ETAGS = ['*', '"x"', 'W/"x"', '""', 'garbage', '"', 'W/', '*, "x"', `"${'e'.repeat(500)}"`];

/** Random request headers; sometimes huge ones, around Node's 16 KiB limit. */
function randomHeaders(d: Dice, body: boolean): Record<string, string> {
  const headers: Record<string, string> = {};
  if (d.chance(0.85)) headers.accept = randomAccept(d);
  if (d.chance(0.2))
    headers['if-none-match'] = d.chance(0.2)
      ? Array.from({ length: 100 }, (_, i) => `"etag-${i}"`).join(', ')
      : d.pick(ETAGS);
  if (d.chance(0.05)) headers['if-modified-since'] = d.pick(['yesterday', 'Thu, 01 Jan 1970 00:00:00 GMT', '0']);
  if (d.chance(0.1)) headers['accept-encoding'] = d.pick(['gzip', 'br', 'gzip;q=0', '*', 'identity;q=0', 'x-odd']);
  if (d.chance(0.05)) headers.range = d.pick(['bytes=0-10', 'bytes=-1', 'bytes=99999999-', 'bytes=a-b', 'lines=1-2']);
  if (d.chance(0.05)) headers.host = d.pick(['evil.example', 'localhost:1', '[::1]', 'a'.repeat(300)]);
  if (d.chance(0.05)) headers.origin = d.pick(['null', 'http://evil.example']);
  if (body || d.chance(0.05)) headers['content-type'] = d.pick(CONTENT_TYPES);
  if (d.chance(0.04)) headers['x-fuzz'] = 'x'.repeat(d.pick([4000, 12_000, 17_000, 40_000]));
  if (d.chance(0.02)) for (let i = 0; i < 200; i++) headers[`x-fuzz-${i}`] = String(i);
  return headers;
}

// ---------------------------------------------------------------------------------------------------
// SPARQL

/** Tokens of a query: IRIs, strings, variables, names, numbers, punctuation. */
function tokenize(query: string): string[] {
  return query.match(/<[^>\s]*>|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[?$]\w+|[\w:.-]+|[^\s\w]/g) ?? [];
}

const INSERTED_TOKENS = [
  '{',
  '}',
  '(',
  ')',
  '.',
  ';',
  ',',
  '*',
  'OPTIONAL',
  'UNION',
  'MINUS',
  'FILTER',
  'FILTER(',
  'BIND(1 AS ?x)',
  'VALUES ?x { 1 2 }',
  'SERVICE <http://a:b/>',
  'GRAPH ?g',
  'LIMIT -1',
  'OFFSET 99999999999999999999',
  'GROUP BY ?x',
  'ORDER BY RAND()',
  'COUNT(*)',
  '?x',
  '<http://a:b/>',
  '"\u0000"',
  '"\uffff"',
  '"\u202e"',
  "'",
  '"',
  '#',
  '\\',
  'a',
  '^^',
  '@en-',
  '1e999999',
  'PREFIX x: <y>',
  'BASE <z>',
];

/** An example query changed by one to four token edits: delete, duplicate, swap, insert, or cut short. */
function mutatedExample(d: Dice, examples: readonly string[]): string {
  const tokens = tokenize(d.pick(examples));
  for (let edits = 1 + d.int(4); edits > 0 && tokens.length > 0; edits--) {
    const i = d.int(tokens.length);
    const j = d.int(tokens.length);
    switch (d.int(5)) {
      case 0:
        tokens.splice(i, 1);
        break;
      case 1:
        tokens.splice(i, 0, ...Array.from({ length: 1 + d.int(3) }, () => tokens[i] as string));
        break;
      case 2:
        [tokens[i], tokens[j]] = [tokens[j] as string, tokens[i] as string];
        break;
      case 3:
        tokens.splice(i, 0, d.pick(INSERTED_TOKENS));
        break;
      default:
        tokens.length = i;
    }
  }
  return tokens.join(' ');
}

/** Depths from trivial to a few thousand: where recursive parsers and evaluators run out of stack. */
const DEPTHS = [1, 2, 5, 10, 50, 100, 300, 1000, 2000, 3000, 5000];

/** A query nested `depth` deep, one of several ways. */
function nestedQuery(d: Dice, depth: number): { shape: string; query: string } {
  const kind = d.pick([
    'groups',
    'parentheses',
    'arithmetic',
    'negation',
    'optional-nested',
    'optional-chain',
    'union-chain',
    'union-nested',
    'subselect',
    'path',
    'unbalanced',
  ] as const);
  const triple = '?s ?p ?o';
  let query: string;
  switch (kind) {
    case 'groups':
      query = `SELECT * WHERE ${'{ '.repeat(depth)}${triple} ${'} '.repeat(depth)}LIMIT 1`;
      break;
    case 'parentheses':
      query = `SELECT * WHERE { ${triple} FILTER (${'('.repeat(depth)}?o${')'.repeat(depth)}) } LIMIT 1`;
      break;
    case 'arithmetic':
      query = `SELECT ((${'1 + '.repeat(depth)}1) AS ?x) WHERE {}`;
      break;
    case 'negation':
      query = `ASK { FILTER (${'!'.repeat(depth)}true) }`;
      break;
    case 'optional-nested':
      query = `SELECT * WHERE { ${triple} ${'OPTIONAL { ?s ?p ?o '.repeat(depth)}${'} '.repeat(depth)}} LIMIT 1`;
      break;
    case 'optional-chain':
      query = `SELECT * WHERE { ${triple} ${Array.from({ length: depth }, (_, i) => `OPTIONAL { ?s ?p ?o${i} }`).join(' ')} } LIMIT 1`;
      break;
    case 'union-chain':
      query = `SELECT * WHERE { ${Array.from({ length: depth + 1 }, () => `{ ${triple} }`).join(' UNION ')} } LIMIT 1`;
      break;
    case 'union-nested': {
      let group = `{ ${triple} }`;
      for (let i = 0; i < depth; i++) group = `{ ${group} UNION { ${triple} } }`;
      query = `SELECT * WHERE ${group} LIMIT 1`;
      break;
    }
    case 'subselect':
      query = `SELECT * WHERE { ${'{ SELECT * WHERE { '.repeat(depth)}${triple}${' } LIMIT 1 }'.repeat(depth)} }`;
      break;
    case 'path':
      query = `SELECT * WHERE { ?s ${'('.repeat(depth)}<http://www.w3.org/2000/01/rdf-schema#label>${')*'.repeat(depth)} ?o } LIMIT 1`;
      break;
    case 'unbalanced':
      query = `SELECT * WHERE ${`${d.pick(['{', '(', '}', ')', 'OPTIONAL {', '{ {} UNION'])} `.repeat(depth)}`;
      break;
  }
  return { shape: `sparql nested ${kind}`, query };
}

/** Cross products of the whole graph, sorted: the evaluation no limit but the time limit stops. */
const CARTESIAN = [
  'SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?a ?f',
  'SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY DESC(?f) LIMIT 10',
  'SELECT DISTINCT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?d',
  'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }',
  'SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY RAND() LIMIT 1',
  'CONSTRUCT { ?a ?b ?f } WHERE { ?a ?b ?c . ?d ?e ?f }',
  'SELECT ?a (GROUP_CONCAT(?f) AS ?all) WHERE { ?a ?b ?c . ?d ?e ?f } GROUP BY ?a ORDER BY ?all',
];

const ODD_IRIS = [
  '<http://a:b/>',
  '<>',
  '<#>',
  '<../../x>',
  '<urn:>',
  '<http://[::1]/>',
  '<http://a:99999999/>',
  '<file:///etc/passwd>',
  '<javascript:alert(1)>',
  '<http://a b/>',
  '<%zz>',
  '<http://é.example/ü>',
  '<\\u0000>',
  '<id/process/bali-process>',
  '<http://localhost:8080/id/process/bali-process>',
  `<${TEST_BASE}id/process/bali-process>`,
  `<${TEST_BASE}id/process/${'x'.repeat(5000)}>`,
  `<http://${'a'.repeat(300)}.example/>`,
];

function describeQuery(d: Dice): string {
  return d.pick([
    () => `DESCRIBE ${d.pick(ODD_IRIS)}`,
    () => `DESCRIBE ${Array.from({ length: 1 + d.int(20) }, () => d.pick(ODD_IRIS)).join(' ')}`,
    () => 'DESCRIBE ?x WHERE { ?x ?p ?o }',
    () => 'DESCRIBE *',
    () => `DESCRIBE ${d.pick(ODD_IRIS)} ?x WHERE { ?x ?p ${d.pick(ODD_IRIS)} }`,
  ])();
}

/** Invalid UTF-8 byte sequences: lone continuation, overlong, surrogate, beyond U+10FFFF, truncated. */
const BAD_UTF8 = [
  [0xff],
  [0xfe, 0xff],
  [0x80],
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0xe2, 0x82],
];

function withBadUtf8(d: Dice, query: string): Buffer {
  const at = d.int(query.length + 1);
  return Buffer.concat([Buffer.from(query.slice(0, at)), Buffer.from(d.pick(BAD_UTF8)), Buffer.from(query.slice(at))]);
}

const SPARQL_ACCEPTS = [
  'application/sparql-results+json',
  'application/sparql-results+xml',
  'text/csv',
  'text/tab-separated-values',
  'text/turtle',
  'application/ld+json',
  'application/n-triples',
  'application/rdf+xml',
  'text/html',
  '*/*',
];

/** Bytes as a URL-encoded value: unreserved ASCII kept, every other byte as %XX (invalid UTF-8 stays invalid). */
function percentEncodeBytes(bytes: Buffer): string {
  return [...bytes]
    .map((b) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0')}`,
    )
    .join('');
}

/** A query sent the three ways the protocol allows (or badly): GET ?query=, form POST, direct POST. */
function sparqlRequest(d: Dice, shape: string, query: string | Buffer): FuzzRequest {
  const accept = d.chance(0.7) ? d.pick(SPARQL_ACCEPTS) : randomAccept(d);
  const bytes = Buffer.isBuffer(query) ? query : Buffer.from(query);
  const how = d.pick(['get', 'get', 'form', 'form-raw', 'direct', Buffer.isBuffer(query) ? 'direct' : 'wrong']);
  const form = { accept, 'content-type': 'application/x-www-form-urlencoded' };
  switch (how) {
    case 'get':
      return {
        shape,
        method: d.chance(0.8) ? 'GET' : 'HEAD',
        path: `/sparql?query=${percentEncodeBytes(bytes)}`,
        headers: { accept },
      };
    case 'form':
      return {
        shape,
        method: 'POST',
        path: '/sparql',
        headers: form,
        body: Buffer.from(`query=${percentEncodeBytes(bytes)}`),
      };
    case 'form-raw':
      // The bytes unencoded in the form body, as a careless client sends them.
      return {
        shape,
        method: 'POST',
        path: '/sparql',
        headers: form,
        body: Buffer.concat([Buffer.from('query='), bytes]),
      };
    case 'direct':
      return {
        shape,
        method: 'POST',
        path: '/sparql',
        headers: { accept, 'content-type': 'application/sparql-query' },
        body: bytes,
      };
    default:
      return {
        shape,
        method: d.pick(['PUT', 'POST', 'PATCH']),
        path: '/sparql',
        headers: { accept, 'content-type': d.pick(CONTENT_TYPES) },
        body: bytes,
      };
  }
}

// ---------------------------------------------------------------------------------------------------
// The sequence

function generate(d: Dice, examples: readonly string[]): FuzzRequest {
  const kind = d.weighted([
    [30, 'http'],
    [14, 'mutated-example'],
    [6, 'nested'],
    [0.4, 'cartesian'],
    [6, 'describe'],
    [4, 'bad-utf8'],
    [3, 'example'],
  ] as const);
  switch (kind) {
    case 'http': {
      const method = randomMethod(d);
      const body = ['POST', 'PUT', 'PATCH', 'DELETE', 'QUERY', 'SEARCH'].includes(method) && d.chance(0.8);
      const path = randomPath(d);
      return {
        shape: `http ${method} ${path.startsWith('/') ? (path.split(/[/?]/)[1] ?? '') : 'odd-target'}`,
        method,
        path,
        headers: randomHeaders(d, body),
        ...(body
          ? {
              body: d.pick([
                () => Buffer.from('query=ASK%20%7B%7D'),
                () => Buffer.from(d.pick(examples)),
                () => Buffer.from(Array.from({ length: d.pick([0, 1, 100, 10_000, 200_000]) }, () => d.int(256))),
              ])(),
            }
          : {}),
      };
    }
    case 'mutated-example':
      return sparqlRequest(d, 'sparql mutated example', mutatedExample(d, examples));
    case 'nested': {
      const { shape, query } = nestedQuery(d, d.pick(DEPTHS));
      return sparqlRequest(d, shape, query);
    }
    case 'cartesian':
      return sparqlRequest(d, 'sparql cartesian', d.pick(CARTESIAN));
    case 'describe':
      return sparqlRequest(d, 'sparql describe odd IRIs', describeQuery(d));
    case 'bad-utf8':
      return sparqlRequest(d, 'sparql invalid UTF-8', withBadUtf8(d, d.pick(examples)));
    case 'example':
      return sparqlRequest(d, 'sparql example', d.pick(examples));
  }
}

/** A short, readable form of a request for the report. */
export function sketch(request: FuzzRequest): string {
  let target = request.path;
  if (target.startsWith('/sparql?query=')) {
    try {
      target = `/sparql?query=${decodeURIComponent(target.slice('/sparql?query='.length))}`;
    } catch {
      // leave it encoded
    }
  }
  const body = request.body ? ` body(${request.body.length}): ${request.body.toString('utf8').slice(0, 80)}` : '';
  const text = `${request.method} ${target.slice(0, 120)}${target.length > 120 ? `... (${target.length} chars)` : ''}${body}`;
  return text.replace(/\s+/g, ' ');
}

/** The `count` requests of a seed, always the same ones. */
export function fuzzRequests(seed: number, count: number, exampleQueries: readonly string[]): FuzzRequest[] {
  const d = new Dice(seededRandom(seed));
  return Array.from({ length: count }, () => generate(d, exampleQueries));
}

/**
 * The size of the request head as Node's client writes it (request line, our headers, and the Host,
 * Connection and Content-Length it adds), with a little to spare: over http.maxHeaderSize, Node's
 * server answers 431 and drops the connection itself, before the app sees the request.
 */
export function headBytes(request: FuzzRequest, port: number): number {
  const added = `Host: 127.0.0.1:${port}\r\nConnection: keep-alive\r\nContent-Length: ${request.body?.length ?? 0}\r\n`;
  const lines = Object.entries(request.headers).map(([name, value]) => `${name}: ${value}\r\n`);
  return (
    Buffer.byteLength(`${request.method} ${request.path} HTTP/1.1\r\n${lines.join('')}${added}\r\n`, 'latin1') + 64
  );
}

/** Whether Node's own header limit, not the app, answers this request. */
export function overHeaderLimit(request: FuzzRequest, port: number): boolean {
  return headBytes(request, port) > http.maxHeaderSize;
}
