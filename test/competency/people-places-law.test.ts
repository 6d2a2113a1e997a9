// Competency questions on people and posts, places, the 2000 statistics, research objectives and migration law.
import { describe, expect, it } from 'vitest';
import { ask, iri, select } from '../support/dataset.js';

/** The rows of a SELECT as sorted `a | b` strings, for exact set comparison. */
async function pairs(query: string, ...vars: string[]): Promise<string[]> {
  const rows = await select(query);
  return rows.map((row) => vars.map((v) => row[v] ?? '').join(' | ')).sort();
}

describe('people and posts of the Multilateral Processes Division', () => {
  it('lists who works in the MPD and their job titles as printed', async () => {
    const rows = await pairs(
      `SELECT ?name ?title WHERE {
         ?person a foaf:Person ; org:memberOf organisation:multilateral-processes-division ;
                 foaf:name ?name ; schema:jobTitle ?title .
       }`,
      'name',
      'title',
    );
    expect(rows).toEqual(
      [
        'Maurizio Busatti | Head, Multilateral Processes Division',
        'Tamara Keating | Senior Policy and Liaison Officer',
        'David Martineau | Associate Policy Officer, MPD',
        'Neha Sinha | Associate Migration Policy Officer, MPD',
        'Annalisa Pellegrino | Associate Migration Policy Officer, MPD',
      ].sort(),
    );
  });

  it('says who holds the associate migration policy officer post, in both directions', async () => {
    const rows = await pairs(
      `SELECT ?name WHERE {
         post:mpd-associate-migration-policy-officer org:heldBy ?person ; org:postIn organisation:multilateral-processes-division .
         ?person org:holds post:mpd-associate-migration-policy-officer ; foaf:name ?name .
       }`,
      'name',
    );
    expect(rows).toEqual(['Annalisa Pellegrino', 'Neha Sinha']);
  });

  it('lists the posts in the MPD with the number of their holders', async () => {
    const rows = await pairs(
      `SELECT ?label (COUNT(DISTINCT ?person) AS ?holders) WHERE {
         ?post a org:Post ; org:postIn organisation:multilateral-processes-division ; rdfs:label ?label ;
               org:heldBy ?person .
       } GROUP BY ?label`,
      'label',
      'holders',
    );
    expect(rows).toEqual(
      [
        'Head, Multilateral Processes Division | 1',
        'Senior Policy and Liaison Officer | 1',
        'Associate Policy Officer, MPD | 1',
        'Associate Migration Policy Officer, MPD | 2',
      ].sort(),
    );
  });

  it('publishes no e-mail address: no foaf:mbox and no literal containing "@" anywhere', async () => {
    expect(await ask('ASK { ?s foaf:mbox ?o }')).toBe(false);
    expect(await ask('ASK { ?s ?p ?o FILTER(isLiteral(?o) && CONTAINS(STR(?o), "@")) }')).toBe(false);
    const hashes = await select(
      `SELECT ?person WHERE {
         ?person a foaf:Person ; foaf:mbox_sha1sum ?h .
         FILTER(REGEX(STR(?h), "^[0-9a-f]{40}$"))
       }`,
    );
    expect(hashes.map((r) => r.person).sort()).toEqual(
      ['maurizio-busatti', 'tamara-keating', 'david-martineau', 'neha-sinha', 'annalisa-pellegrino']
        .map((slug) => iri(`id/person/${slug}`))
        .sort(),
    );
  });
});

describe('Africa: places and the 2000 distribution of migrants', () => {
  it("gives the shares of Africa's migrants by subregion in 2000", async () => {
    const rows = await pairs(
      `SELECT ?subregion ?percentage WHERE {
         ?obs a mig:MigrantShare ; qb:dataSet statistic:africa-migrants-by-subregion-2000 ;
              mig:refArea place:africa ; mig:year "2000"^^xsd:gYear ;
              mig:subregion ?place ; mig:percentage ?percentage .
         ?place rdfs:label ?subregion .
       }`,
      'subregion',
      'percentage',
    );
    expect(rows).toEqual(
      ['West Africa | 42', 'Eastern Africa | 28', 'Northern Africa | 12', 'Middle and Southern Africa | 9'].sort(),
    );
  });

  it('lists the places contained in Africa', async () => {
    const rows = await select('SELECT ?place WHERE { ?place schema:containedInPlace place:africa }');
    expect(rows.map((r) => r.place).sort()).toEqual(
      ['west-africa', 'eastern-africa', 'northern-africa', 'middle-and-southern-africa', 'sub-saharan-africa']
        .map((slug) => iri(`id/place/${slug}`))
        .sort(),
    );
  });

  it('places Sanremo in Italy and Grand-Saconnex in Switzerland, and nothing else in a country', async () => {
    const rows = await pairs(
      `SELECT ?city ?country WHERE {
         ?c a mig:City ; rdfs:label ?city ; schema:containedInPlace ?k .
         ?k a mig:Country ; rdfs:label ?country .
       }`,
      'city',
      'country',
    );
    expect(rows).toEqual(['Grand-Saconnex | Switzerland', 'Sanremo | Italy']);
  });
});

