// The schema.org descriptions embedded in HTML pages: every type and property exists in schema.org
// (as published in the schema-dts type declarations, not a list kept here), fits the type it is used
// on, and the JSON written into a <script> block can never end the block.
import { DataFactory, Store } from 'n3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LoadedDataset } from '../../../src/dataset/load.js';
import { OWL, RDF, ontologyNamespace } from '../../../src/rdf/vocab.js';
import {
  describeForSearchEngines,
  schemaTypeOf,
  scriptSafeJson,
  type SchemaNode,
} from '../../../src/render/schema-org.js';
import { buildThingIndex, type ThingIndex } from '../../../src/resolve/thing-index.js';
import { MemoryStore } from '../../../src/oxigraph/memory-store.js';
import { readRelations } from '../../../src/render/resource/relations.js';
import { OxigraphReads } from '../../../src/store/embedded-store.js';
import { TEST_BASE, loadRealDataset } from '../../support/dataset.js';
import { readSchemaVocabulary, type SchemaVocabulary } from '../../support/schema-vocabulary.js';

// ----- schema.org, read from schema-dts ------------------------------------------------------

/** Every problem of a schema.org node: unknown types, unknown properties, properties outside their type. */
function vocabularyProblems(vocabulary: SchemaVocabulary, value: unknown, where = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => vocabularyProblems(vocabulary, v, `${where}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  const node = value as Record<string, unknown>;
  const problems: string[] = [];
  const types = node['@type'] === undefined ? [] : ([] as unknown[]).concat(node['@type']);
  for (const type of types) {
    if (typeof type !== 'string' || !vocabulary.types.has(type))
      problems.push(`${where}: unknown type ${String(type)}`);
  }
  for (const [key, child] of Object.entries(node)) {
    if (key.startsWith('@')) continue;
    if (!vocabulary.properties.has(key)) problems.push(`${where}: unknown property ${key}`);
    else if (
      types.length > 0 &&
      !types.some((t) => typeof t === 'string' && vocabulary.propertiesOf(t).has(key)) &&
      !rolePattern(types, key, where)
    ) {
      problems.push(`${where}: ${key} does not apply to ${types.join(', ')}`);
    }
    problems.push(...vocabularyProblems(vocabulary, child, `${where}.${key}`));
  }
  return problems;
}

/**
 * schema.org's Role pattern (https://schema.org/Role): a role node stands between a thing and the
 * value of one of its properties and repeats that property (IOM memberOf an OrganizationRole whose
 * memberOf is the process). Only that property, and only inside a Role type.
 */
function rolePattern(types: unknown[], key: string, where: string): boolean {
  const parentKey = /\.(\w+)(?:\[\d+\])?$/.exec(where)?.[1];
  return key === parentKey && types.some((t) => typeof t === 'string' && /Role$/.test(t));
}

// ----- tests -----------------------------------------------------------------------------------

describe('the schema.org vocabulary read from schema-dts', () => {
  const vocabulary = readSchemaVocabulary();

  it('holds the whole vocabulary, with inherited properties', () => {
    expect(vocabulary.types.size).toBeGreaterThan(500);
    expect(vocabulary.properties.size).toBeGreaterThan(1000);
    for (const type of [
      'Thing',
      'Person',
      'Organization',
      'GovernmentOrganization',
      'Event',
      'Report',
      'CreativeWorkSeries',
      'Dataset',
    ]) {
      expect(vocabulary.types.has(type), type).toBe(true);
    }
    expect(vocabulary.propertiesOf('Person').has('jobTitle')).toBe(true);
    expect(vocabulary.propertiesOf('Person').has('name')).toBe(true); // from Thing
    expect(vocabulary.propertiesOf('Report').has('isPartOf')).toBe(true); // from CreativeWork
    expect(vocabulary.propertiesOf('GovernmentOrganization').has('parentOrganization')).toBe(true);
    expect(vocabulary.propertiesOf('Organization').has('jobTitle')).toBe(false);
    expect(vocabulary.types.has('Persn')).toBe(false);
    expect(vocabulary.properties.has('jobTitel')).toBe(false);
  });
});

describe('schemaTypeOf', () => {
  const vocabulary = readSchemaVocabulary();
  let dataset: LoadedDataset;
  beforeAll(async () => {
    dataset = await loadRealDataset();
  });

  it('maps every class of the ontology to a schema.org type', () => {
    const mig = ontologyNamespace(TEST_BASE);
    const classes = new Store(dataset.ontology)
      .getSubjects(DataFactory.namedNode(`${RDF}type`), DataFactory.namedNode(`${OWL}Class`), null)
      .map((c) => c.value)
      .filter((c) => c.startsWith(mig));
    expect(classes.length).toBeGreaterThan(10);
    const unknown = classes.filter((c) => !vocabulary.types.has(schemaTypeOf([c], TEST_BASE)));
    expect(unknown).toEqual([]);
  });

  it('takes the first type that maps and falls back to DefinedTerm', () => {
    const mig = ontologyNamespace(TEST_BASE);
    expect(schemaTypeOf(['http://example.org/Unknown', `${mig}DialogueEdition`], TEST_BASE)).toBe('Event');
    expect(schemaTypeOf(['http://example.org/Unknown'], TEST_BASE)).toBe('DefinedTerm');
    expect(schemaTypeOf([], TEST_BASE)).toBe('DefinedTerm');
    expect(schemaTypeOf(['http://xmlns.com/foaf/0.1/Person'], TEST_BASE)).toBe('Person');
    // A class of the same local name under another base is not ours.
    expect(schemaTypeOf(['http://other.example/ontology#DialogueEdition'], TEST_BASE)).toBe('DefinedTerm');
  });
});

describe('describeForSearchEngines over the real data', () => {
  const vocabulary = readSchemaVocabulary();
  let store: MemoryStore;
  let index: ThingIndex;
  const mig = ontologyNamespace(TEST_BASE);
  const describe_ = (iri: string): SchemaNode => describeForSearchEngines(store.describe(iri), TEST_BASE);
  const things = (type: string): string[] =>
    [...index.things.values()].filter((t) => t.types.includes(type)).map((t) => t.iri);

  beforeAll(async () => {
    store = MemoryStore.fromDataset(await loadRealDataset());
    index = await buildThingIndex(store, TEST_BASE);
  });

  it('describes every thing with schema.org types and properties that fit', () => {
    expect(index.things.size).toBeGreaterThan(50);
    const problems = [...index.things.values()].flatMap((thing) =>
      vocabularyProblems(vocabulary, describe_(thing.iri)).map((p) => `${thing.iri} ${p}`),
    );
    expect(problems).toEqual([]);
  });

  it('names the thing, its IRI and its canonical page', () => {
    for (const thing of index.things.values()) {
      const node = describe_(thing.iri);
      expect(node['@context']).toBe('https://schema.org');
      expect(node['@id']).toBe(thing.iri);
      expect(node.url).toBe(`${TEST_BASE}doc/${thing.collection}/${thing.slug}`);
      expect(node.name).toBe(thing.label);
      expect(typeof node['@type']).toBe('string');
    }
  });

  it('describes people as Person with their job title', () => {
    const people = things('http://xmlns.com/foaf/0.1/Person');
    expect(people.length).toBeGreaterThan(0);
    let withTitle = 0;
    for (const person of people) {
      const node = describe_(person);
      expect(node['@type']).toBe('Person');
      const titles = store.objects(DataFactory.namedNode(person), 'http://schema.org/jobTitle').map((t) => t.value);
      if (titles.length > 0) {
        withTitle++;
        expect(([] as unknown[]).concat(node.jobTitle)).toEqual(titles);
      }
    }
    expect(withTitle).toBeGreaterThan(0);
  });

  it('describes IDM editions as Event with their year as start date', () => {
    const editions = things(`${mig}DialogueEdition`);
    expect(editions.length).toBeGreaterThanOrEqual(19);
    for (const edition of editions) {
      const node = describe_(edition);
      expect(node['@type']).toBe('Event');
      const year = store.objects(DataFactory.namedNode(edition), `${mig}year`)[0]?.value;
      if (year) expect(node.startDate).toBe(year);
    }
  });

  it('describes World Migration Report editions as Report, part of the series (a CreativeWorkSeries)', () => {
    const series = `${TEST_BASE}id/publication/world-migration-report`;
    expect(describe_(series)['@type']).toBe('CreativeWorkSeries');
    const editions = [...index.things.values()]
      .filter((t) => store.objects(DataFactory.namedNode(t.iri), `${mig}inSeries`).some((s) => s.value === series))
      .map((t) => t.iri);
    expect(editions.length).toBeGreaterThan(0);
    for (const edition of editions) {
      const node = describe_(edition);
      expect(node['@type']).toBe('Report');
      const parts = ([] as unknown[]).concat(node.isPartOf) as SchemaNode[];
      expect(parts.map((p) => p['@id'])).toContain(series);
      expect(parts.find((p) => p['@id'] === series)?.url).toBe(`${TEST_BASE}doc/publication/world-migration-report`);
    }
  });

  it('describes IOM as a (government) organisation', () => {
    const node = describe_(`${TEST_BASE}id/organisation/iom`);
    expect(['GovernmentOrganization', 'Organization']).toContain(node['@type']);
    expect(node.name).toBe('International Organization for Migration');
    expect(node.alternateName).toBe('IOM');
  });
});

describe('describeForSearchEngines with the relations the resource page reads', () => {
  const vocabulary = readSchemaVocabulary();
  let reads: OxigraphReads;
  const node = async (relative: string): Promise<SchemaNode> => {
    const description = await reads.describe(`${TEST_BASE}${relative}`);
    return describeForSearchEngines(description, TEST_BASE, await readRelations(reads, description, TEST_BASE));
  };
  beforeAll(async () => {
    reads = new OxigraphReads(MemoryStore.fromDataset(await loadRealDataset()));
  });

  it('describes an engagement as an OrganizationRole with its role name and the sentence of the page', async () => {
    const role = await node('id/engagement/iom-technical-secretariat-bali-process');
    expect(role['@type']).toBe('OrganizationRole');
    expect(role.roleName).toBe('technical secretariat');
    expect(role.description).toMatch(/technical secretariat, together with/);
    const dated = await node('id/engagement/iom-participant-steering-committee-for-the-promotion-of');
    expect(dated.startDate).toBe('1998');
    expect(vocabularyProblems(vocabulary, role)).toEqual([]);
  });

  it("gives IOM its engagements as memberOf roles and the Bali Process its members' roles", async () => {
    const iom = await node('id/organisation/iom');
    const memberOf = ([] as SchemaNode[]).concat(iom.memberOf as SchemaNode[]);
    expect(memberOf.length).toBeGreaterThanOrEqual(35);
    const bali = memberOf.find((r) => r['@id'] === `${TEST_BASE}id/engagement/iom-technical-secretariat-bali-process`);
    expect(bali).toMatchObject({ '@type': 'OrganizationRole', roleName: 'technical secretariat' });
    expect(([] as SchemaNode[]).concat(bali?.memberOf as SchemaNode).map((b) => b['@id'])).toContain(
      `${TEST_BASE}id/process/bali-process`,
    );
    const process = await node('id/process/bali-process');
    const members = ([] as SchemaNode[]).concat(process.member as SchemaNode[]);
    expect(members.some((m) => m.roleName === 'technical secretariat')).toBe(true);
    expect(vocabularyProblems(vocabulary, iom)).toEqual([]);
    expect(vocabularyProblems(vocabulary, process)).toEqual([]);
  });

  it('describes a share as an Observation (value in percent, date, about the subregion), editions with their organizer and sessions with their super-event', async () => {
    const share = await node('id/statistic/africa-migrants-2000-west-africa');
    expect(share).toMatchObject({ '@type': 'Observation', value: 42, unitText: 'percent', observationDate: '2000' });
    expect((share.observationAbout as SchemaNode)['@id']).toBe(`${TEST_BASE}id/place/west-africa`);
    expect(typeof share.description).toBe('string');
    const edition = await node('id/event/idm-2010');
    expect((edition.organizer as SchemaNode)['@id']).toBe(`${TEST_BASE}id/process/international-dialogue-on-migration`);
    const session = await node('id/event/idm-2019-youth-and-migration');
    expect((session.superEvent as SchemaNode)['@id']).toBe(`${TEST_BASE}id/event/idm-2019`);
    for (const n of [share, edition, session]) expect(vocabularyProblems(vocabulary, n)).toEqual([]);
  });
});

describe('scriptSafeJson', () => {
  const hostile = [
    '</script><script>alert(1)</script>',
    '<!-- comment',
    'end -->',
    ']]>',
    '"quotes" and \'apostrophes\'',
    'line\u2028separator and paragraph\u2029separator',
    '&amp; &lt; &',
    '</SCRIPT >',
    'back\\slash',
    'tab\tnew\nline',
    'emoji 🌍 and lone \ud800 surrogate',
  ];

  it('round-trips through a strict JSON.parse', () => {
    const value = {
      '@context': 'https://schema.org',
      name: hostile.join(' '),
      list: hostile,
      nested: { text: hostile },
    };
    expect(JSON.parse(scriptSafeJson(value))).toEqual(value);
    for (const text of hostile) expect(JSON.parse(scriptSafeJson(text))).toBe(text);
  });

  it('writes no character that could end the script, open a comment or break a line in old parsers', () => {
    const json = scriptSafeJson({ list: hostile });
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(json.toLowerCase()).not.toContain('</script');
    expect(json).not.toContain('<!--');
    expect(json).not.toContain('-->');
  });

  it('leaves ordinary text readable', () => {
    expect(scriptSafeJson({ name: 'Bali Process' })).toBe('{\n  "name": "Bali Process"\n}');
  });
});
