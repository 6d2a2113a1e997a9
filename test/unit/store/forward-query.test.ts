// What a client's query becomes before a remote store sees it: its dataset set by the protocol (the
// data version, or an empty graph for FROM and FROM NAMED, whose clauses leave the text), and no
// function the embedded store does not have. The answers must be the embedded store's: checked
// with two Oxigraph stores, one holding the data as its default graph (the embedded store), one
// holding it in a named graph beside other graphs (a remote store).
import oxigraph from 'oxigraph';
import sparqljs from 'sparqljs';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../../../src/errors.js';
import { analyseQuery, type AnalysedQuery } from '../../../src/sparql/analyse-query.js';
import { MAX_TRIPLE_PATTERNS, forwardQuery, type ForwardedQuery } from '../../../src/store/forward-query.js';

const BASE = 'https://data.test.example/';
const MAX_DEPTH = 200;
const DATA = 'urn:data:version-2';
const EMPTY = 'urn:data:empty';
const OLD = 'urn:data:version-1';
const OTHER = 'http://example.org/g';

const forward = (query: string): ForwardedQuery => forwardQuery(analyseQuery(query, BASE, MAX_DEPTH), DATA, EMPTY);

function refusal(query: string): HttpError {
  const analysed = analyseQuery(query, BASE, MAX_DEPTH);
  try {
    forwardQuery(analysed, DATA, EMPTY);
  } catch (error) {
    expect(error).toBeInstanceOf(HttpError);
    return error as HttpError;
  }
  throw new Error(`expected ${query} to be refused`);
}

/**
 * A parsed query as plain data, FROM left out and blank nodes renamed in the order they appear:
 * sparqljs labels `[]` g_0 and, parsing its own `_:g_0` again, e_g_0 (the same pattern).
 */
function canonical(parsed: sparqljs.SparqlQuery): unknown {
  const names = new Map<string, string>();
  return JSON.parse(
    JSON.stringify({ ...parsed, from: undefined }, (_key, value: unknown) => {
      const term = value as { termType?: string; value?: string } | null;
      if (term?.termType !== 'BlankNode' || term.value === undefined) return value;
      if (!names.has(term.value)) names.set(term.value, `b${names.size}`);
      return { termType: 'BlankNode', value: names.get(term.value) };
    }),
  ) as unknown;
}

/** Asserts that the forwarded text has no FROM clause left and is otherwise the query analysed. */
function expectSameQueryWithoutFrom(analysed: AnalysedQuery, forwarded: ForwardedQuery): void {
  expect(forwarded.text).not.toMatch(/\bFROM\b/i);
  const parsed = new sparqljs.Parser().parse(forwarded.text) as sparqljs.Query;
  expect(parsed.from ?? { default: [], named: [] }).toEqual({ default: [], named: [] });
  expect(canonical(parsed)).toEqual(canonical(analysed.parsed));
}

