// The Oxigraph store's lookups: a description with its blank nodes, labels by the label policy.
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTurtleFiles } from '../../../src/dataset/read-turtle.js';

const BASE = 'https://data.test.example/';

async function storeOf(turtle: string) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'memory-store-'));
  const file = path.join(dir, 'data.ttl');
  await writeFile(
    file,
    `@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n@prefix : <${BASE}id/process/> .\n${turtle}`,
  );
  return loadTurtleFiles([file], BASE);
}

describe('MemoryStore.describe', () => {
  it('holds own triples with the blank nodes they reach (nested), inbound triples and the labels of the rest', async () => {
    const store = await storeOf(`
      :p rdfs:label "P"@en ; :has [ :nested [ :points-to :q ] ] .
      :q rdfs:label "Q"@en ; rdfs:label "Q fr"@fr .
      :r rdfs:label "R"@en ; :part-of :p .
      :s rdfs:label "S"@en .`);
    const d = store.describe(`${BASE}id/process/p`);
    expect(d.iri).toBe(`${BASE}id/process/p`);
    // p's label and :has, the first blank node's :nested, the second's :points-to.
    expect(d.own.map((q) => q.predicate.value.replace(/^.*[/#]/, '')).sort()).toEqual([
      'has',
      'label',
      'nested',
      'points-to',
    ]);
    expect(d.inbound.map((q) => q.subject.value)).toEqual([`${BASE}id/process/r`]);
    expect(d.labels.map((q) => `${q.subject.value.slice(-1)} ${q.object.value}`).sort()).toEqual([
      'q Q',
      'q Q fr',
      'r R',
    ]);
  });

  it('describes an IRI the data does not have as empty', async () => {
    const store = await storeOf(':p rdfs:label "P"@en .');
    expect(store.describe(`${BASE}id/process/none`)).toEqual({
      iri: `${BASE}id/process/none`,
      own: [],
      inbound: [],
      labels: [],
    });
  });
});
