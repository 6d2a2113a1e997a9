// The example files under queries/: their header is read strictly, and a malformed file fails with its name.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseExample, readExamples, sparqlExamples } from '../../../src/sparql/examples.js';

const GOOD = '# id: a-b\n# title: T\n# question: Q?\n# prefixes: rdfs mig\n\nSELECT * WHERE { ?s ?p ?o }\n';

describe('SPARQL example files', () => {
  it('reads the header and the body, and writes the PREFIX lines for the base', () => {
    const parsed = parseExample('01-a-b.rq', GOOD);
    expect(parsed).toMatchObject({ id: 'a-b', title: 'T', question: 'Q?', prefixes: ['rdfs', 'mig'] });
    expect(parsed.body).toBe('SELECT * WHERE { ?s ?p ?o }');
  });

  it('every file of queries/ is well formed, with a distinct id', () => {
    const examples = sparqlExamples('http://x/');
    expect(examples.length).toBeGreaterThan(0);
    expect(new Set(examples.map((e) => e.id)).size).toBe(examples.length);
  });

  it.each([
    ['a missing header line', GOOD.replace('# question: Q?\n', ''), /01-a-b\.rq: missing header line # question:/],
    ['an unknown header', GOOD.replace('# title: T', '# titel: T'), /01-a-b\.rq: unknown header titel:/],
    ['an id other than the file name', GOOD.replace('# id: a-b', '# id: c'), /01-a-b\.rq: header id: c/],
    [
      'no blank line after the header',
      GOOD.replace('\n\n', '\n'),
      /01-a-b\.rq: no blank line between the header and the query/,
    ],
    ['an empty query', GOOD.replace(/\n\n[^]*$/, '\n\n\n'), /01-a-b\.rq: the query is empty/],
  ])('fails naming the file on %s', (_what, text, message) => {
    expect(() => parseExample('01-a-b.rq', text)).toThrow(message);
  });

  it('fails naming the file on an unknown prefix or a badly named file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'examples-'));
    writeFileSync(path.join(dir, '01-a-b.rq'), GOOD.replace('rdfs mig', 'rdfs nope'));
    expect(() => readExamples(dir)).toThrow(/01-a-b\.rq: unknown prefix nope:/);
    expect(() => parseExample('a-b.rq', GOOD)).toThrow(/a-b\.rq: the file name is not NN-<id>\.rq/);
  });
});
