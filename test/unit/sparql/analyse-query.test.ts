// Query analysis before a query runs (in the query worker): form, DESCRIBE targets, refusals, nesting depth.
import { describe, expect, it } from 'vitest';
import { HttpError } from '../../../src/errors.js';
import { analyseQuery, clientPositions, withBase } from '../../../src/sparql/analyse-query.js';

const BASE = 'https://data.test.example/';
const MAX_DEPTH = 200;

function refusal(query: string): HttpError {
  try {
    analyseQuery(query, BASE, MAX_DEPTH);
  } catch (error) {
    expect(error).toBeInstanceOf(HttpError);
    return error as HttpError;
  }
  throw new Error(`expected ${query} to be refused`);
}

describe('analyseQuery', () => {
  it('gives the form, and the IRIs a DESCRIBE names (relative ones resolved against the base)', () => {
    expect(analyseQuery('SELECT * WHERE { ?s ?p ?o }', BASE, MAX_DEPTH).form).toBe('SELECT');
    expect(analyseQuery('ASK { ?s ?p ?o }', BASE, MAX_DEPTH).form).toBe('ASK');
    expect(analyseQuery('DESCRIBE <id/process/bali-process> ?x WHERE { ?x ?p ?o }', BASE, MAX_DEPTH)).toMatchObject({
      form: 'DESCRIBE',
      describeIris: [`${BASE}id/process/bali-process`],
      describesVariables: true,
    });
  });

  it.each([
    ['an update', 'INSERT DATA { <a:b> <a:c> <a:d> }', /read-only/],
    ['SERVICE, however deep', 'SELECT * WHERE { OPTIONAL { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } } }', /SERVICE/],
    ['a syntax error', 'SELECT * WHERE { ?s ?p }', /syntax error/],
  ])('refuses %s with 400, the first time and every time after', (_what, query, message) => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const error = refusal(query);
      expect(error.status).toBe(400);
      expect(error.message).toMatch(message);
    }
  });

  it('resolves relative IRIs against the base it is given', () => {
    expect(
      analyseQuery('DESCRIBE <id/process/bali-process>', 'http://127.0.0.1:8080/', MAX_DEPTH).describeIris,
    ).toEqual(['http://127.0.0.1:8080/id/process/bali-process']);
  });

  it('gives the engine the query behind the service base, which an explicit BASE still replaces', () => {
    const query = 'SELECT * WHERE { <id/process/bali-process> ?p ?o }';
    expect(analyseQuery(query, BASE, MAX_DEPTH).text).toBe(`BASE <${BASE}>\n${query}`);
    expect(withBase('BASE <http://other.example/>\nASK {}', BASE)).toBe(
      `BASE <${BASE}>\nBASE <http://other.example/>\nASK {}`,
    );
    expect(analyseQuery('BASE <http://other.example/> DESCRIBE <x>', BASE, MAX_DEPTH).describeIris).toEqual([
      'http://other.example/x',
    ]);
  });

  it("moves the engine's error positions back to the client's lines", () => {
    expect(clientPositions('error at 3:7: expected one of ...')).toBe('error at 2:7: expected one of ...');
    expect(clientPositions('error at 2:1-2:9: bad')).toBe('error at 1:1-1:9: bad');
    expect(clientPositions('no position 3:4')).toBe('no position 3:4');
  });

  const nested = (n: number, open: string, close: string, inner: string): string =>
    `SELECT * WHERE { ?s ?p ?o FILTER(${open.repeat(n)}${inner}${close.repeat(n)}) }`;
  it.each([
    ['brackets nested deeper than the limit', nested(201, '(', ')', '1'), /brackets reach 201 levels; at most 200/],
    ['10,000 nested groups', `SELECT * WHERE ${'{'.repeat(10_000)}${'}'.repeat(10_000)}`, /brackets reach 201 levels/],
    [
      'a chain of 300 UNIONs',
      `SELECT * WHERE { ${Array(300).fill('{ ?s ?p ?o }').join(' UNION ')} }`,
      /patterns and operators/,
    ],
    [
      'a chain of 300 ||',
      `SELECT * WHERE { ?s ?p ?o FILTER(${Array(300).fill('?o').join(' || ')}) }`,
      /patterns and operators/,
    ],
    [
      '300 OPTIONALs in a row',
      `SELECT * WHERE { ?s ?p ?o ${Array(300).fill('OPTIONAL { ?s ?p ?o }').join(' ')} }`,
      /patterns and operators/,
    ],
    [
      'a property path of 300 steps',
      `SELECT * WHERE { ?s ${Array(300).fill('<a:p>').join('/')} ?o }`,
      /patterns and operators/,
    ],
  ])('refuses %s with 400 and a message saying so', (_what, query, message) => {
    const error = refusal(query);
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/too deeply nested/);
    expect(error.message).toMatch(message);
  });

  it.each([
    ['brackets at the limit', nested(198, '(', ')', '1')],
    [
      'brackets inside IRIs, strings and comments',
      `SELECT * WHERE { ?s <a:${'('.repeat(300)}> ?o FILTER(?o != "${'{'.repeat(300)}" && ?o != '''${'['.repeat(300)}''') } # ${'('.repeat(300)}`,
    ],
    ['a long IN list (data, not nesting)', `ASK { ?s ?p ?o FILTER(?o IN (${Array(1000).fill('1').join(', ')})) }`],
    ['a long VALUES block', `SELECT * WHERE { VALUES ?x { ${Array(1000).fill('1').join(' ')} } }`],
    ['CONCAT of many arguments', `SELECT (CONCAT(${Array(300).fill('"a"').join(', ')}) AS ?x) WHERE {}`],
  ])('accepts %s', (_what, query) => {
    expect(() => analyseQuery(query, BASE, MAX_DEPTH)).not.toThrow();
  });
});
