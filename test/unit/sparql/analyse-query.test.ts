// Query analysis before a query runs: form, DESCRIBE targets, refusals, the same answer when repeated.
import { describe, expect, it } from 'vitest';
import { HttpError } from '../../../src/http/http-error.js';
import { analyseQuery } from '../../../src/sparql/analyse-query.js';

const BASE = 'https://data.test.example/';

function refusal(query: string): HttpError {
  try {
    analyseQuery(query, BASE);
  } catch (error) {
    expect(error).toBeInstanceOf(HttpError);
    return error as HttpError;
  }
  throw new Error(`expected ${query} to be refused`);
}

describe('analyseQuery', () => {
  it('gives the form, and the IRIs a DESCRIBE names (relative ones resolved against the base)', () => {
    expect(analyseQuery('SELECT * WHERE { ?s ?p ?o }', BASE).form).toBe('SELECT');
    expect(analyseQuery('ASK { ?s ?p ?o }', BASE).form).toBe('ASK');
    expect(analyseQuery('DESCRIBE <id/process/bali-process> ?x WHERE { ?x ?p ?o }', BASE)).toEqual({
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

  it('answers a repeated query as the first time, and does not mix up bases', () => {
    const query = 'DESCRIBE <id/process/bali-process>';
    const first = analyseQuery(query, BASE);
    expect(analyseQuery(query, BASE)).toEqual(first);
    expect(analyseQuery(query, 'http://127.0.0.1:8080/').describeIris).toEqual([
      'http://127.0.0.1:8080/id/process/bali-process',
    ]);
  });

  it('keeps answering correctly past the number of queries it remembers', () => {
    for (let i = 0; i < 1200; i++) {
      const analysed = analyseQuery(`DESCRIBE <id/process/p${i}>`, BASE);
      expect(analysed.describeIris).toEqual([`${BASE}id/process/p${i}`]);
    }
    expect(analyseQuery('DESCRIBE <id/process/p0>', BASE).describeIris).toEqual([`${BASE}id/process/p0`]);
  });
});
