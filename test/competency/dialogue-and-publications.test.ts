// Competency questions on the International Dialogue on Migration and IOM's publications.
import { describe, expect, it } from 'vitest';
import { iri, select } from '../support/dataset.js';

const byFirst = (a: string[], b: string[]): number => (a[0] ?? '').localeCompare(b[0] ?? '');

describe('International Dialogue on Migration', () => {
  it('which yearly editions of the IDM does the page list?', async () => {
    const rows = await select(`
      SELECT ?edition ?year WHERE {
        ?edition a mig:DialogueEdition ;
          mig:editionOf process:international-dialogue-on-migration ;
          mig:year ?year .
      }`);
    const years = rows.map((r) => r.year ?? '').sort();
    const expected = Array.from({ length: 19 }, (_, i) => String(2001 + i));
    expect(years).toEqual(expected);
    expect(rows.map((r) => r.edition).sort()).toEqual(expected.map((y) => iri(`id/event/idm-${y}`)).sort());
  });

  it('what was the overarching theme of each year that has a theme heading?', async () => {
    const rows = await select(`
      SELECT ?year ?theme WHERE {
        ?edition mig:editionOf process:international-dialogue-on-migration ;
          mig:year ?year ;
          mig:theme ?theme .
      }`);
    expect(rows.map((r) => [r.year ?? '', r.theme ?? '']).sort(byFirst)).toEqual([
      ['2003', 'Migration in a Globalized World'],
      ['2004', 'Valuing Migration'],
      ['2005', 'Towards Policy Coherence on Migration'],
      ['2006', 'Partnerships in Migration'],
      ['2007', 'Migration Management in the Evolving Global Economy'],
      ['2008', 'Return Migration: Challenges and Opportunities'],
      ['2009', 'Human Rights and Migration: Working Together for Safe, Dignified and Secure Migration'],
      ['2010', 'Migration and Social Change'],
      ['2011', 'The Future of Migration: Building Capacities for Change'],
      ['2012', 'Managing Migration in Crisis Situations'],
      ['2014', 'Human Mobility and Development: Emerging Trends and New Opportunities for Partnerships'],
      ['2016', 'Follow-up and Review of Migration in the Sustainable Development Goals (SDGs)'],
      [
        '2017',
        'Strengthening international cooperation on and governance of migration towards the adoption of a global compact on migration in 2018',
      ],
    ]);
  });

  it('which editions have no theme heading on the page?', async () => {
    const rows = await select(`
      SELECT ?year WHERE {
        ?edition mig:editionOf process:international-dialogue-on-migration ; mig:year ?year .
        FILTER NOT EXISTS { ?edition mig:theme ?theme }
      }`);
    expect(rows.map((r) => r.year).sort()).toEqual(['2001', '2002', '2013', '2015', '2018', '2019']);
  });

  it('which sessions were held under the IDM 2012?', async () => {
    const rows = await select(`
      SELECT ?title WHERE { ?session mig:sessionOf event:idm-2012 ; rdfs:label ?title . }`);
    expect(rows.map((r) => r.title).sort()).toEqual([
      'Migrants in Times of Crisis: An Emerging Protection Challenge',
      'Moving to Safety: Migration Consequences of Complex Crises',
      'Protecting Migrants During Times of Crisis: Immediate Responses and Sustainable Strategies',
    ]);
  });

  it('in which years did the IDM hold a session at the IOM Council, under which printed title?', async () => {
    const rows = await select(`
      SELECT ?year ?title ?session WHERE {
        ?session a mig:CouncilSession ;
          mig:atBody organisation:iom-council ;
          mig:sessionOf ?edition ;
          rdfs:label ?title .
        ?edition mig:year ?year .
      }`);
    expect(rows.map((r) => [r.year ?? '', r.title ?? '']).sort(byFirst)).toEqual([
      ['2001', 'IDM at the IOM Council: Migration Challenges for the 21st Century'],
      ['2002', 'IDM at the IOM Council: Selected Policy Challenges'],
      ['2003', 'IDM at the IOM Council: Migration in a Globalized World'],
      ['2004', 'IDM at the IOM Council: Valuing Migration'],
      ['2005', 'IDM at the IOM Council: Towards Policy Coherence'],
      ['2006', 'IDM at the IOM Council: Partnerships in Migration: Engaging Business and Civil Society'],
      ['2007', 'IDM at the IOM Council: Migration Management in the Evolving Global Economy'],
      ['2008', 'IDM at the IOM Council: Return Migration: Challenges and Opportunities'],
      [
        '2009',
        'IDM at the IOM Council: Human Rights and Migration: Working Together for Safe, Dignified and Secure Migration',
      ],
      ['2010', 'IDM at the IOM Council: Migration and Social Change'],
    ]);
    expect(rows.map((r) => r.session).sort()).toEqual(
      ['2001', '2002', '2003', '2004', '2005', '2006', '2007', '2008', '2009', '2010'].map((y) =>
        iri(`id/event/idm-${y}-iom-council`),
      ),
    );
  });

  it('which sessions did the IDM hold in 2007, and of what kind is each?', async () => {
    const rows = await select(`
      SELECT ?label ?kind WHERE {
        ?session mig:sessionOf ?edition ; rdfs:label ?label ; a ?kind .
        ?edition mig:editionOf process:international-dialogue-on-migration ; mig:year "2007"^^xsd:gYear .
        ?kind rdfs:subClassOf mig:DialogueSession .
      }`);
    expect(rows.map((r) => [r.label ?? '', (r.kind ?? '').split('#')[1] ?? '']).sort(byFirst)).toEqual([
      ['Expert Seminar: Migration and the Environment', 'ExpertSeminar'],
      ['Free Movement of Persons in Regional Integration Processes', 'Workshop'],
      ['IDM at the IOM Council: Migration Management in the Evolving Global Economy', 'CouncilSession'],
      ['Making Global Labour Mobility a Catalyst for Development', 'Workshop'],
    ]);
  });

  it('which conferences and expert seminars did the IDM hold (no regex on titles)?', async () => {
    const rows = await select(`
      SELECT ?year ?label ?kind WHERE {
        VALUES ?kind { mig:Conference mig:ExpertSeminar }
        ?session a ?kind ; rdfs:label ?label ; mig:year ?year .
      }`);
    expect(rows.map((r) => [r.year ?? '', r.label ?? '', (r.kind ?? '').split('#')[1] ?? '']).sort(byFirst)).toEqual([
      ['2007', 'Expert Seminar: Migration and the Environment', 'ExpertSeminar'],
      ['2013', 'Diaspora Ministerial Conference', 'Conference'],
      ['2015', 'Conference on Migrants and Cities', 'Conference'],
    ]);
  });

  it('how many sessions of each kind does the page list, and is every session typed with its kind?', async () => {
    const rows = await select(`
      SELECT ?kind (COUNT(DISTINCT ?session) AS ?n) WHERE {
        ?session a mig:DialogueSession .
        OPTIONAL { ?session a ?k . ?k rdfs:subClassOf mig:DialogueSession }
        BIND (COALESCE(?k, mig:DialogueSession) AS ?kind)
      } GROUP BY ?kind`);
    expect(Object.fromEntries(rows.map((r) => [(r.kind ?? '').split('#')[1] ?? '', r.n]))).toEqual({
      Workshop: '30',
      CouncilSession: '10',
      Conference: '2',
      ExpertSeminar: '1',
      DialogueSession: '1',
    });
    const untyped = await select(`
      SELECT ?session WHERE { ?session a mig:DialogueSession . FILTER NOT EXISTS { ?session a ?k . ?k rdfs:subClassOf mig:DialogueSession } }`);
    expect(untyped.map((r) => r.session)).toEqual([iri('id/event/idm-2001-50th-anniversary-of-iom')]);
  });

  it('what was the theme of 2012, and which workshops elaborated it?', async () => {
    const rows = await select(`
      SELECT ?theme ?workshop WHERE {
        ?edition mig:editionOf process:international-dialogue-on-migration ; mig:year "2012"^^xsd:gYear ; mig:theme ?theme .
        ?w mig:sessionOf ?edition ; a mig:Workshop ; rdfs:label ?workshop .
      }`);
    expect(new Set(rows.map((r) => r.theme))).toEqual(new Set(['Managing Migration in Crisis Situations']));
    expect(rows.map((r) => r.workshop).sort()).toEqual([
      'Migrants in Times of Crisis: An Emerging Protection Challenge',
      'Moving to Safety: Migration Consequences of Complex Crises',
      'Protecting Migrants During Times of Crisis: Immediate Responses and Sustainable Strategies',
    ]);
  });

  it('when was the IDM founded, what is it rooted in, whose principal forum is it, and who is it open to?', async () => {
    const [idm] = await select(`
      SELECT ?founded ?forumOf ?selectedBy ?method WHERE {
        process:international-dialogue-on-migration schema:foundingDate ?founded ;
          mig:principalForumOf ?forumOf ; mig:themeSelectedBy ?selectedBy ; mig:themeSelectionMethod ?method .
      }`);
    expect(idm).toEqual({
      founded: '2001',
      forumOf: iri('id/organisation/iom'),
      selectedBy: iri('id/organisation/iom-membership'),
      method: 'a process of informal consultations',
    });
    const rooted = await select(`SELECT ?i WHERE { process:international-dialogue-on-migration mig:rootedIn ?i }`);
    expect(rooted.map((r) => r.i).sort()).toEqual([
      iri('id/instrument/iom-constitution'),
      iri('id/instrument/iom-strategy'),
    ]);
    const open = await select(`
      SELECT ?label WHERE {
        process:international-dialogue-on-migration mig:openTo ?who .
        ?who rdfs:label ?label ; skos:inScheme role:idm-participants .
      }`);
    expect(open.map((r) => r.label).sort()).toEqual([
      'IOM Member States',
      'IOM Observer States',
      'international organizations',
      'migrants',
      'non-governmental organizations',
      'partners from academia',
      'partners from media',
      'partners from the private sector',
    ]);
  });

  it('how many sessions does the page list per year (each listed once, though the list is printed twice)?', async () => {
    const rows = await select(`
      SELECT ?year (COUNT(DISTINCT ?session) AS ?n) WHERE {
        ?session mig:sessionOf ?edition .
        ?edition mig:editionOf process:international-dialogue-on-migration ; mig:year ?year .
      } GROUP BY ?year`);
    expect(rows.map((r) => [r.year ?? '', r.n ?? '']).sort(byFirst)).toEqual([
      ['2001', '2'],
      ['2002', '1'],
      ['2003', '3'],
      ['2004', '3'],
      ['2005', '3'],
      ['2006', '3'],
      ['2007', '4'],
      ['2008', '3'],
      ['2009', '3'],
      ['2010', '3'],
      ['2011', '2'],
      ['2012', '3'],
      ['2013', '1'],
      ['2014', '2'],
      ['2015', '1'],
      ['2016', '2'],
      ['2017', '2'],
      ['2018', '2'],
      ['2019', '1'],
    ]);
  });

  it('which sessions share a title across years?', async () => {
    const rows = await select(`
      SELECT DISTINCT ?title ?year WHERE {
        ?a a mig:DialogueSession ; rdfs:label ?title ; mig:year ?year .
        ?b a mig:DialogueSession ; rdfs:label ?title .
        FILTER (?a != ?b)
        FILTER NOT EXISTS { ?a a mig:CouncilSession }
      }`);
    expect(rows.map((r) => [r.year ?? '', r.title ?? '']).sort(byFirst)).toEqual([
      ['2003', 'Trade and Migration'],
      ['2004', 'Trade and Migration'],
    ]);
  });

  it('which reports are listed under the IDM 2002?', async () => {
    const rows = await select(`
      SELECT ?report ?title WHERE { event:idm-2002 mig:report ?report . ?report a mig:Report ; dct:title ?title . }`);
    expect(rows.map((r) => [r.report ?? '', r.title ?? '']).sort(byFirst)).toEqual([
      [
        iri('id/publication/compendium-of-intergovernmental-organizations-active-in-the-field-of-migration'),
        'Compendium of Intergovernmental Organizations Active in the Field of Migration',
      ],
      [
        iri('id/publication/international-legal-norms-and-migration'),
        'International Legal Norms and Migration: An Analysis',
      ],
    ]);
  });
});

