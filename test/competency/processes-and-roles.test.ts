// Competency questions on inter-state consultation mechanisms, IOM's roles in them and IOM's structure.
import { describe, expect, it } from 'vitest';
import { iri, select } from '../support/dataset.js';

/** The values of `variable` in a SELECT, as slugs under `id/{collection}/`, sorted. */
async function slugs(query: string, variable: string, collection: string): Promise<string[]> {
  const prefix = iri(`id/${collection}/`);
  const rows = await select(query);
  return rows.map((row) => (row[variable] ?? '').replace(prefix, '')).sort();
}

/** The rows of a SELECT as sorted `a | b` strings, our IRIs shortened to their slugs. */
async function pairs(query: string, ...vars: string[]): Promise<string[]> {
  const rows = await select(query);
  const short = (value: string): string => value.replace(/^.*\/id\/[a-z]+\//, '');
  return rows.map((row) => vars.map((v) => short(row[v] ?? '')).join(' | ')).sort();
}

/** The processes IOM engages in with one role. */
function byRole(role: string): string {
  return `SELECT DISTINCT ?process WHERE {
    ?e a mig:Engagement ; org:member organisation:iom ; org:role role:${role} ; org:organization ?process .
  }`;
}

const OBSERVED = [
  'budapest-process',
  'igad-rcp',
  'midwa',
  'puebla-process',
  'sacm',
  '5-plus-5-dialogue',
  'asia-eu-dialogue-on-labour-migration',
  'afml',
  'eu-lac-bi-regional-dialogue-on-migration',
  'fibemyd',
  'intra-regional-forum-on-migration-in-africa',
  'khartoum-process',
  'mtm',
  'rabat-process',
  'tripoli-process',
  'gfmd',
  'un-hld-on-international-migration-and-development',
];

describe("IOM's roles in inter-state consultation mechanisms", () => {
  it('lists the ISCMs IOM serves as technical secretariat for, with its partners', async () => {
    const rows = await pairs(
      `SELECT ?process ?partner WHERE {
         ?e org:member organisation:iom ; org:role role:technical-secretariat ; org:organization ?process .
         OPTIONAL { ?e mig:togetherWith ?partner }
       }`,
      'process',
      'partner',
    );
    expect(rows).toEqual(
      [
        'almaty-process | unhcr',
        'colombo-process | ',
        'midsa | southern-african-migration-programme',
        'puebla-process | ',
        'sacm | ',
        'asia-eu-dialogue-on-labour-migration | ',
        'bali-process | unhcr',
        'intra-regional-forum-on-migration-in-africa | ',
        'international-dialogue-on-migration | ',
        'global-rcp-meetings | ',
      ].sort(),
    );
  });

  it('lists the 17 ISCMs IOM is an observer to', async () => {
    const observed = await slugs(byRole('observer'), 'process', 'process');
    expect(observed).toHaveLength(17);
    expect(observed).toEqual([...OBSERVED].sort());
  });

  it('lists the processes with own secretariats IOM supports, and the bodies it consults', async () => {
    const rows = await pairs(
      `SELECT ?process ?body WHERE {
         ?e org:member organisation:iom ; org:role role:secretariat-support ; org:organization ?process .
         OPTIONAL { ?e mig:inConsultationWith ?body }
       }`,
      'process',
      'body',
    );
    expect(rows).toEqual(
      [
        'igad-rcp | igad-secretariat',
        'igad-rcp | auc',
        '5-plus-5-dialogue | 5-plus-5-dialogue-chair-in-office',
        'midcas | eccas',
        'midcom | comesa',
        'midwa | ecowas',
        '5-plus-5-dialogue | pam-secretariat',
        'acp-eu-dialogue-on-migration | acp-secretariat',
        'acp-eu-dialogue-on-migration | ec',
        'eu-lac-bi-regional-dialogue-on-migration | ',
      ].sort(),
    );
  });

  it('says through what and together with whom IOM gives secretariat support', async () => {
    const rows = await pairs(
      `SELECT ?process ?how ?other WHERE {
         ?e org:member organisation:iom ; org:role role:secretariat-support ; org:organization ?process .
         { ?e mig:through ?other BIND("through" AS ?how) } UNION { ?e mig:togetherWith ?other BIND("together with" AS ?how) }
       }`,
      'process',
      'how',
      'other',
    );
    expect(rows).toEqual([
      'acp-eu-dialogue-on-migration | through | acp-eu-migration-action',
      'eu-lac-bi-regional-dialogue-on-migration | together with | fiiapp',
    ]);
  });

  it('lists the ISCMs where IOM is a participant', async () => {
    expect(await slugs(byRole('participant'), 'process', 'process')).toEqual(['bali-process-steering-group', 'igc']);
  });

  it('says what IOM leads and what it coordinates', async () => {
    const rows = await pairs(
      `SELECT ?role ?process WHERE {
         ?e org:member organisation:iom ; org:role ?role ; org:organization ?process .
         VALUES ?role { role:lead role:coordinator }
       }`,
      'role',
      'process',
    );
    expect(rows).toEqual(['coordinator | global-rcp-meetings', 'lead | international-dialogue-on-migration']);
  });

  it('lists what IOM administratively hosts, and the process each secretariat serves', async () => {
    const rows = await pairs(
      `SELECT ?secretariat ?label ?process WHERE {
         ?e org:member organisation:iom ; org:role role:administrative-host ; org:organization ?secretariat .
         ?secretariat a mig:Secretariat ; rdfs:label ?label .
         ?process mig:hasSecretariat ?secretariat .
       }`,
      'secretariat',
      'label',
      'process',
    );
    expect(rows).toEqual(['gfmd-support-unit | GFMD Support Unit | gfmd', 'igc-secretariat | IGC secretariat | igc']);
  });

  it('lists the processes IOM both observes and serves as (technical or supporting) secretariat', async () => {
    const both = await slugs(
      `SELECT DISTINCT ?process WHERE {
         ?o org:member organisation:iom ; org:role role:observer ; org:organization ?process .
         ?s org:member organisation:iom ; org:role ?secretariatRole ; org:organization ?process .
         VALUES ?secretariatRole { role:technical-secretariat role:secretariat-support }
       }`,
      'process',
      'process',
    );
    expect(both).toEqual(
      [
        'puebla-process',
        'sacm',
        'asia-eu-dialogue-on-labour-migration',
        'intra-regional-forum-on-migration-in-africa',
        'igad-rcp',
        'midwa',
        '5-plus-5-dialogue',
        'eu-lac-bi-regional-dialogue-on-migration',
      ].sort(),
    );
  });

  it('finds the processes IOM observes while hosting their secretariat', async () => {
    const rows = await slugs(
      `SELECT DISTINCT ?process WHERE {
         ?o org:member organisation:iom ; org:role role:observer ; org:organization ?process .
         ?process mig:hasSecretariat ?secretariat .
         ?h org:member organisation:iom ; org:role role:administrative-host ; org:organization ?secretariat .
       }`,
      'process',
      'process',
    );
    expect(rows).toEqual(['gfmd']);
  });

  it('gives each engagement one English label, a role of the scheme and the participation section as source', async () => {
    const rows = await select(
      `SELECT ?e (COUNT(DISTINCT ?label) AS ?labels) WHERE {
         ?e a mig:Engagement ; rdfs:label ?label ; org:role ?role ; dct:source section:iscm-iom-participation .
         ?role a mig:Role ; skos:inScheme role:iom-roles-in-processes .
         FILTER(LANG(?label) = "en")
       } GROUP BY ?e`,
    );
    expect(rows).toHaveLength(2 + 1 + 1 + 17 + 10 + 7 + 2);
    expect(new Set(rows.map((r) => r['labels']))).toEqual(new Set(['1']));
  });

  it('labels the observer engagement of the Budapest Process as the page reads', async () => {
    const rows = await select(`SELECT ?label WHERE { engagement:iom-observer-budapest-process rdfs:label ?label }`);
    expect(rows.map((r) => r['label'])).toEqual(['IOM as observer of the Budapest Process']);
  });
});

describe('the role scheme', () => {
  it('has the nine roles IOM can hold (the focal point section adds partner and provider of technical expertise)', async () => {
    const rows = await pairs(
      `SELECT ?role ?label WHERE {
         ?role a mig:Role ; skos:inScheme role:iom-roles-in-processes ; skos:prefLabel ?label .
       }`,
      'role',
      'label',
    );
    expect(rows).toEqual(
      [
        'participant | participant',
        'observer | observer',
        'technical-secretariat | technical secretariat',
        'secretariat-support | secretariat support',
        'administrative-host | administrative host',
        'lead | lead',
        'coordinator | coordinator',
        'partner | partner',
        'provider-of-technical-expertise | provider of technical expertise',
      ].sort(),
    );
  });
});

describe('kinds of processes', () => {
  it('lists the global processes on migration', async () => {
    const rows = await slugs(`SELECT ?process WHERE { ?process a mig:GlobalProcess }`, 'process', 'process');
    expect(rows).toEqual(
      [
        'iom-plenary-consultations-and-discussions-on-migration',
        'global-rcp-meetings',
        'un-hld-on-international-migration-and-development',
        'gfmd',
        'targeted-migration-consultations-in-global-bodies',
      ].sort(),
    );
  });

  it('lists the global bodies that hold targeted migration consultations, with the instruments they cover', async () => {
    const rows = await pairs(
      `SELECT ?body ?instrument WHERE {
         process:targeted-migration-consultations-in-global-bodies dct:relation ?body .
         ?instrument mig:responsibleBody ?body .
       }`,
      'body',
      'instrument',
    );
    expect(rows).toEqual(
      [
        'ilo | migrant-labour-convention',
        'unhcr | refugee-and-asylum-convention-and-protocol',
        'unodc | transnational-crime-convention',
        'unodc | protocols-on-smuggling-and-trafficking',
      ].sort(),
    );
  });

  it('lists the multilateral processes the Multilateral Processes Division encompasses', async () => {
    const rows = await pairs(
      `SELECT ?process ?label WHERE {
         organisation:multilateral-processes-division mig:encompasses ?process .
         ?process a mig:MultilateralProcess ; rdfs:label ?label .
       }`,
      'process',
      'label',
    );
    expect(rows).toEqual(
      [
        '2030-agenda-for-sustainable-development | 2030 Agenda for Sustainable Development',
        'gfmd | Global Forum on Migration and Development',
        'addis-ababa-action-agenda | Addis Ababa Action Agenda',
        'habitat-iii | Habitat III',
        'new-york-declaration-on-refugees-and-migrants | New York Declaration on Refugees and Migrants',
        'grand-bargain | Grand Bargain',
      ].sort(),
    );
  });

  it('types every process IOM engages in as an inter-state consultation mechanism', async () => {
    const rows = await slugs(
      `SELECT DISTINCT ?process WHERE {
         ?e org:member organisation:iom ; org:organization ?process .
         ?process a mig:Process .
         FILTER NOT EXISTS { ?process a mig:InterStateConsultationMechanism }
       }`,
      'process',
      'process',
    );
    expect(rows).toEqual([]);
  });

  it('records the Bali Process Steering group as part of the Bali Process', async () => {
    const rows = await slugs(
      `SELECT ?whole WHERE { process:bali-process-steering-group dct:isPartOf ?whole }`,
      'whole',
      'process',
    );
    expect(rows).toEqual(['bali-process']);
  });
});

describe("IOM's structure", () => {
  it('walks up from the Multilateral Processes Division to IOM', async () => {
    const rows = await pairs(
      `SELECT ?department ?top WHERE {
         organisation:multilateral-processes-division org:unitOf ?department .
         ?department a mig:Department ; org:unitOf ?top .
         ?top org:hasUnit ?department .
         ?department org:hasUnit organisation:multilateral-processes-division .
       }`,
      'department',
      'top',
    );
    expect(rows).toEqual(['department-of-international-cooperation-and-partnerships | iom']);
  });

  it('lists the divisions of the Department of International Cooperation and Partnerships', async () => {
    const rows = await slugs(
      `SELECT ?division WHERE {
         ?division a mig:Division ; org:unitOf organisation:department-of-international-cooperation-and-partnerships .
       }`,
      'division',
      'organisation',
    );
    expect(rows).toEqual(['migration-policy-research-division', 'multilateral-processes-division']);
  });

  it('lists the units IOM has directly', async () => {
    const rows = await slugs(`SELECT ?unit WHERE { organisation:iom org:hasUnit ?unit }`, 'unit', 'organisation');
    expect(rows).toEqual(
      [
        'department-of-international-cooperation-and-partnerships',
        'international-partnerships-division',
        'international-migration-law-unit',
        'iom-council',
        'iom-manila-administrative-centre',
        'iom-panama-administrative-centre',
      ].sort(),
    );
  });

  it('lists the units based at IOM Headquarters', async () => {
    const rows = await slugs(
      `SELECT ?unit WHERE { ?unit org:unitOf+ organisation:iom ; org:hasSite place:iom-headquarters }`,
      'unit',
      'organisation',
    );
    expect(rows).toEqual(['international-partnerships-division', 'migration-policy-research-division']);
  });

  it('lists the members of the Steering Committee for the ratification of the UN Migrant Workers Convention', async () => {
    const rows = await slugs(
      `SELECT ?member WHERE {
         organisation:steering-committee-for-the-promotion-of-the-ratification-of-the-un-migrant-workers-convention
           org:hasMember ?member .
       }`,
      'member',
      'organisation',
    );
    expect(rows).toEqual(['ilo', 'iom', 'ohchr', 'unesco']);
  });

  it('lists the bodies IOM collaborates with, works closely with and advises, one property per verb', async () => {
    const rows = await pairs(
      `SELECT ?relation ?body WHERE {
         organisation:iom ?p ?body .
         VALUES (?p ?relation) {
           (mig:collaboratesWith "collaborates with") (mig:worksCloselyWith "works closely with") (mig:advises "advises")
         }
       }`,
      'relation',
      'body',
    );
    expect(rows).toEqual(
      [
        'collaborates with | human-rights-treaty-monitoring-bodies',
        'collaborates with | committee-on-migrant-workers',
        'collaborates with | cedaw',
        'collaborates with | special-procedures-of-the-human-rights-council',
        'works closely with | un-special-rapporteur-on-the-human-rights-of-migrants',
        'advises | european-court-of-human-rights',
        'advises | inter-american-court-of-human-rights',
        'advises | human-rights-council',
      ].sort(),
    );
  });
});

describe('one pattern per question: processes and IOM\'s roles', () => {
  /** Every role IOM has in one process: one triple pattern through mig:forProcess. */
  function rolesIn(process: string): Promise<string[]> {
    return pairs(
      `SELECT ?role ?what WHERE {
         ?e a mig:Engagement ; org:member organisation:iom ; mig:forProcess process:${process} ;
            org:role ?role ; org:organization ?what .
       }`,
      'role',
      'what',
    );
  }

  it('gives every engagement exactly one process it serves', async () => {
    const rows = await select(
      `SELECT ?e (COUNT(DISTINCT ?p) AS ?n) WHERE {
         ?e a mig:Engagement .
         OPTIONAL { ?e mig:forProcess ?p . ?p a ?kind . ?kind rdfs:subClassOf* mig:Process }
       } GROUP BY ?e`,
    );
    expect(rows).toHaveLength(40);
    expect(new Set(rows.map((r) => r['n']))).toEqual(new Set(['1']));
  });

  it('answers every role IOM has in the GFMD with one pattern: observer, and host of its Support Unit', async () => {
    expect(await rolesIn('gfmd')).toEqual(['administrative-host | gfmd-support-unit', 'observer | gfmd']);
  });

  it('answers every role IOM has in the Bali Process: participant in its Steering group, technical secretariat', async () => {
    expect(await rolesIn('bali-process')).toEqual([
      'participant | bali-process-steering-group',
      'technical-secretariat | bali-process',
    ]);
  });

  it('answers every role IOM has in IGC: participant, and host of the IGC secretariat', async () => {
    expect(await rolesIn('igc')).toEqual(['administrative-host | igc-secretariat', 'participant | igc']);
  });

  it('gives the partners and bodies consulted of a role, the Chair in office of the 5+5 Dialogue among them', async () => {
    const rows = await pairs(
      `SELECT ?how ?other WHERE {
         ?e org:member organisation:iom ; mig:forProcess process:5-plus-5-dialogue ; org:role role:secretariat-support .
         { ?e mig:togetherWith ?other BIND("together with" AS ?how) }
         UNION { ?e mig:inConsultationWith ?other BIND("in consultation with" AS ?how) }
         UNION { ?e mig:through ?other BIND("through" AS ?how) }
       }`,
      'how',
      'other',
    );
    expect(rows).toEqual([
      'in consultation with | 5-plus-5-dialogue-chair-in-office',
      'in consultation with | pam-secretariat',
    ]);
    const chair = await pairs(
      `SELECT ?label ?process WHERE { post:5-plus-5-dialogue-chair-in-office a org:Post ; rdfs:label ?label ; org:postIn ?process }`,
      'label',
      'process',
    );
    expect(chair).toEqual(['Chair in office | 5-plus-5-dialogue']);
  });

  it('lists IOM\'s secretariat roles by process (technical secretariat, secretariat support, administrative host)', async () => {
    const rows = await pairs(
      `SELECT ?process ?role WHERE {
         ?e org:member organisation:iom ; org:role ?role ; mig:forProcess ?process .
         VALUES ?role { role:technical-secretariat role:secretariat-support role:administrative-host }
       }`,
      'process',
      'role',
    );
    expect(rows).toHaveLength(10 + 7 + 2);
    expect(rows.filter((r) => r.startsWith('gfmd') || r.startsWith('igc '))).toEqual([
      'gfmd | administrative-host',
      'igc | administrative-host',
    ]);
  });

  it('lists the processes of each kind the page states', async () => {
    const rows = await pairs(
      `SELECT ?kind ?process WHERE {
         VALUES ?kind { mig:RegionalConsultativeProcess mig:InterRegionalForum mig:MultilateralProcess }
         ?process a ?kind .
       }`,
      'kind',
      'process',
    );
    const kinds = rows.map((r) => r.replace(/^.*#/, ''));
    expect(kinds.filter((k) => k.startsWith('RegionalConsultativeProcess'))).toEqual(['RegionalConsultativeProcess | igad-rcp']);
    expect(kinds.filter((k) => k.startsWith('InterRegionalForum'))).toEqual([]);
    expect(kinds.filter((k) => k.startsWith('MultilateralProcess'))).toHaveLength(6);
  });

  it('gives the page\'s own definitions of the four kinds, verbatim, with their sections', async () => {
    const rows = await pairs(
      `SELECT ?kind ?section WHERE {
         VALUES ?kind { mig:InterStateConsultationMechanism mig:RegionalConsultativeProcess mig:InterRegionalForum mig:GlobalProcess }
         ?kind skos:definition ?d ; dct:source ?section .
         FILTER(STRSTARTS(STR(?section), STR(section:)))
         FILTER(CONTAINS(?d, " are "))
       }`,
      'kind',
      'section',
    );
    expect(rows.map((r) => r.replace(/^.*#/, ''))).toEqual(
      [
        'InterStateConsultationMechanism | inter-state-consultation-mechanisms',
        'InterStateConsultationMechanism | iscm-research',
        'RegionalConsultativeProcess | iscm-regional-consultative-processes',
        'InterRegionalForum | iscm-inter-regional-forums',
        'GlobalProcess | iscm-global-processes',
        'GlobalProcess | inter-state-consultation-mechanisms',
      ].sort(),
    );
    const [isc] = await select(`SELECT ?d WHERE { mig:InterStateConsultationMechanism skos:definition ?d }`);
    expect(isc?.['d']).toBe(
      'Inter-State Consultation Mechanisms on migration (ISCM) are state-led, restricted, ongoing information-sharing and policy dialogue forums at the regional, inter-regional or global level for those States with an interest in promoting cooperation in the field of migration.',
    );
  });

  it('links the research on ISCMs (MRS 3, 38, 45) to the kind they study', async () => {
    const rows = await slugs(
      `SELECT ?pub WHERE { mig:InterStateConsultationMechanism schema:subjectOf ?pub . ?pub mig:inSeries publication:migration-research-series }`,
      'pub',
      'publication',
    );
    expect(rows).toEqual(['migration-research-series-3', 'migration-research-series-38', 'migration-research-series-45']);
  });

  it('lists the aims of IOM\'s engagement in ISCMs in the page\'s order', async () => {
    const rows = await select(
      `SELECT ?label WHERE {
         ?o skos:inScheme objective:aims-of-iom-engagement-in-iscms ; mig:objectiveOf organisation:iom ;
            rdfs:label ?label ; schema:position ?n .
       } ORDER BY ?n`,
    );
    expect(rows.map((r) => r['label'])).toEqual([
      'providing evidence-based technical support',
      'informing and influencing policy-making in the field of migration governance',
      'advancing multi-lateral understanding and action on migration issues',
      'contributing to practical solutions to contemporary migration challenges',
    ]);
  });
});

describe('one pattern per question: Africa and the Middle East', () => {
  it('gives the 2000 shares of Africa\'s migrants by subregion, largest first', async () => {
    const rows = await pairs(
      `SELECT ?subregion ?pct WHERE {
         ?obs a mig:MigrantShare ; qb:dataSet statistic:africa-migrants-by-subregion-2000 ;
              mig:refArea place:africa ; mig:year "2000"^^xsd:gYear ; mig:subregion ?subregion ; mig:percentage ?pct .
       }`,
      'subregion',
      'pct',
    );
    expect(rows).toEqual(
      ['west-africa | 42', 'eastern-africa | 28', 'northern-africa | 12', 'middle-and-southern-africa | 9'].sort(),
    );
  });

  it('gives the outflows from Sub-Saharan Africa, their destinations and main destination', async () => {
    const rows = await pairs(
      `SELECT ?flow ?to ?main WHERE {
         ?flow a mig:MigrationFlow ; mig:origin place:sub-saharan-africa ; mig:destination ?to .
         BIND(EXISTS { ?flow mig:mainDestination ?to } AS ?main)
       }`,
      'flow',
      'to',
      'main',
    );
    expect(rows).toEqual(
      [
        'sub-saharan-africa-intercontinental-outflows | western-europe | true',
        'sub-saharan-africa-intercontinental-outflows | north-america | false',
        'sub-saharan-africa-intercontinental-outflows | arab-region | false',
        'sub-saharan-africa-unskilled-labour-migrants | europe | false',
        'sub-saharan-africa-unskilled-labour-migrants | north-america | false',
        'sub-saharan-africa-unskilled-labour-migrants | middle-east | false',
      ].sort(),
    );
    const group = await pairs(
      `SELECT ?flow ?group ?size WHERE { ?flow mig:migrantGroup ?group ; mig:magnitude ?size ; dct:isPartOf ?whole }`,
      'flow',
      'group',
      'size',
    );
    expect(group).toEqual(['sub-saharan-africa-unskilled-labour-migrants | unskilled-labour-migrants | significant numbers']);
  });

  it('lists the matters migration in Africa has a major impact on, and its long-term implications', async () => {
    const rows = await pairs(
      `SELECT ?how ?label WHERE {
         { place:africa mig:impactOn ?t BIND("impact" AS ?how) } UNION { place:africa mig:longTermImplicationsOn ?t BIND("long-term" AS ?how) }
         ?t rdfs:label ?label .
       }`,
      'how',
      'label',
    );
    expect(rows).toEqual(
      [
        'impact | irregular migration',
        'impact | HIV/AIDS and other communicable diseases',
        'impact | smuggling and trafficking of women and children',
        'impact | management and protection of refugees and other vulnerable groups',
        'impact | ethnic conflicts',
        'impact | border management',
        'long-term | national, regional and international security',
      ].sort(),
    );
  });

  it('lists the kinds of migration Africa experiences, and why border regions are unstable and migrate', async () => {
    const kinds = await slugs(`SELECT ?k WHERE { place:africa mig:migrationKind ?k }`, 'k', 'topic');
    expect(kinds).toEqual(
      [
        'voluntary-migratory-movements',
        'forced-migratory-movements',
        'internal-migratory-movements',
        'rural-urban-migration',
        'cross-border-migration',
        'regional-migration',
        'out-of-africa-migration',
      ].sort(),
    );
    const causes = await pairs(
      `SELECT ?why ?cause WHERE {
         VALUES (?p ?why) { (mig:causeOfInstability "instability") (mig:causeOfMigration "migration") }
         place:border-regions ?p ?cause .
       }`,
      'why',
      'cause',
    );
    expect(causes).toEqual(
      [
        'instability | war',
        'instability | ethnic-fighting',
        'instability | drought',
        'migration | cross-border-economic-activity',
        'migration | pastoralist-traditions',
      ].sort(),
    );
  });

  it('says what cross-border migration is for, what globalization does, and the expected increase', async () => {
    const rows = await pairs(
      `SELECT ?p ?o WHERE {
         VALUES ?s { topic:cross-border-migration topic:globalization-process }
         ?s ?p ?o .
         VALUES ?p { mig:sourceOf mig:copingStrategyFor mig:keyToForecasting mig:facilitatesMovement mig:facilitatedThrough }
       }`,
      'p',
      'o',
    );
    expect(rows.map((r) => r.replace(/^.*#/, ''))).toEqual(
      [
        'sourceOf | livelihoods',
        'copingStrategyFor | ecological-and-economic-downturns',
        'keyToForecasting | humanitarian-disasters',
        'facilitatesMovement | africa',
        'facilitatedThrough | regional-integration',
      ].sort(),
    );
    const trend = await select(
      `SELECT ?change (GROUP_CONCAT(?kind; separator=",") AS ?kinds) WHERE {
         ?t a mig:MigrationTrend ; dct:spatial place:africa ; mig:expectedChange ?change ; mig:implicationKind ?kind .
       } GROUP BY ?change`,
    );
    expect(trend.map((r) => [r['change'], (r['kinds'] ?? '').split(',').sort()])).toEqual([
      ['increase', ['economic', 'environmental', 'political', 'social']],
    ]);
  });
});
