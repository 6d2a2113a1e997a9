// SHACL-SPARQL run by Oxigraph: one query per constraint for all focus nodes, and the rules that makes.
import { DataFactory, type Quad } from 'n3';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DatasetError } from '../../../src/dataset/errors.js';
import { loadDataset, type LoadedDataset } from '../../../src/dataset/load.js';
import { parseTurtle } from '../../../src/dataset/read-turtle.js';
import { compileSparqlQuery } from '../../../src/dataset/shacl-sparql.js';
import { validateDataset } from '../../../src/dataset/validate.js';
import { MemoryStore } from '../../../src/oxigraph/memory-store.js';
import { ROOT, TEST_BASE } from '../../support/dataset.js';

let real: LoadedDataset;
beforeAll(async () => {
  real = await loadDataset({ root: ROOT, baseIri: TEST_BASE });
});

const PREFIXES = `@prefix person: <id/person/> . @prefix section: <id/section/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dct: <http://purl.org/dc/terms/> .`;

/** People, each described as the shapes require, with an extra line each. */
function people(count: number, extra: (i: number) => string): Quad[] {
  const lines = Array.from(
    { length: count },
    (_, i) =>
      `person:p${i} a foaf:Person ; rdfs:label "Person ${i}"@en ; foaf:name "Person ${i}" ; dct:source section:migration-research ; ${extra(i)} .`,
  );
  return parseTurtle(`${PREFIXES}\n${lines.join('\n')}`, 'people.ttl', TEST_BASE).quads;
}

/** Validates the real data plus some quads, counting the SPARQL queries Oxigraph answers. */
async function validate(extra: Quad[]) {
  const data = [...real.data, ...extra];
  const store = MemoryStore.fromDataset({ ...real, data });
  const select = vi.spyOn(store, 'select');
  const outcome = await validateDataset({ ...real, data }, store);
  return { outcome, queries: select.mock.calls.length };
}

describe('SPARQL-based constraints over Oxigraph', () => {
  it('reports every focus node that breaks a constraint, with one query per target and constraint', async () => {
    const few = await validate(people(3, (i) => `rdfs:comment "write to p${i}@example.org"@en`));
    const many = await validate(people(60, (i) => `rdfs:comment "write to p${i}@example.org"@en`));
    const emailIssues = (o: typeof few.outcome) => o.issues.filter((i) => i.message.includes('e-mail address'));
    expect(emailIssues(few.outcome).map((i) => i.focusNode)).toHaveLength(3);
    expect(
      emailIssues(many.outcome)
        .map((i) => i.focusNode)
        .sort(),
    ).toEqual(Array.from({ length: 60 }, (_, i) => `${TEST_BASE}id/person/p${i}`).sort());
    expect(emailIssues(many.outcome)[0]?.value).toMatch(/@example\.org/);
    // The same handful of queries (two SPARQL targets, two constraints) for 3 people or 60.
    expect(many.queries).toBe(few.queries);
    expect(many.queries).toBeLessThanOrEqual(4);
  });

  it('reports a dangling link on the resource that holds it, with the property as path', async () => {
    const { outcome } = await validate(people(2, (i) => (i === 1 ? 'foaf:knows person:nobody' : 'foaf:name "P"')));
    const dangling = outcome.issues.filter((i) => i.constraint === 'SPARQLConstraintComponent');
    expect(dangling).toEqual([
      expect.objectContaining({
        focusNode: `${TEST_BASE}id/person/p1`,
        path: 'http://xmlns.com/foaf/0.1/knows',
        value: `${TEST_BASE}id/person/nobody`,
      }),
    ]);
  });

  it('refuses data where a SPARQL-based shape selects a blank node, instead of skipping it', async () => {
    const data = [
      ...people(1, () => 'foaf:name "P"'),
      DataFactory.quad(
        DataFactory.blankNode('someone'),
        DataFactory.namedNode('http://www.w3.org/2000/01/rdf-schema#comment'),
        DataFactory.literal('mail me at someone@example.org'),
      ),
    ];
    await expect(validate(data)).rejects.toThrow(DatasetError);
    await expect(validate(data)).rejects.toThrow(/blank node/);
  });
});

describe('compileSparqlQuery', () => {
  it('adds the prefixes and replaces $PATH', () => {
    const query = compileSparqlQuery(
      'SELECT $this ?value WHERE { $this $PATH ?value }',
      ['PREFIX ex: <http://example.org/>'],
      '<http://example.org/p>/^<http://example.org/q>',
      'ex:Shape',
    );
    expect(query).toBe(
      'PREFIX ex: <http://example.org/>\nSELECT $this ?value WHERE { $this <http://example.org/p>/^<http://example.org/q> ?value }',
    );
  });

  it.each([
    ['does not select $this', 'SELECT ?value WHERE { $this ?p ?value }'],
    ['uses $this in a sub-select', 'SELECT $this WHERE { { SELECT ?x WHERE { $this ?p ?x } } }'],
    ['uses $this in MINUS', 'SELECT $this WHERE { ?x ?p ?y MINUS { $this ?q ?y } }'],
  ])('refuses a constraint that %s, naming the shape', (_why, select) => {
    expect(() => compileSparqlQuery(select, [], '', 'ex:Shape')).toThrow(/ex:Shape must select \$this/);
  });

  it('accepts SELECT * and the constraints the shapes use', () => {
    expect(() => compileSparqlQuery('SELECT * WHERE { $this ?p ?o }', [], '', 's')).not.toThrow();
    expect(() =>
      compileSparqlQuery(
        'SELECT $this ?path ?value WHERE { $this ?path ?value . FILTER NOT EXISTS { ?value a ?t } }',
        [],
        '',
        's',
      ),
    ).not.toThrow();
  });
});
