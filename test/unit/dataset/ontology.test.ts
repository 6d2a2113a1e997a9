// The ontology is documented: a header with version, licence and creator; every term labelled and explained.
import { DataFactory, Store } from 'n3';
import { describe, expect, it } from 'vitest';
import { DCT, OWL, RDF, RDFS, ontologyNamespace } from '../../../src/rdf/vocab.js';
import { TEST_BASE, loadRealDataset } from '../../support/dataset.js';

const { namedNode } = DataFactory;

async function ontologyStore(): Promise<Store> {
  return new Store((await loadRealDataset()).ontology);
}

describe('the ontology', () => {
  it('has an owl:Ontology header with version, licence and creator', async () => {
    const store = await ontologyStore();
    const header = namedNode(`${TEST_BASE}ontology`);
    expect(store.has(DataFactory.quad(header, namedNode(`${RDF}type`), namedNode(`${OWL}Ontology`)))).toBe(true);
    for (const property of [`${OWL}versionInfo`, `${DCT}license`, `${DCT}creator`, `${RDFS}label`, `${RDFS}comment`]) {
      expect(store.getObjects(header, namedNode(property), null), property).toHaveLength(1);
    }
  });

  it('labels and explains every class and property it mints, in English, and aligns each class', async () => {
    const store = await ontologyStore();
    const mig = ontologyNamespace(TEST_BASE);
    const kinds = [`${OWL}Class`, `${OWL}ObjectProperty`, `${OWL}DatatypeProperty`];
    const terms = kinds.flatMap((kind) => store.getSubjects(namedNode(`${RDF}type`), namedNode(kind), null));
    const ours = terms.filter((t) => t.value.startsWith(mig));
    expect(ours.length).toBeGreaterThan(40);
    const problems: string[] = [];
    for (const term of ours) {
      for (const property of [`${RDFS}label`, `${RDFS}comment`]) {
        const english = store
          .getObjects(term, namedNode(property), null)
          .filter((o) => o.termType === 'Literal' && o.language === 'en');
        if (english.length !== 1) problems.push(`${term.value} has ${english.length} English ${property}`);
      }
      const isClass = store.getObjects(term, namedNode(`${RDF}type`), null).some((t) => t.value === `${OWL}Class`);
      if (isClass && store.getObjects(term, namedNode(`${RDFS}subClassOf`), null).length === 0) {
        problems.push(`${term.value} is not aligned (no rdfs:subClassOf)`);
      }
    }
    expect(problems).toEqual([]);
  });
});