describe('IOM publications', () => {
  it('which editions of the World Migration Report are there, in order, under the names the page prints?', async () => {
    const rows = await select(`
      SELECT ?year ?label ?title WHERE {
        ?edition mig:inSeries publication:world-migration-report ; mig:year ?year ; rdfs:label ?label ; dct:title ?title .
      } ORDER BY ?year`);
    expect(rows.map((r) => [r.year, r.label])).toEqual([
      ['2000', 'World Migration Report 2000'],
      ['2003', 'Managing Migration - Challenges and Responses for People on the Move'],
      ['2005', 'Costs and Benefits of International Migration'],
      ['2008', 'Managing Labour Mobility in the Evolving Global Economy'],
      ['2010', 'The Future of Migration: Building Capacities for Change'],
      ['2011', 'Communicating Effectively about Migration - Special 60th Anniversary Edition'],
      ['2013', 'Migrant Well-being and Development'],
      ['2015', 'Migrants and Cities: New Partnership to Manage Mobility'],
      ['2018', 'World Migration Report 2018'],
    ]);
    expect(rows.every((r) => r.label === r.title)).toBe(true);
  });

  it('a name the page prints for an edition finds it (rdfs:label or skos:altLabel)', async () => {
    const rows = await select(`
      SELECT ?name ?edition WHERE {
        VALUES ?name { "World Migration Report 2015"@en "World Migration 2005"@en "2018 World Migration Report"@en "Migrant Well-being and Development"@en }
        ?edition mig:inSeries publication:world-migration-report ; rdfs:label|skos:altLabel ?name .
      }`);
    expect(rows.map((r) => [r.name ?? '', r.edition ?? '']).sort(byFirst)).toEqual([
      ['2018 World Migration Report', iri('id/publication/world-migration-report-2018')],
      ['Migrant Well-being and Development', iri('id/publication/world-migration-report-2013')],
      ['World Migration 2005', iri('id/publication/world-migration-report-2005')],
      ['World Migration Report 2015', iri('id/publication/world-migration-report-2015')],
    ]);
    const coined = await select(`
      SELECT ?e WHERE { ?e rdfs:label|skos:altLabel "World Migration Report 2003"@en }`);
    expect(coined).toEqual([]);
  });

  it('what does the World Migration Report cover, since when, and whose flagship is it?', async () => {
    const regions = await select(`
      SELECT ?label WHERE { publication:world-migration-report mig:coversRegion ?r . ?r a mig:Region ; rdfs:label ?label . }`);
    expect(regions.map((r) => r.label).sort()).toEqual([
      'Africa',
      'Americas',
      'Asia',
      'Europe',
      'Middle East',
      'Oceania',
    ]);
    const [series] = await select(`
      SELECT ?since ?flagshipOf WHERE {
        publication:world-migration-report schema:startDate ?since ; mig:flagshipPublicationOf ?flagshipOf .
      }`);
    expect(series).toEqual({ since: '2000', flagshipOf: iri('id/organisation/iom') });
  });

  it('which World Migration Report editions have a stated place in the series, and when was the second published?', async () => {
    const rows = await select(`
      SELECT ?edition ?ordinal ?issued WHERE {
        ?edition mig:inSeries publication:world-migration-report ; mig:ordinal ?ordinal .
        OPTIONAL { ?edition dct:issued ?issued }
      }`);
    const sorted = rows
      .map((r) => [r.ordinal ?? '', r.edition ?? '', r.issued ?? ''])
      .sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(sorted).toEqual([
      ['2', iri('id/publication/world-migration-report-2003'), '2003-06'],
      ['9', iri('id/publication/world-migration-report-2018'), ''],
    ]);
  });

  it('which Migration Research Series papers does the page cite as the most notable research on ISCMs?', async () => {
    const rows = await select(`
      SELECT ?number ?title WHERE {
        ?paper mig:inSeries publication:migration-research-series ;
          bibo:number ?number ;
          dct:title ?title ;
          dct:source section:iscm-research .
      }`);
    expect(rows.map((r) => [r.number ?? '', r.title ?? '']).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      ['3', 'The Role of Regional Consultative Processes in Managing International Migration'],
      ['38', 'An Assessment of Principal Regional Consultative Processes on Migration'],
      [
        '45',
        'Regional Inter-State Consultation Mechanisms on Migration Approaches, Recent Activities and Implications for Global Governance of Migration',
      ],
    ]);
  });

  it('which publication series does IOM publish?', async () => {
    const rows = await select(`
      SELECT ?series WHERE { ?series a mig:PublicationSeries ; mig:publisher organisation:iom . }`);
    expect(rows.map((r) => r.series).sort()).toEqual(
      ['iom-migration-profiles', 'migration-research-series', 'world-migration-report'].map((s) =>
        iri(`id/publication/${s}`),
      ),
    );
  });

  it('what does the International Partnerships Division publish on RCPs and IRFs?', async () => {
    const rows = await select(`
      SELECT ?label WHERE {
        ?p mig:publisher organisation:international-partnerships-division ; rdfs:label ?label .
      }`);
    expect(rows.map((r) => r.label).sort()).toEqual(['RCP / IRF Meetings Calendar', 'RCP / IRF Newsletter']);
  });

  it('where are statistics on MiGoF Principle 1 published, and what covers international migration law?', async () => {
    const rows = await select(`
      SELECT ?publication ?subject WHERE {
        ?publication a mig:Publication ; dct:subject ?subject .
        VALUES ?subject { instrument:migof-principle-1 instrument:international-migration-law }
      }`);
    expect(rows.map((r) => [r.publication ?? '', r.subject ?? '']).sort(byFirst)).toEqual([
      [iri('id/publication/iom-annual-report'), iri('id/instrument/migof-principle-1')],
      [iri('id/publication/migration-law-database'), iri('id/instrument/international-migration-law')],
    ]);
  });
});