describe('forwardQuery: the dataset', () => {
  it('leaves a query without FROM as it is, over the data version, with the empty graph as the named one', () => {
    const query = 'SELECT ?s WHERE { ?s ?p ?o . GRAPH ?g { ?s ?p ?o } } LIMIT 3';
    const analysed = analyseQuery(query, BASE, MAX_DEPTH);
    expect(forwardQuery(analysed, DATA, EMPTY)).toEqual({
      text: writtenBack(analysed),
      defaultGraph: DATA,
      namedGraph: EMPTY,
    });
    expect(analysed.text).toBe(`BASE <${BASE}>\n${query}`);
  });

  it('takes FROM out of the text and reads the empty graph as the default graph', () => {
    const analysed = analyseQuery(`SELECT ?s FROM <${OTHER}> WHERE { ?s ?p ?o }`, BASE, MAX_DEPTH);
    const forwarded = forwardQuery(analysed, DATA, EMPTY);
    expect(forwarded).toMatchObject({ defaultGraph: EMPTY, namedGraph: EMPTY });
    expect(forwarded.text).not.toContain(OTHER);
    expectSameQueryWithoutFrom(analysed, forwarded);
  });

  it('takes FROM NAMED out too: the named graph is the empty one, and so is the default graph (SPARQL 1.1, 13.2)', () => {
    const analysed = analyseQuery(`SELECT * FROM NAMED <${OTHER}> WHERE { GRAPH ?g { ?s ?p ?o } }`, BASE, MAX_DEPTH);
    const forwarded = forwardQuery(analysed, DATA, EMPTY);
    expect(forwarded).toMatchObject({ defaultGraph: EMPTY, namedGraph: EMPTY });
    expect(forwarded.text).not.toMatch(/NAMED/i);
    expectSameQueryWithoutFrom(analysed, forwarded);
  });

  it.each([
    `ASK FROM <${OTHER}> FROM NAMED <${OTHER}> { ?s ?p ?o }`,
    `CONSTRUCT { ?s ?p ?o } FROM <${OTHER}> WHERE { ?s ?p ?o }`,
    `DESCRIBE <${BASE}id/a> FROM <${OTHER}>`,
    `SELECT * FROM <${OTHER}> FROM <${OLD}> FROM NAMED <${DATA}> WHERE { ?s ?p ?o }`,
  ])('takes every FROM clause out of %s', (query) => {
    const analysed = analyseQuery(query, BASE, MAX_DEPTH);
    const forwarded = forwardQuery(analysed, DATA, EMPTY);
    expect(forwarded).toMatchObject({ defaultGraph: EMPTY, namedGraph: EMPTY });
    expectSameQueryWithoutFrom(analysed, forwarded);
  });

  it('keeps the rest of a query with FROM as it means: prefixes, relative IRIs, literals, paths, subqueries, modifiers', () => {
    const query = `PREFIX ex: <http://example.org/>
      BASE <https://other.example/base/>
      SELECT DISTINCT ?s (COUNT(?o) AS ?n) (GROUP_CONCAT(?l; SEPARATOR=", ") AS ?ls)
      FROM ex:g
      WHERE {
        ?s ex:p/ex:q* <relative> ; ^ex:r ?o ; ex:label ?l .
        ?s !(ex:x|ex:y) "tab\\t \\"quoted\\"\\n"@en-GB, 1.5, -3, 1e3, true, "d"^^ex:dt .
        OPTIONAL { ?o ex:z ?z FILTER(LANG(?l) = "en" && REGEX(?l, "^a.*$", "i")) }
        MINUS { ?s a ex:Withdrawn }
        { SELECT ?s WHERE { ?s ex:p [] } LIMIT 10 } UNION { ?s ex:q ?w }
        FILTER NOT EXISTS { ?s ex:gone true }
        BIND(CONCAT(STR(?s), "-") AS ?key)
        VALUES (?s ?o) { (ex:a UNDEF) (UNDEF ex:b) }
      }
      GROUP BY ?s HAVING (COUNT(?o) > 1)
      ORDER BY DESC(?n) ?s LIMIT 20 OFFSET 5`;
    const analysed = analyseQuery(query, BASE, MAX_DEPTH);
    const forwarded = forwardQuery(analysed, DATA, EMPTY);
    expectSameQueryWithoutFrom(analysed, forwarded);
  });
});

describe('forwardQuery: the same answers as the embedded store', () => {
  const EX = 'http://example.org/';
  const data = `<${EX}a> <${EX}p> "a" . <${EX}b> <${EX}p> "b" .`;
  const embedded = new oxigraph.Store();
  embedded.load(data, { format: 'text/turtle' });
  // A remote store: the data version in a graph, an older one and a graph a client may name beside it.
  const remote = new oxigraph.Store();
  remote.load(data, { format: 'text/turtle', to_graph_name: oxigraph.namedNode(DATA) });
  remote.load(`<${EX}old> <${EX}p> "old" .`, { format: 'text/turtle', to_graph_name: oxigraph.namedNode(OLD) });
  remote.load(`<${EX}other> <${EX}p> "other" .`, { format: 'text/turtle', to_graph_name: oxigraph.namedNode(OTHER) });

  const bindings = (json: string): string[] =>
    (JSON.parse(json) as { results: { bindings: object[] } }).results.bindings.map((b) => JSON.stringify(b)).sort();

  it.each([
    [`SELECT ?s ?o WHERE { ?s <${EX}p> ?o }`, 2],
    [`SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s`, 2],
    [`SELECT ?s ?o FROM <${OTHER}> WHERE { ?s ?p ?o }`, 0],
    [`SELECT ?s ?o FROM <${DATA}> WHERE { ?s ?p ?o }`, 0],
    [`SELECT ?s ?o FROM NAMED <${OTHER}> WHERE { ?s ?p ?o }`, 0],
    [`SELECT ?g ?s FROM NAMED <${OTHER}> WHERE { GRAPH ?g { ?s ?p ?o } }`, 0],
    [`SELECT ?g ?s WHERE { GRAPH ?g { ?s ?p ?o } }`, 0],
    [`SELECT ?s WHERE { GRAPH <${DATA}> { ?s ?p ?o } }`, 0],
    [`SELECT ?s WHERE { GRAPH <${OLD}> { ?s ?p ?o } }`, 0],
    [`SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }`, 1],
  ])('%s', (query, count) => {
    const analysed = analyseQuery(query, BASE, MAX_DEPTH);
    const forwarded = forwardQuery(analysed, DATA, EMPTY);
    const format = { results_format: 'application/sparql-results+json' };
    const expected = bindings(embedded.query(analysed.text, format) as string);
    const answered = bindings(
      remote.query(forwarded.text, {
        ...format,
        default_graph: oxigraph.namedNode(forwarded.defaultGraph),
        named_graphs: [oxigraph.namedNode(forwarded.namedGraph)],
      }) as string,
    );
    expect(answered).toEqual(expected);
    expect(expected).toHaveLength(count);
  });
});

