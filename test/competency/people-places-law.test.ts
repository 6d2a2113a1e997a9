// Competency questions on people and posts, places, the 2000 statistics, research objectives and migration law.
import { describe, expect, it } from 'vitest';
import { ask, iri, select } from '../support/dataset.js';

/** The rows of a SELECT as sorted `a | b` strings, for exact set comparison. */
async function pairs(query: string, ...vars: string[]): Promise<string[]> {
  const rows = await select(query);
  return rows.map((row) => vars.map((v) => row[v] ?? '').join(' | ')).sort();
}

describe("IOM's contact address", () => {
  it("is a postal address with the footer's words as printed and in their parts", async () => {
    const rows = await pairs(
      `SELECT ?printed ?street ?code ?locality ?country WHERE {
         organisation:iom schema:address ?address .
         ?address a schema:PostalAddress ; rdfs:label ?printed ; schema:streetAddress ?street ;
                  schema:postalCode ?code ; schema:addressLocality ?locality ; schema:addressCountry ?country .
       }`,
      'printed',
      'street',
      'code',
      'locality',
      'country',
    );
    expect(rows).toEqual([
      '17 Route des Morillons 1218 Grand-Saconnex Switzerland | 17 Route des Morillons | 1218 | Grand-Saconnex | Switzerland',
    ]);
  });
});

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
      "1. Contributing to IOM's efforts to inform and shape migration policy agendas through policy-oriented research.",
      '2. Supporting and strengthening research expertise within the Organization; providing technical support and guidance to field offices and departments at headquaters in developing (and implementing) research projects; and reviewing final reports/research/studies for publication.',
      '3. Providing technical expert advice to governments and institutions; supporting efforts to enhance research capacities of governments and other bodies in order to contribute to sound policy-making.',
      '4. Monitoring and supporting IOM migration research activities, and contributing to the knowledge base through gathering lessons learned and identifying best practices in activities related to migration research.',
      '5. Identifying, promoting and fostering strategic and technical partnerships globally in the area of migration research.',
      "6. Initiating research/studies in strategic areas of interest designed to enhance and improve IOM's programme delivery.",
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

  it('gives each course, and the seminars on request, the six training seminar topics', async () => {
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
        `${iri('id/event/iml-training-seminars-at-regional-or-country-level')} | 6`,
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

/** The rows of a SELECT as sorted `a | b` strings, our IRIs shortened to their slugs. */
async function short(query: string, ...vars: string[]): Promise<string[]> {
  const rows = await select(query);
  const slug = (value: string): string => value.replace(/^.*\/id\/[a-z]+\//, '');
  return rows.map((row) => vars.map((v) => slug(row[v] ?? '')).join(' | ')).sort();
}

describe('one pattern per question: organisations, people and migration law', () => {
  it("who heads each unit: org:headOf, the same person as the holder of the unit's head post", async () => {
    expect(await short('SELECT ?person ?unit WHERE { ?person org:headOf ?unit }', 'person', 'unit')).toEqual([
      'maurizio-busatti | multilateral-processes-division',
    ]);
    const rows = await short(
      `SELECT ?person ?post WHERE {
         ?person org:headOf ?unit ; org:holds ?post .
         ?post org:postIn ?unit ; org:heldBy ?person .
       }`,
      'person',
      'post',
    );
    expect(rows).toEqual(['maurizio-busatti | head-multilateral-processes-division']);
  });

  it('who holds which post in which unit', async () => {
    const rows = await short(
      `SELECT ?person ?post ?unit WHERE {
         ?post a org:Post ; org:postIn ?unit ; org:heldBy ?person .
         ?person org:holds ?post .
       }`,
      'person',
      'post',
      'unit',
    );
    expect(rows).toEqual(
      [
        'maurizio-busatti | head-multilateral-processes-division | multilateral-processes-division',
        'tamara-keating | mpd-senior-policy-and-liaison-officer | multilateral-processes-division',
        'david-martineau | mpd-associate-policy-officer | multilateral-processes-division',
        'neha-sinha | mpd-associate-migration-policy-officer | multilateral-processes-division',
        'annalisa-pellegrino | mpd-associate-migration-policy-officer | multilateral-processes-division',
      ].sort(),
    );
  });

  it('what each unit of IOM works on, by relation', async () => {
    const rows = await short(
      `SELECT ?unit ?relation ?thing WHERE {
         VALUES ?relation { mig:worksOn mig:encompasses mig:initialFocus mig:involvedInDevelopmentOf mig:holdsMeetingsOf }
         ?unit org:unitOf+ organisation:iom ; ?relation ?thing .
       }`,
      'unit',
      'relation',
      'thing',
    );
    const mig = (local: string) => `${iri('ontology#')}${local}`;
    expect(rows).toEqual(
      [
        `multilateral-processes-division | ${mig('initialFocus')} | 2030-agenda-for-sustainable-development`,
        `multilateral-processes-division | ${mig('worksOn')} | sustainable-development-goals`,
        `multilateral-processes-division | ${mig('involvedInDevelopmentOf')} | migration-governance-index`,
        ...[
          '2030-agenda-for-sustainable-development',
          'gfmd',
          'addis-ababa-action-agenda',
          'habitat-iii',
          'new-york-declaration-on-refugees-and-migrants',
          'grand-bargain',
        ].map((p) => `multilateral-processes-division | ${mig('encompasses')} | ${p}`),
        `international-partnerships-division | ${mig('holdsMeetingsOf')} | global-rcp-meetings`,
        `international-migration-law-unit | ${mig('worksOn')} | international-migration-law`,
      ].sort(),
    );
  });

  it('keeps mig:worksOn for "work on" only: no body responsible for a convention "works on" it', async () => {
    expect(await ask('ASK { ?instrument mig:responsibleBody ?body . ?body mig:worksOn ?instrument }')).toBe(false);
    expect(
      await short(
        'SELECT ?body WHERE { organisation:steering-committee-for-the-promotion-of-the-ratification-of-the-un-migrant-workers-convention mig:promotesRatificationOf ?body }',
        'body',
      ),
    ).toEqual(['un-migrant-workers-convention']);
  });

  it('keeps "collaborates with", "works closely with" and "advises" apart', async () => {
    const rows = await short(
      `SELECT ?p ?body WHERE {
         VALUES ?p { mig:collaboratesWith mig:worksCloselyWith mig:advises }
         organisation:iom ?p ?body .
       }`,
      'p',
      'body',
    );
    const mig = (local: string) => `${iri('ontology#')}${local}`;
    expect(rows).toEqual(
      [
        `${mig('collaboratesWith')} | human-rights-treaty-monitoring-bodies`,
        `${mig('collaboratesWith')} | committee-on-migrant-workers`,
        `${mig('collaboratesWith')} | cedaw`,
        `${mig('collaboratesWith')} | special-procedures-of-the-human-rights-council`,
        `${mig('worksCloselyWith')} | un-special-rapporteur-on-the-human-rights-of-migrants`,
        `${mig('advises')} | european-court-of-human-rights`,
        `${mig('advises')} | inter-american-court-of-human-rights`,
        `${mig('advises')} | human-rights-council`,
      ].sort(),
    );
  });

  it("finds the department under the page's other spelling", async () => {
    const rows = await short(
      `SELECT ?d WHERE {
         ?d a mig:Department ; skos:altLabel "Department for International Cooperation and Partnerships"@en ;
            rdfs:label "Department of International Cooperation and Partnerships"@en .
       }`,
      'd',
    );
    expect(rows).toEqual(['department-of-international-cooperation-and-partnerships']);
  });

  it("lists IOM's memberships with their start year, and the body's other members", async () => {
    const rows = await short(
      `SELECT ?body ?since ?role WHERE {
         ?m a org:Membership ; org:member organisation:iom ; org:organization ?body ; org:role ?role ;
            schema:startDate ?since .
       }`,
      'body',
      'since',
      'role',
    );
    expect(rows).toEqual([
      'steering-committee-for-the-promotion-of-the-ratification-of-the-un-migrant-workers-convention | 1998 | participant',
    ]);
    const typed = await select(
      'SELECT ?since WHERE { engagement:iom-participant-steering-committee-for-the-promotion-of schema:startDate ?since FILTER(DATATYPE(?since) = xsd:gYear) }',
    );
    expect(typed.map((r) => r.since)).toEqual(['1998']);
    const members = await short(
      `SELECT ?other WHERE {
         engagement:iom-participant-steering-committee-for-the-promotion-of org:organization ?body .
         ?body org:hasMember ?other FILTER(?other != organisation:iom)
       }`,
      'other',
    );
    expect(members).toEqual(['ilo', 'ohchr', 'unesco']);
  });

  it('gives "more than 65 years" of operational experience as a typed lower bound', async () => {
    const rows = await select(
      `SELECT ?years WHERE { organisation:iom mig:operationalExperienceMoreThanYears ?years FILTER(DATATYPE(?years) = xsd:integer) }`,
    );
    expect(rows.map((r) => r.years)).toEqual(['65']);
  });

  it("gives IOM's two strategic priorities in migration policy, one complementing the other", async () => {
    const rows = await short(
      `SELECT ?a ?b WHERE {
         ?a skos:inScheme objective:iom-strategic-priorities-in-migration-policy ; mig:objectiveOf organisation:iom ;
            mig:complementsAndEnhances ?b .
         ?b skos:inScheme objective:iom-strategic-priorities-in-migration-policy .
       }`,
      'a',
      'b',
    );
    expect(rows).toEqual([
      'iom-increased-dialogue-between-migration-stakeholders | iom-strengthen-governmental-capacity-to-manage-migration-flows',
    ]);
    const levels = await select(
      'SELECT ?level WHERE { objective:iom-increased-dialogue-between-migration-stakeholders mig:level ?level }',
    );
    expect(levels.map((r) => r.level).sort()).toEqual(['bilateral', 'global', 'regional']);
  });

  it('lists the training courses and seminars with place, partner and frequency', async () => {
    const rows = await short(
      `SELECT ?course ?place ?partner ?frequency WHERE {
         ?course a mig:TrainingCourse ; schema:provider organisation:international-migration-law-unit ;
                 mig:frequency ?frequency .
         OPTIONAL { ?course schema:location ?place }
         OPTIONAL { ?course mig:inCollaborationWith ?partner }
       }`,
      'course',
      'place',
      'partner',
      'frequency',
    );
    expect(rows).toEqual(
      [
        'iml-training-course-sanremo | sanremo | iihl | annual',
        'iml-training-course-new-york | new-york | unitar | annual',
        'iml-training-seminars-at-regional-or-country-level |  |  | upon request',
      ].sort(),
    );
    const levels = await select(
      'SELECT ?level WHERE { event:iml-training-seminars-at-regional-or-country-level mig:level ?level }',
    );
    expect(levels.map((r) => r.level).sort()).toEqual(['country', 'regional']);
  });

  it("lists IOM's Objectives on migration law in order, with how often training is done and what it is pursued through", async () => {
    const rows = await select(
      `SELECT ?position ?label WHERE {
         ?o a mig:Objective ; skos:inScheme objective:iom-objectives-on-international-migration-law ;
            mig:objectiveOf organisation:iom ; schema:position ?position ; rdfs:label ?label .
       } ORDER BY ?position`,
    );
    expect(rows.map((r) => `${r.position}. ${r.label}`)).toEqual([
      '1. Training',
      '2. Research',
      '3. Direct Assistance to States and to Human Rights Mechanisms',
    ]);
    const frequency = await select('SELECT ?f WHERE { objective:iom-iml-training mig:frequency ?f }');
    expect(frequency.map((r) => r.f).sort()).toEqual(['on a regular basis', 'on request']);
    expect(await short('SELECT ?c WHERE { objective:iom-iml-training mig:pursuedThrough ?c }', 'c')).toEqual(
      [
        'iml-training-course-new-york',
        'iml-training-course-sanremo',
        'iml-training-seminars-at-regional-or-country-level',
      ].sort(),
    );
  });

  it('lists what IOM and its IML Unit do on migration law, and for whom', async () => {
    const rows = await short(
      `SELECT ?who ?activity WHERE {
         ?activity a mig:Project ; prov:wasAssociatedWith ?who ; dct:source section:migration-law .
       }`,
      'who',
      'activity',
    );
    expect(rows).toEqual(
      [
        'iom | iom-increasing-knowledge-and-acceptance-of-legal-instruments',
        'iom | iom-assistance-to-states-on-policies-conforming-to-iml',
        'iom | iom-consolidation-of-iml-information',
        'iom | iom-dissemination-of-iml-information',
        'iom | iom-training-programme',
        'international-migration-law-unit | iml-unit-consultations-with-governments-on-migration-legislation',
        'international-migration-law-unit | iml-unit-training-and-capacity-building',
        'international-migration-law-unit | iml-unit-assistance-with-migration-legislation',
        'international-migration-law-unit | iml-unit-advice-on-ratification',
        'international-migration-law-unit | iml-unit-legal-consultancy-and-revision-of-legislation',
        'international-migration-law-unit | iml-unit-advice-to-other-actors',
      ].sort(),
    );
    const audiences = await select(
      'SELECT ?label WHERE { project:iom-dissemination-of-iml-information mig:audience ?a . ?a rdfs:label ?label }',
    );
    expect(audiences.map((r) => r.label).sort()).toEqual(
      ['academics', 'government policy makers', 'International Organizations', 'Non-Governmental Organizations'].sort(),
    );
    const participants = await select(
      'SELECT ?label WHERE { project:iom-training-programme mig:participantsInclude ?g . ?g rdfs:label ?label }',
    );
    expect(participants.map((r) => r.label).sort()).toEqual(
      ['government officials', 'International Organizations', 'Non-Governmental Organizations'].sort(),
    );
    expect(await short('SELECT ?m WHERE { project:iom-consolidation-of-iml-information mig:means ?m }', 'm')).toEqual([
      'migration-law-database',
    ]);
  });

  it("gives the Unit's objective and the activities that aim at it", async () => {
    const rows = await short(
      `SELECT ?activity WHERE {
         ?objective mig:objectiveOf organisation:international-migration-law-unit .
         ?activity mig:aimsAt ?objective ; prov:wasAssociatedWith organisation:international-migration-law-unit .
       }`,
      'activity',
    );
    expect(rows).toEqual(
      [
        'iml-unit-assistance-with-migration-legislation',
        'iml-unit-advice-on-ratification',
        'iml-unit-legal-consultancy-and-revision-of-legislation',
      ].sort(),
    );
    const label = await select(
      'SELECT ?l WHERE { objective:iml-unit-strengthen-capacity-of-governments rdfs:label ?l }',
    );
    expect(label.map((r) => r.l)).toEqual([
      'strengthen the capacity of governments to govern migration more effectively and consistent with the rule of law',
    ]);
  });

  it("defines International Migration Law in the page's words and says IOM established the IML Unit", async () => {
    const rows = await select(
      'SELECT ?d WHERE { instrument:international-migration-law skos:definition ?d ; dct:source section:migration-law }',
    );
    expect(rows.map((r) => r.d)).toEqual([
      'International Migration Law (IML), which is the international legal framework governing migration, is not covered by any one legal instrument or norm. Instead, IML is an umbrella term covering a variety of principles and rules that together regulate the international obligations of States with regard to migrants.',
    ]);
    expect(
      await ask(
        'ASK { organisation:international-migration-law-unit schema:founder organisation:iom ; org:unitOf organisation:iom }',
      ),
    ).toBe(true);
  });
});