describe('Migration research', () => {
  it("what are the research objectives of the Migration Policy Research Division, in order, in the page's words?", async () => {
    const rows = await select(`
      SELECT ?position ?label ?definition WHERE {
        ?objective mig:objectiveOf organisation:migration-policy-research-division ;
          skos:inScheme objective:migration-policy-research-division-research-objectives ;
          schema:position ?position ; rdfs:label ?label ; skos:definition ?definition .
      } ORDER BY ?position`);
    expect(rows.map((r) => r.position)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(rows.every((r) => r.label === r.definition)).toBe(true);
    expect(rows.map((r) => r.label)).toEqual([
      "Contributing to IOM's efforts to inform and shape migration policy agendas through policy-oriented research.",
      'Supporting and strengthening research expertise within the Organization; providing technical support and guidance to field offices and departments at headquaters in developing (and implementing) research projects; and reviewing final reports/research/studies for publication.',
      'Providing technical expert advice to governments and institutions; supporting efforts to enhance research capacities of governments and other bodies in order to contribute to sound policy-making.',
      'Monitoring and supporting IOM migration research activities, and contributing to the knowledge base through gathering lessons learned and identifying best practices in activities related to migration research.',
      'Identifying, promoting and fostering strategic and technical partnerships globally in the area of migration research.',
      "Initiating research/studies in strategic areas of interest designed to enhance and improve IOM's programme delivery.",
    ]);
  });

  it('what is the Division responsible for, and which research activities does it support?', async () => {
    const rows = await select(`
      SELECT ?responsibility ?activity WHERE {
        organisation:migration-policy-research-division mig:institutionalResponsibility ?responsibility .
        ?activity mig:supportedBy organisation:migration-policy-research-division .
      }`);
    expect(rows).toEqual([
      {
        responsibility: 'supporting the conduct and management of applied research on salient migration topics',
        activity: iri('id/project/iom-migration-research-activities'),
      },
    ]);
    const about = await select(`
      SELECT ?position WHERE { ?o dct:subject project:iom-migration-research-activities ; schema:position ?position . }`);
    expect(about.map((r) => r.position)).toEqual(['4']);
  });

  it("what is IOM's research designed to do, who conducts it, and where are its findings published?", async () => {
    const aims = await select(`
      SELECT ?aim WHERE { project:iom-migration-research-activities mig:designedTo ?aim ; mig:conductedBy organisation:iom . }`);
    expect(aims.map((r) => r.aim).sort()).toEqual([
      'contribute to a broader understanding of migration patterns and processes, as well as the links between migration research and migration policy and practice',
      "enhance IOM's programme delivery",
      'guide and inform migration policy and practice',
    ]);
    const outlets = await select(`
      SELECT ?series WHERE { project:iom-migration-research-activities mig:findingsPublishedIn ?series . ?series mig:publisher organisation:iom . }`);
    expect(outlets.map((r) => r.series).sort()).toEqual(
      ['iom-migration-profiles', 'migration-research-series', 'world-migration-report'].map((s) =>
        iri(`id/publication/${s}`),
      ),
    );
  });

  it("which migration management topics do IOM's research activities encompass?", async () => {
    const rows = await select(`
      SELECT ?label WHERE {
        project:iom-migration-research-activities mig:topic ?t .
        ?t skos:inScheme topic:iom-research-topics ; rdfs:label ?label .
      }`);
    expect(rows.map((r) => r.label).sort()).toEqual([
      'counter-trafficking',
      'health and migration',
      'integration',
      'international migration law',
      'irregular migration',
      'labour migration',
      'migrant smuggling',
      'migration and development',
      'migration trends and data',
      'remittances',
      'return migration',
      'trade',
    ]);
  });
});