describe('forwardQuery: functions', () => {
  it.each([
    ['SELECT (<bif:getenv>("HOME") AS ?h) WHERE {}', 'bif:getenv'],
    ['SELECT * WHERE { ?s ?p ?o FILTER(<sql:foo>()) }', 'sql:foo'],
    ['SELECT * WHERE { ?s ?p ?o BIND(<http://example.org/f>(1) AS ?x) }', 'http://example.org/f'],
    ['SELECT ?s WHERE { ?s ?p ?o } ORDER BY <http://example.org/f>(?o)', 'http://example.org/f'],
    ['SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o FILTER(<bif:getenv>("HOME") != "") } } }', 'bif:getenv'],
    ['SELECT (<http://example.org/f>(1) AS ?x) WHERE { }', 'http://example.org/f'],
    ['SELECT ?s WHERE { ?s ?p ?o } GROUP BY ?s HAVING (<sql:f>(?s))', 'sql:f'],
    ['SELECT ?s WHERE { ?s ?p ?o } GROUP BY (<http://example.org/g>(?s) AS ?k) ?s', 'http://example.org/g'],
    ['SELECT ?s WHERE { ?s ?p ?o FILTER EXISTS { ?o ?q ?r FILTER(<bif:f>(?r)) } }', 'bif:f'],
    ['SELECT ?s WHERE { OPTIONAL { ?s ?p ?o FILTER(<sql:f>(?o)) } }', 'sql:f'],
    [
      'SELECT ?s WHERE { { ?s ?p ?o } UNION { ?s ?p ?o BIND(<http://example.org/h>() AS ?z) } }',
      'http://example.org/h',
    ],
    ['SELECT (<http://example.org/agg>(DISTINCT ?o) AS ?x) WHERE { ?s ?p ?o }', 'http://example.org/agg'],
    ['ASK { ?s ?p ?o FILTER(<bif:f>(?o)) }', 'bif:f'],
    ['CONSTRUCT { ?s ?p ?x } WHERE { ?s ?p ?o BIND(<sql:f>(?o) AS ?x) }', 'sql:f'],
    ['DESCRIBE ?s WHERE { ?s ?p ?o FILTER(<bif:f>(?o)) }', 'bif:f'],
    ['PREFIX bif: <bif:> SELECT (bif:getenv("HOME") AS ?h) WHERE {}', 'bif:getenv'],
    ['SELECT (<BIF:getenv>("HOME") AS ?h) WHERE {}', 'BIF:getenv'],
    [`SELECT * FROM <${OTHER}> WHERE { BIND(<bif:getenv>("HOME") AS ?h) }`, 'bif:getenv'],
    ['SELECT (<http://www.w3.org/2001/XMLSchema#int>("1") AS ?i) WHERE {}', 'http://www.w3.org/2001/XMLSchema#int'],
    [
      'SELECT (<http://www.w3.org/2001/XMLSchema#getenv>("x") AS ?i) WHERE {}',
      'http://www.w3.org/2001/XMLSchema#getenv',
    ],
  ])('refuses %s with 400 naming <%s>', (query, iri) => {
    const error = refusal(query);
    expect(error.status).toBe(400);
    expect(error.message).toContain(`<${iri}>`);
  });

  it.each([
    ['SELECT ?s WHERE { ?s <bif:contains> "Bali" }', 'bif:contains'],
    ['PREFIX bif: <bif:> SELECT ?s WHERE { ?s ?p ?o . ?o bif:contains "\'Bali\'" }', 'bif:contains'],
    ['SELECT ?s WHERE { ?s <http://example.org/p>/<bif:contains> "x" }', 'bif:contains'],
    ['SELECT ?s WHERE { GRAPH <sql:tables> { ?s ?p ?o } }', 'sql:tables'],
    ['SELECT ?s WHERE { VALUES ?p { <bif:contains> } ?s ?p ?o }', 'bif:contains'],
    ['SELECT ?s WHERE { ?s ?p "x"^^<bif:type> }', 'bif:type'],
    ['BASE <bif:> SELECT ?s WHERE { ?s <contains> "x" }', 'bif:contains'],
  ])('refuses the store IRI in %s, naming <%s>', (query, iri) => {
    const error = refusal(query);
    expect(error.status).toBe(400);
    expect(error.message).toContain(`<${iri}>`);
  });

  it.each([
    'PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> SELECT (xsd:integer("1") AS ?i) (xsd:double(?o) AS ?d) (xsd:string(?s) AS ?t) WHERE { ?s ?p ?o }',
    'PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> SELECT ?s WHERE { ?s ?p ?o FILTER(xsd:dateTime(?o) < NOW() && xsd:boolean("true") && xsd:decimal("1.5") > xsd:float("1") && BOUND(?o)) }',
    'PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> SELECT (xsd:date("2024-01-01") AS ?d) (xsd:dayTimeDuration("PT1S") AS ?t) (xsd:gYear("2024") AS ?y) WHERE {}',
    'SELECT (STR(?s) AS ?x) (COUNT(*) AS ?n) (CONCAT("a", STR(?o)) AS ?c) WHERE { ?s ?p ?o FILTER(REGEX(STR(?o), "^a", "i")) } GROUP BY ?s ?o',
    'SELECT ?s (NOW() AS ?t) (LANG(?o) AS ?l) (STRLEN(?o) AS ?n) (SHA256(STR(?o)) AS ?h) (UUID() AS ?u) (IF(isIRI(?o), 1, 0) AS ?b) (COALESCE(?z, 0) AS ?c) WHERE { ?s ?p ?o } ORDER BY DESC(STR(?o))',
    'SELECT (SUM(?n) AS ?s) (AVG(?n) AS ?a) (MIN(?n) AS ?mi) (MAX(?n) AS ?ma) (SAMPLE(?n) AS ?sa) (GROUP_CONCAT(?n) AS ?g) WHERE { VALUES ?n { 1 2 } }',
    'SELECT ?s WHERE { ?s <http://example.org/bif:contains> ?o ; <urn:sql:x> ?o FILTER(STRSTARTS(STR(?o), "bif:")) }',
  ])('passes %s as it is', (query) => {
    const analysed = analyseQuery(query, BASE, MAX_DEPTH);
    expect(forwardQuery(analysed, DATA, EMPTY)).toEqual({
      text: writtenBack(analysed),
      defaultGraph: DATA,
      namedGraph: EMPTY,
    });
  });

  it('lets through every XSD cast the embedded store evaluates, and refuses the XSD types it does not', () => {
    const embedded = new oxigraph.Store();
    const XSD = 'http://www.w3.org/2001/XMLSchema#';
    const types = ['string', 'boolean', 'integer', 'decimal', 'float', 'double', 'dateTime', 'date', 'time']
      .concat(['duration', 'yearMonthDuration', 'dayTimeDuration', 'gYear', 'gYearMonth', 'gMonth', 'gDay'])
      .concat(['gMonthDay', 'int', 'long', 'anyURI', 'dateTimeStamp', 'nonNegativeInteger', 'token']);
    for (const type of types) {
      const query = `SELECT (<${XSD}${type}>("1") AS ?x) WHERE {}`;
      let evaluates = true;
      try {
        embedded.query(query, { results_format: 'application/sparql-results+json' });
      } catch {
        evaluates = false;
      }
      let forwarded = true;
      try {
        forward(query);
      } catch {
        forwarded = false;
      }
      expect(forwarded, type).toBe(evaluates);
    }
  });
});