describe('research', () => {
  it('lists the six research objectives of the Migration Policy Research Division in order', async () => {
    const rows = await select(
      `SELECT ?position ?label WHERE {
         ?o a mig:Objective ; mig:objectiveOf organisation:migration-policy-research-division ;
            skos:inScheme objective:migration-policy-research-division-research-objectives ;
            schema:position ?position ; rdfs:label ?label .
       } ORDER BY ?position`,
    );
    expect(rows.map((r) => `${r.position}. ${r.label}`)).toEqual([
      '1. Inform and shape migration policy agendas',
      '2. Support and strengthen research expertise within the Organization',
      '3. Provide technical expert advice to governments and institutions',
      '4. Monitor and support IOM migration research activities',
      '5. Foster strategic and technical partnerships in migration research',
      '6. Initiate research in strategic areas of interest',
    ]);
  });

  it("lists the topics IOM's research activities encompass", async () => {
    const rows = await select(
      'SELECT ?label WHERE { ?t a mig:Topic ; skos:inScheme topic:iom-research-topics ; rdfs:label ?label }',
    );
    expect(rows.map((r) => r.label).sort()).toEqual(
      [
        'migration trends and data',
        'international migration law',
        'migration and development',
        'health and migration',
        'counter-trafficking',
        'labour migration',
        'trade',
        'remittances',
        'irregular migration',
        'migrant smuggling',
        'integration',
        'return migration',
      ].sort(),
    );
  });
});

describe('migration law', () => {
  it('lists the branches of international law that International Migration Law draws on', async () => {
    const rows = await select(
      `SELECT ?label WHERE {
         instrument:international-migration-law skos:altLabel "IML"@en ; mig:topic ?b .
         ?b skos:inScheme topic:branches-of-international-law ; rdfs:label ?label .
       }`,
    );
    expect(rows.map((r) => r.label).sort()).toEqual(
      ['human rights law', 'humanitarian law', 'labour law', 'refugee law', 'consular law', 'maritime law'].sort(),
    );
  });

  it('lists the annual IML training courses with their place, partner and provider', async () => {
    const rows = await pairs(
      `SELECT ?course ?place ?partner ?provider WHERE {
         ?course a mig:TrainingCourse ; mig:frequency "annual"@en ;
                 schema:location ?place ; mig:inCollaborationWith ?partner ; schema:provider ?provider .
       }`,
      'course',
      'place',
      'partner',
      'provider',
    );
    const unit = iri('id/organisation/international-migration-law-unit');
    expect(rows).toEqual(
      [
        [iri('id/event/iml-training-course-new-york'), iri('id/place/new-york'), iri('id/organisation/unitar'), unit],
        [iri('id/event/iml-training-course-sanremo'), iri('id/place/sanremo'), iri('id/organisation/iihl'), unit],
      ]
        .map((row) => row.join(' | '))
        .sort(),
    );
  });

  it('gives each course the six training seminar topics', async () => {
    const rows = await pairs(
      `SELECT ?course (COUNT(DISTINCT ?t) AS ?n) WHERE {
         ?course a mig:TrainingCourse ; mig:topic ?t . ?t skos:inScheme topic:iml-training-topics .
       } GROUP BY ?course`,
      'course',
      'n',
    );
    expect(rows).toEqual(
      [
        `${iri('id/event/iml-training-course-new-york')} | 6`,
        `${iri('id/event/iml-training-course-sanremo')} | 6`,
      ].sort(),
    );
  });

  it('names the conventions of the global bodies and the body responsible for each', async () => {
    const rows = await pairs(
      'SELECT ?label ?body WHERE { ?i a mig:LegalInstrument ; rdfs:label ?label ; mig:responsibleBody ?body }',
      'label',
      'body',
    );
    expect(rows).toEqual(
      [
        `migrant labour convention | ${iri('id/organisation/ilo')}`,
        `refugee and asylum convention and protocol | ${iri('id/organisation/unhcr')}`,
        `transnational crime convention | ${iri('id/organisation/unodc')}`,
        `protocols on smuggling and trafficking | ${iri('id/organisation/unodc')}`,
      ].sort(),
    );
  });
});
