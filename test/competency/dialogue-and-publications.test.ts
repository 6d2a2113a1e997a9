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

  it('in which years did the IDM hold a session at the IOM Council, and on what?', async () => {
    const rows = await select(`
      SELECT ?year ?title ?session WHERE {
        ?session a mig:CouncilSession ;
          mig:atBody organisation:iom-council ;
          mig:sessionOf ?edition ;
          rdfs:label ?title .
        ?edition mig:year ?year .
      }`);
    expect(rows.map((r) => [r.year ?? '', r.title ?? '']).sort(byFirst)).toEqual([
      ['2001', 'Migration Challenges for the 21st Century'],
      ['2002', 'Selected Policy Challenges'],
      ['2003', 'Migration in a Globalized World'],
      ['2004', 'Valuing Migration'],
      ['2005', 'Towards Policy Coherence'],
      ['2006', 'Partnerships in Migration: Engaging Business and Civil Society'],
      ['2007', 'Migration Management in the Evolving Global Economy'],
      ['2008', 'Return Migration: Challenges and Opportunities'],
      ['2009', 'Human Rights and Migration: Working Together for Safe, Dignified and Secure Migration'],
      ['2010', 'Migration and Social Change'],
    ]);
    expect(rows.map((r) => r.session).sort()).toEqual(
      ['2001', '2002', '2003', '2004', '2005', '2006', '2007', '2008', '2009', '2010'].map((y) =>
        iri(`id/event/idm-${y}-iom-council`),
      ),
    );
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
  it('which editions of the World Migration Report are there, in order of year, with their titles?', async () => {
    const rows = await select(`
      SELECT ?year ?title WHERE {
        ?edition mig:inSeries publication:world-migration-report ; mig:year ?year ; dct:title ?title .
      } ORDER BY ?year`);
    expect(rows.map((r) => [r.year, r.title])).toEqual([
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