describe('forwardQuery: the size of a query the store takes', () => {
  const optionals = (n: number): string =>
    `SELECT * WHERE { ?s ?p ?o ${Array.from({ length: n - 1 }, (_, i) => `OPTIONAL { ?s ?p ?o${i} }`).join(' ')} }`;

  it(`takes ${MAX_TRIPLE_PATTERNS} triple patterns, wherever they are`, () => {
    expect(() =>
      forwardQuery(analyseQuery(optionals(MAX_TRIPLE_PATTERNS), BASE, MAX_DEPTH), DATA, EMPTY),
    ).not.toThrow();
  });

  it(`refuses ${MAX_TRIPLE_PATTERNS + 1} with a 400 that says how many (Virtuoso 7.2 ends its process on some 80)`, () => {
    const refused = (() => {
      try {
        forwardQuery(analyseQuery(optionals(MAX_TRIPLE_PATTERNS + 1), BASE, MAX_DEPTH), DATA, EMPTY);
        return undefined;
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(HttpError);
    expect((refused as HttpError).status).toBe(400);
    expect((refused as HttpError).message).toContain(`${MAX_TRIPLE_PATTERNS + 1} triple patterns`);
  });

  it('counts UNION branches, EXISTS and subqueries, but not a CONSTRUCT template', () => {
    const many = Array.from({ length: MAX_TRIPLE_PATTERNS }, (_, i) => `?s ?p ?t${i} .`).join(' ');
    expect(() =>
      forwardQuery(analyseQuery(`CONSTRUCT { ${many} } WHERE { ?s ?p ?o }`, BASE, MAX_DEPTH), DATA, EMPTY),
    ).not.toThrow();
    const half = Math.ceil((MAX_TRIPLE_PATTERNS + 1) / 2);
    const branches = (n: number, v: string): string =>
      Array.from({ length: n }, (_, i) => `?s ?p ?${v}${i} .`).join(' ');
    const query = `SELECT * WHERE { { ${branches(half, 'a')} } UNION { SELECT * WHERE { ${branches(half, 'b')} } } }`;
    expect(() => forwardQuery(analyseQuery(query, BASE, MAX_DEPTH), DATA, EMPTY)).toThrow(HttpError);
    const exists = `SELECT * WHERE { ${branches(half, 'a')} FILTER EXISTS { ${branches(half, 'b')} } }`;
    expect(() => forwardQuery(analyseQuery(exists, BASE, MAX_DEPTH), DATA, EMPTY)).toThrow(HttpError);
  });
});

/** What the store is sent: the parse written back by sparqljs, never the client's text. */
function writtenBack(analysed: AnalysedQuery): string {
  return new sparqljs.Generator().stringify(analysed.parsed);
}

describe("forwardQuery: the text sent is the parse, not the client's text", () => {
  it('a comment that sparqljs ends at a carriage return cannot hide a store function from the checks', () => {
    // sparqljs reads `#` to the \r, Virtuoso to the \n: a string literal for one is a bif: call for the other.
    const query = 'SELECT ?h WHERE { BIND(#\r"""\n<bif:getenv>("HOME")#"""\nAS ?h) }';
    const { text } = forwardQuery(analyseQuery(query, BASE, MAX_DEPTH), DATA, EMPTY);
    // The literal's line break is written as an escape, and no line of the text is a comment.
    expect(text).not.toContain('\r');
    expect(text).not.toMatch(/^<bif:/m);
    expect(text).toContain('\\n<bif:getenv>');
    // What is sent is what the checks saw: its parse is the query's parse.
    expect(new sparqljs.Parser().parse(text)).toEqual(new sparqljs.Parser({ baseIRI: BASE }).parse(query));
  });

  it('counts each step of a property path as a pattern', () => {
    const path = Array.from({ length: MAX_TRIPLE_PATTERNS }, () => '<http://example.org/p>').join('/');
    expect(() =>
      forwardQuery(analyseQuery(`SELECT * WHERE { ?s ${path} ?o }`, BASE, MAX_DEPTH), DATA, EMPTY),
    ).not.toThrow();
    expect(() =>
      forwardQuery(
        analyseQuery(`SELECT * WHERE { ?s ${path}/<http://example.org/p> ?o }`, BASE, MAX_DEPTH),
        DATA,
        EMPTY,
      ),
    ).toThrow(HttpError);
  });
});
