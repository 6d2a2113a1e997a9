// Relative IRIs in a query resolve against the service base (BASE_IRI, the base of our identifiers),
// as if the query began with BASE <BASE_IRI>; an explicit BASE in the query still wins.
import type { Express } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { realApp } from '../support/app.js';
import { TEST_BASE } from '../support/dataset.js';

const { app }: { app: Express } = await realApp();

const LABEL = 'http://www.w3.org/2000/01/rdf-schema#label';
const BALI = `${TEST_BASE}id/process/bali-process`;

interface Bindings {
  results: { bindings: Array<Record<string, { type: string; value: string }>> };
}

async function select(query: string): Promise<Bindings['results']['bindings']> {
  const res = await request(app)
    .post('/sparql')
    .set('Content-Type', 'application/sparql-query')
    .set('Accept', 'application/sparql-results+json')
    .send(query);
  expect(res.status, res.text).toBe(200);
  return (JSON.parse(res.text) as Bindings).results.bindings;
}

describe('relative IRIs in a query', () => {
  it('resolve against the service base: <id/process/bali-process> is the Bali Process', async () => {
    const rows = await select(`SELECT ?label WHERE { <id/process/bali-process> <${LABEL}> ?label }`);
    expect(rows.map((r) => r.label?.value)).toContain('Bali Process');
  });

  it('resolve in every form and position: ASK, a prefix declared relative, a value in the results', async () => {
    const ask = await request(app)
      .get('/sparql')
      .query({ query: 'PREFIX process: <id/process/> ASK { process:bali-process ?p ?o }' })
      .set('Accept', 'application/sparql-results+json');
    expect(ask.status, ask.text).toBe(200);
    expect((JSON.parse(ask.text) as { boolean: boolean }).boolean).toBe(true);
    const rows = await select('SELECT (<id/process/bali-process> AS ?thing) WHERE {}');
    expect(rows[0]?.thing).toEqual({ type: 'uri', value: BALI });
  });

  it('resolve in CONSTRUCT and DESCRIBE: the graphs name the absolute IRIs', async () => {
    const construct = await request(app)
      .get('/sparql')
      .query({
        query: `CONSTRUCT { <id/process/bali-process> <${LABEL}> ?l } WHERE { <id/process/bali-process> <${LABEL}> ?l }`,
      })
      .set('Accept', 'application/n-triples');
    expect(construct.status, construct.text).toBe(200);
    expect(construct.text).toContain(`<${BALI}> <${LABEL}> "Bali Process"`);
    const describe = await request(app)
      .get('/sparql')
      .query({ query: 'DESCRIBE <id/process/bali-process>' })
      .set('Accept', 'application/n-triples');
    expect(describe.status, describe.text).toBe(200);
    expect(describe.text).toContain(`<${BALI}> <${LABEL}>`);
  });

  it('an explicit BASE in the query still wins', async () => {
    const elsewhere = await select(
      `BASE <http://elsewhere.example/> SELECT ?label WHERE { <id/process/bali-process> <${LABEL}> ?label }`,
    );
    expect(elsewhere).toEqual([]);
    const rows = await select('BASE <http://elsewhere.example/> SELECT (<x> AS ?x) WHERE {}');
    expect(rows[0]?.x?.value).toBe('http://elsewhere.example/x');
    // A relative BASE resolves against the service base, as RFC 3986 resolves any reference.
    const nested = await select(`BASE <id/process/> SELECT ?label WHERE { <bali-process> <${LABEL}> ?label }`);
    expect(nested.map((r) => r.label?.value)).toContain('Bali Process');
  });

  it("syntax errors still point at the client's own line", async () => {
    const res = await request(app)
      .post('/sparql')
      .set('Content-Type', 'application/sparql-query')
      .send('SELECT * WHERE {\n  ?s ?p \n}');
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/line 2\b/);
  });
});
