// The dataset description over the real data, without workers: VoID class and property partitions
// with their counts, each partition an IRI under BASE/dataset# (no blank nodes), in every format.
import { Parser, type Quad } from 'n3';
import { beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../src/oxigraph/memory-store.js';
import { formatById } from '../../../src/rdf/formats.js';
import { RDF, VOID } from '../../../src/rdf/vocab.js';
import { datasetDocument } from '../../../src/render/pages/dataset.js';
import { type PageContext } from '../../../src/render/pages/page-context.js';
import { TEST_BASE } from '../../support/dataset.js';
import { realPageContext } from '../../support/page-context.js';

let ctx: PageContext;
let store: MemoryStore;
let quads: Quad[];

beforeAll(async () => {
  ({ ctx, store } = await realPageContext());
  const turtle = (await datasetDocument(ctx, formatById('turtle'))).body.toString('utf8');
  quads = new Parser({ format: 'text/turtle', baseIRI: TEST_BASE }).parse(turtle);
});

const mig = `${TEST_BASE}ontology#`;
const dataset = `${TEST_BASE}dataset`;
const objects = (s: string, p: string): string[] =>
  quads.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object.value);
const count = (query: string): number => Number(store.select(query)[0]?.n?.value);

describe('the VoID partitions of the dataset', () => {
  it('has a class partition per class, with the instances the store counts', () => {
    const partitions = objects(dataset, `${VOID}classPartition`);
    expect(partitions).toContain(`${dataset}#class-Engagement`);
    expect(objects(`${dataset}#class-Engagement`, `${VOID}class`)).toEqual([`${mig}Engagement`]);
    expect(objects(`${dataset}#class-Engagement`, `${VOID}entities`)).toEqual([
      String(count(`SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a <${mig}Engagement> }`)),
    ]);
    // Other vocabularies' classes are named by prefix: #class-org-Organization.
    expect(partitions).toContain(`${dataset}#class-skos-Concept`);
  });

  it('has a property partition per property, with its triples; the partitions add up to the whole', () => {
    const partitions = objects(dataset, `${VOID}propertyPartition`);
    expect(partitions).toContain(`${dataset}#property-rdfs-label`);
    const label = `${dataset}#property-rdfs-label`;
    expect(objects(label, `${VOID}property`)).toEqual(['http://www.w3.org/2000/01/rdf-schema#label']);
    const triples = partitions.reduce((sum, p) => sum + Number(objects(p, `${VOID}triples`)[0]), 0);
    expect(triples).toBe(store.size);
    expect(objects(label, `${RDF}type`)).toEqual([`${VOID}Dataset`]);
  });

  it('names every partition with an IRI, never a blank node', () => {
    expect(quads.some((q) => q.subject.termType === 'BlankNode' || q.object.termType === 'BlankNode')).toBe(false);
  });

  it('lists the partitions on the HTML page, our terms linked to the ontology page', async () => {
    const html = (await datasetDocument(ctx, formatById('html'))).body.toString('utf8');
    expect(html).toContain('<tr id="class-Engagement">');
    expect(html).toContain(`<a href="${TEST_BASE}ontology#Engagement">mig:Engagement</a>`);
    expect(html).toContain('<tr id="property-rdfs-label">');
  });
});
