// Every worked example of the query editor, run through the HTTP endpoint: its exact answer, checked
// by hand against the source page (the captured IOM page, see docs/modelling.md); the examples page
// lists each one with a working editor link; the editor loads YASGUI from our own server.
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { sparqlExamples } from '../../src/sparql/examples.js';
import { realApp, type TestApp } from '../support/app.js';
import { TEST_BASE, iri } from '../support/dataset.js';

type Value = string | null;

interface Expected {
  readonly vars: readonly string[];
  /** One array per solution, in the order of `vars`; null where a variable is unbound. */
  readonly rows: ReadonlyArray<readonly Value[]>;
  /** The example promises an order (ORDER BY a year, a position, a share): the rows come in this order. */
  readonly ordered?: true;
}

// What the page says, example by example:
// - technical-secretariat: "IOM serves as technical secretariat for the following ISCMs": ten entries, UNHCR with
//   Almaty and Bali, the Southern African Migration Programme with MIDSA ("(Pan African Forum)" is another name).
// - observer: the seventeen entries under "IOM as an observer to ISCMs".
// - secretariat-support: the seven entries under "Secretariat support is also provided ..."; the 5+5 Dialogue's is
//   "in consultation with the Chair in office and PAM Secretariat" (the Chair in office is a post); FIIAPP is
//   "together with" (EU-LAC), not "in consultation with".
// - processes-by-kind: "Global processes on migration include ..." (five) and the Multilateral Processes Division's
//   processes (the 2030 Agenda and the five it lists); no inter-regional forum is named; IGAD RCP is an RCP.
// - iom-leads-coordinates-participates-hosts: "IOM is a participant in the Bali Process Steering group and in IGC.
//   IOM leads the IDM and coordinates the Global RCP Meetings." and "IOM administratively hosts ...". Engagements
//   only: IOM's membership of the Steering Committee (Migration Law) is not a role in a process.
// - idm-themes-by-year / idm-sessions-by-year: the IDM list, 2001-2019 (44 sessions; the 2002 "Report:" items
//   are publications, not sessions; theme headings only where the page prints one).
// - world-migration-report-editions: the nine editions of the World Migration Report section.
// - multilateral-processes-division-people: the five contacts of the Multilateral Processes section.
// - africa-migrants-by-subregion-2000: "By 2000, 42 percent ... West African countries; 28 percent in Eastern
//   Africa; 12 percent in Northern Africa; and 9 percent in Middle and Southern Africa."
// - migration-law-training-courses: "one in Sanremo, Italy in collaboration with the IIHL and the other in New York
//   in collaboration with UNITAR", conducted annually by the IML Unit.
// - iom-organisational-structure: the units named on the page and the footer's structure.
// - research-objectives: the six Research Objectives of the Migration Policy Research Division, in order.
// - resources-per-class: the whole dataset's things by class.
// - sources-of-a-resource: the GFMD is named under Multilateral Processes, Global Processes and IOM participation.
// - engagements-about-a-process: the Puebla Process is in both the observer and the technical secretariat lists.
const EXPECTED: Record<string, Expected> = {
  'technical-secretariat': {
    vars: ['process', 'processLabel', 'partner', 'partnerLabel'],
    rows: [
      [
        iri('id/process/almaty-process'),
        'Almaty Process',
        iri('id/organisation/unhcr'),
        'United Nations High Commissioner for Refugees',
      ],
      [iri('id/process/asia-eu-dialogue-on-labour-migration'), 'Asia - EU Dialogue on Labour Migration', null, null],
      [
        iri('id/process/bali-process'),
        'Bali Process',
        iri('id/organisation/unhcr'),
        'United Nations High Commissioner for Refugees',
      ],
      [iri('id/process/colombo-process'), 'Colombo Process', null, null],
      [iri('id/process/global-rcp-meetings'), 'Global RCP Meetings', null, null],
      [iri('id/process/international-dialogue-on-migration'), 'International Dialogue on Migration', null, null],
      [
        iri('id/process/intra-regional-forum-on-migration-in-africa'),
        'Intra-Regional Forum on Migration in Africa',
        null,
        null,
      ],
      [
        iri('id/process/midsa'),
        'MIDSA',
        iri('id/organisation/southern-african-migration-programme'),
        'Southern African Migration Programme',
      ],
      [iri('id/process/puebla-process'), 'Puebla Process', null, null],
      [iri('id/process/sacm'), 'SACM', null, null],
    ],
  },
  observer: {
    vars: ['process', 'processLabel'],
    rows: [
      [iri('id/process/5-plus-5-dialogue'), '5+5 Dialogue on Migration in the Western Mediterranean'],
      [iri('id/process/afml'), 'AFML'],
      [iri('id/process/asia-eu-dialogue-on-labour-migration'), 'Asia - EU Dialogue on Labour Migration'],
      [iri('id/process/budapest-process'), 'Budapest Process'],
      [iri('id/process/eu-lac-bi-regional-dialogue-on-migration'), 'EU-LAC Bi-regional Dialogue on Migration'],
      [iri('id/process/fibemyd'), 'FIBEMYD'],
      [iri('id/process/gfmd'), 'Global Forum on Migration and Development'],
      [iri('id/process/igad-rcp'), 'IGAD RCP'],
      [iri('id/process/intra-regional-forum-on-migration-in-africa'), 'Intra-Regional Forum on Migration in Africa'],
      [iri('id/process/khartoum-process'), 'Khartoum Process'],
      [iri('id/process/midwa'), 'MIDWA'],
      [iri('id/process/mtm'), 'MTM'],
      [iri('id/process/puebla-process'), 'Puebla Process'],
      [iri('id/process/rabat-process'), 'Rabat Process'],
      [iri('id/process/sacm'), 'SACM'],
      [iri('id/process/tripoli-process'), 'Tripoli Process'],
      [
        iri('id/process/un-hld-on-international-migration-and-development'),
        'UN High Level Dialogue on International Migration and Development',
      ],
    ],
  },
  'secretariat-support': {
    vars: ['process', 'processLabel', 'consultedLabel', 'partnerLabel', 'throughLabel'],
    rows: [
      [
        iri('id/process/5-plus-5-dialogue'),
        '5+5 Dialogue on Migration in the Western Mediterranean',
        'Chair in office',
        null,
        null,
      ],
      [
        iri('id/process/5-plus-5-dialogue'),
        '5+5 Dialogue on Migration in the Western Mediterranean',
        'PAM Secretariat',
        null,
        null,
      ],
      [
        iri('id/process/acp-eu-dialogue-on-migration'),
        'ACP-EU Dialogue on Migration',
        'ACP Secretariat',
        null,
        'ACP-EU Migration Action',
      ],
      [
        iri('id/process/acp-eu-dialogue-on-migration'),
        'ACP-EU Dialogue on Migration',
        'EC',
        null,
        'ACP-EU Migration Action',
      ],
      [
        iri('id/process/eu-lac-bi-regional-dialogue-on-migration'),
        'EU-LAC Bi-regional Dialogue on Migration',
        null,
        'International and Ibero-American Foundation of Public Administration and Policies',
        null,
      ],
      [iri('id/process/igad-rcp'), 'IGAD RCP', 'AUC', null, null],
      [iri('id/process/igad-rcp'), 'IGAD RCP', 'IGAD Secretariat', null, null],
      [iri('id/process/midcas'), 'MIDCAS', 'ECCAS', null, null],
      [iri('id/process/midcom'), 'MIDCOM', 'COMESA', null, null],
      [iri('id/process/midwa'), 'MIDWA', 'ECOWAS', null, null],
    ],
  },
  'processes-by-kind': {
    vars: ['kind', 'kindLabel', 'process', 'processLabel'],
    rows: [
      [
        iri('ontology#GlobalProcess'),
        'global process on migration',
        iri('id/process/gfmd'),
        'Global Forum on Migration and Development',
      ],
      [
        iri('ontology#GlobalProcess'),
        'global process on migration',
        iri('id/process/global-rcp-meetings'),
        'Global RCP Meetings',
      ],
      [
        iri('ontology#GlobalProcess'),
        'global process on migration',
        iri('id/process/iom-plenary-consultations-and-discussions-on-migration'),
        'IOM plenary consultations and discussions on migration',
      ],
      [
        iri('ontology#GlobalProcess'),
        'global process on migration',
        iri('id/process/targeted-migration-consultations-in-global-bodies'),
        'Targeted migration consultations and discussions in global bodies',
      ],
      [
        iri('ontology#GlobalProcess'),
        'global process on migration',
        iri('id/process/un-hld-on-international-migration-and-development'),
        'UN High Level Dialogue on International Migration and Development',
      ],
      [iri('ontology#InterRegionalForum'), 'inter-regional forum', null, null],
      [
        iri('ontology#MultilateralProcess'),
        'multilateral policy process',
        iri('id/process/2030-agenda-for-sustainable-development'),
        '2030 Agenda for Sustainable Development',
      ],
      [
        iri('ontology#MultilateralProcess'),
        'multilateral policy process',
        iri('id/process/addis-ababa-action-agenda'),
        'Addis Ababa Action Agenda',
      ],
      [
        iri('ontology#MultilateralProcess'),
        'multilateral policy process',
        iri('id/process/gfmd'),
        'Global Forum on Migration and Development',
      ],
      [
        iri('ontology#MultilateralProcess'),
        'multilateral policy process',
        iri('id/process/grand-bargain'),
        'Grand Bargain',
      ],
      [
        iri('ontology#MultilateralProcess'),
        'multilateral policy process',
        iri('id/process/habitat-iii'),
        'Habitat III',
      ],
      [
        iri('ontology#MultilateralProcess'),
        'multilateral policy process',
        iri('id/process/new-york-declaration-on-refugees-and-migrants'),
        'New York Declaration on Refugees and Migrants',
      ],
      [
        iri('ontology#RegionalConsultativeProcess'),
        'regional consultative process',
        iri('id/process/igad-rcp'),
        'IGAD RCP',
      ],
    ],
  },
  'iom-leads-coordinates-participates-hosts': {
    vars: ['roleLabel', 'thing', 'thingLabel'],
    rows: [
      ['administrative host', iri('id/organisation/gfmd-support-unit'), 'GFMD Support Unit'],
      ['administrative host', iri('id/organisation/igc-secretariat'), 'IGC secretariat'],
      ['coordinator', iri('id/process/global-rcp-meetings'), 'Global RCP Meetings'],
      ['lead', iri('id/process/international-dialogue-on-migration'), 'International Dialogue on Migration'],
      ['participant', iri('id/process/bali-process-steering-group'), 'Bali Process Steering group'],
      ['participant', iri('id/process/igc'), 'IGC'],
    ],
  },
  'idm-themes-by-year': {
    ordered: true,
    vars: ['year', 'edition', 'theme'],
    rows: [
      ['2001', iri('id/event/idm-2001'), null],
      ['2002', iri('id/event/idm-2002'), null],
      ['2003', iri('id/event/idm-2003'), 'Migration in a Globalized World'],
      ['2004', iri('id/event/idm-2004'), 'Valuing Migration'],
      ['2005', iri('id/event/idm-2005'), 'Towards Policy Coherence on Migration'],
      ['2006', iri('id/event/idm-2006'), 'Partnerships in Migration'],
      ['2007', iri('id/event/idm-2007'), 'Migration Management in the Evolving Global Economy'],
      ['2008', iri('id/event/idm-2008'), 'Return Migration: Challenges and Opportunities'],
      [
        '2009',
        iri('id/event/idm-2009'),
        'Human Rights and Migration: Working Together for Safe, Dignified and Secure Migration',
      ],
      ['2010', iri('id/event/idm-2010'), 'Migration and Social Change'],
      ['2011', iri('id/event/idm-2011'), 'The Future of Migration: Building Capacities for Change'],
      ['2012', iri('id/event/idm-2012'), 'Managing Migration in Crisis Situations'],
      ['2013', iri('id/event/idm-2013'), null],
      [
        '2014',
        iri('id/event/idm-2014'),
        'Human Mobility and Development: Emerging Trends and New Opportunities for Partnerships',
      ],
      ['2015', iri('id/event/idm-2015'), null],
      [
        '2016',
        iri('id/event/idm-2016'),
        'Follow-up and Review of Migration in the Sustainable Development Goals (SDGs)',
      ],
      [
        '2017',
        iri('id/event/idm-2017'),
        'Strengthening international cooperation on and governance of migration towards the adoption of a global compact on migration in 2018',
      ],
      ['2018', iri('id/event/idm-2018'), null],
      ['2019', iri('id/event/idm-2019'), null],
    ],
  },
  'idm-sessions-by-year': {
    vars: ['year', 'session', 'title', 'atCouncil'],
    rows: [
      [
        '2001',
        iri('id/event/idm-2001-iom-council'),
        'IDM at the IOM Council: Migration Challenges for the 21st Century',
        'true',
      ],
      [
        '2001',
        iri('id/event/idm-2001-50th-anniversary-of-iom'),
        'International Dialogue on Migration on the occasion of the 50th Anniversary of IOM',
        'false',
      ],
      ['2002', iri('id/event/idm-2002-iom-council'), 'IDM at the IOM Council: Selected Policy Challenges', 'true'],
      [
        '2003',
        iri('id/event/idm-2003-approaches-to-data-collection-and-data-management'),
        'Approaches to Data Collection and Data Management',
        'false',
      ],
      ['2003', iri('id/event/idm-2003-iom-council'), 'IDM at the IOM Council:Migration in a Globalized World', 'true'],
      ['2003', iri('id/event/idm-2003-trade-and-migration'), 'Trade and Migration', 'false'],
      ['2004', iri('id/event/idm-2004-health-and-migration'), 'Health and Migration', 'false'],
      ['2004', iri('id/event/idm-2004-iom-council'), 'IDM at the IOM Council: Valuing Migration', 'true'],
      ['2004', iri('id/event/idm-2004-trade-and-migration'), 'Trade and Migration', 'false'],
      [
        '2005',
        iri('id/event/idm-2005-developing-capacity-to-manage-migration'),
        'Developing Capacity to Manage Migration',
        'false',
      ],
      ['2005', iri('id/event/idm-2005-iom-council'), 'IDM at the IOM Council: Towards Policy Coherence', 'true'],
      ['2005', iri('id/event/idm-2005-migration-and-development'), 'Migration and Development', 'false'],
      [
        '2006',
        iri('id/event/idm-2006-iom-council'),
        'IDM at the IOM Council: Partnerships in Migration: Engaging Business and Civil Society',
        'true',
      ],
      ['2006', iri('id/event/idm-2006-migrants-and-the-host-society'), 'Migrants and the Host Society', 'false'],
      [
        '2006',
        iri('id/event/idm-2006-migration-and-human-resources-for-health'),
        'Migration and Human Resources for Health',
        'false',
      ],
      [
        '2007',
        iri('id/event/idm-2007-expert-seminar-migration-and-the-environment'),
        'Expert Seminar: Migration and the Environment',
        'false',
      ],
      [
        '2007',
        iri('id/event/idm-2007-free-movement-of-persons-in-regional-integration-processes'),
        'Free Movement of Persons in Regional Integration Processes',
        'false',
      ],
      [
        '2007',
        iri('id/event/idm-2007-iom-council'),
        'IDM at the IOM Council: Migration Management in the Evolving Global Economy',
        'true',
      ],
      [
        '2007',
        iri('id/event/idm-2007-making-global-labour-mobility-a-catalyst-for-development'),
        'Making Global Labour Mobility a Catalyst for Development',
        'false',
      ],
      [
        '2008',
        iri('id/event/idm-2008-enhancing-the-role-of-return-migration'),
        'Enhancing the Role of Return Migration in Fostering Development',
        'false',
      ],
      [
        '2008',
        iri('id/event/idm-2008-iom-council'),
        'IDM at the IOM Council: Return Migration: Challenges and Opportunities',
        'true',
      ],
      ['2008', iri('id/event/idm-2008-managing-return-migration'), 'Managing Return Migration', 'false'],
      [
        '2009',
        iri('id/event/idm-2009-effective-respect-for-the-human-rights-of-migrants'),
        'Effective Respect for the Human Rights of Migrants: A Shared Responsibility',
        'false',
      ],
      [
        '2009',
        iri('id/event/idm-2009-iom-council'),
        'IDM at the IOM Council: Human Rights and Migration: Working Together for Safe, Dignified and Secure Migration',
        'true',
      ],
      [
        '2009',
        iri('id/event/idm-2009-trafficking-in-persons-and-exploitation-of-migrants'),
        'Trafficking in Persons and Exploitation of Migrants: Ensuring Protection of Human Rights',
        'false',
      ],
      ['2010', iri('id/event/idm-2010-iom-council'), 'IDM at the IOM Council: Migration and Social Change', 'true'],
      [
        '2010',
        iri('id/event/idm-2010-migration-and-transnationalism-opportunities-and-challenges'),
        'Migration and Transnationalism: Opportunities and Challenges',
        'false',
      ],
      [
        '2010',
        iri('id/event/idm-2010-societies-and-identities'),
        'Societies and Identities: The Multifaceted Impact of Migration',
        'false',
      ],
      [
        '2011',
        iri('id/event/idm-2011-climate-change-environmental-degradation-and-migration'),
        'Climate Change, Environmental Degradation and Migration',
        'false',
      ],
      [
        '2011',
        iri('id/event/idm-2011-economic-cycles-demographic-change-and-migration'),
        'Economic Cycles, Demographic Change and Migration',
        'false',
      ],
      [
        '2012',
        iri('id/event/idm-2012-migrants-in-times-of-crisis-an-emerging-protection-challenge'),
        'Migrants in Times of Crisis: An Emerging Protection Challenge',
        'false',
      ],
      [
        '2012',
        iri('id/event/idm-2012-moving-to-safety-migration-consequences-of-complex-crises'),
        'Moving to Safety: Migration Consequences of Complex Crises',
        'false',
      ],
      [
        '2012',
        iri('id/event/idm-2012-protecting-migrants-during-times-of-crisis'),
        'Protecting Migrants During Times of Crisis: Immediate Responses and Sustainable Strategies',
        'false',
      ],
      ['2013', iri('id/event/idm-2013-diaspora-ministerial-conference'), 'Diaspora Ministerial Conference', 'false'],
      ['2014', iri('id/event/idm-2014-migration-and-families'), 'Migration and Families', 'false'],
      [
        '2014',
        iri('id/event/idm-2014-south-south-migration'),
        'South-South Migration: Partnering Strategically for Development',
        'false',
      ],
      [
        '2015',
        iri('id/event/idm-2015-conference-on-migrants-and-cities'),
        'Conference on Migrants and Cities',
        'false',
      ],
      [
        '2016',
        iri('id/event/idm-2016-assessing-progress-in-the-implementation-process'),
        'Assessing progress in the implementation process of migration related SDGs',
        'false',
      ],
      [
        '2016',
        iri('id/event/idm-2016-follow-up-and-review-of-migration-in-the-sdgs'),
        'Follow-up and review of migration in the SDGs',
        'false',
      ],
      [
        '2017',
        iri('id/event/idm-2017-strengthening-international-cooperation-on-and-governance'),
        'Strengthening international cooperation on and governance of migration towards the adoption of a global compact on migration in 2018',
        'false',
      ],
      [
        '2017',
        iri('id/event/idm-2017-understanding-migrant-vulnerabilities'),
        'Understanding migrant vulnerabilities: A solution-based approach towards a global compact that reduces vulnerabilities and empowers migrants',
        'false',
      ],
      [
        '2018',
        iri('id/event/idm-2018-inclusive-and-innovative-partnerships-for-effective'),
        'Inclusive and innovative partnerships for effective global governance of migration',
        'false',
      ],
      [
        '2018',
        iri('id/event/idm-2018-towards-effective-migration-governance'),
        'Towards Effective Migration Governance: Partnerships for Capacity Development',
        'false',
      ],
      [
        '2019',
        iri('id/event/idm-2019-youth-and-migration'),
        'Youth and migration: Engaging youth as key partners in migration governance',
        'false',
      ],
    ],
  },
  'world-migration-report-editions': {
    ordered: true,
    vars: ['year', 'edition', 'label', 'title', 'ordinal'],
    rows: [
      [
        '2000',
        iri('id/publication/world-migration-report-2000'),
        'World Migration Report 2000',
        'World Migration Report 2000',
        null,
      ],
      [
        '2003',
        iri('id/publication/world-migration-report-2003'),
        'Managing Migration - Challenges and Responses for People on the Move',
        'Managing Migration - Challenges and Responses for People on the Move',
        '2',
      ],
      [
        '2005',
        iri('id/publication/world-migration-report-2005'),
        'Costs and Benefits of International Migration',
        'Costs and Benefits of International Migration',
        null,
      ],
      [
        '2008',
        iri('id/publication/world-migration-report-2008'),
        'Managing Labour Mobility in the Evolving Global Economy',
        'Managing Labour Mobility in the Evolving Global Economy',
        null,
      ],
      [
        '2010',
        iri('id/publication/world-migration-report-2010'),
        'The Future of Migration: Building Capacities for Change',
        'The Future of Migration: Building Capacities for Change',
        null,
      ],
      [
        '2011',
        iri('id/publication/world-migration-report-2011'),
        'Communicating Effectively about Migration - Special 60th Anniversary Edition',
        'Communicating Effectively about Migration - Special 60th Anniversary Edition',
        null,
      ],
      [
        '2013',
        iri('id/publication/world-migration-report-2013'),
        'Migrant Well-being and Development',
        'Migrant Well-being and Development',
        null,
      ],
      [
        '2015',
        iri('id/publication/world-migration-report-2015'),
        'Migrants and Cities: New Partnership to Manage Mobility',
        'Migrants and Cities: New Partnership to Manage Mobility',
        null,
      ],
      [
        '2018',
        iri('id/publication/world-migration-report-2018'),
        'World Migration Report 2018',
        'World Migration Report 2018',
        '9',
      ],
    ],
  },
  'multilateral-processes-division-people': {
    vars: ['person', 'name', 'jobTitle', 'post', 'postLabel'],
    rows: [
      [
        iri('id/person/annalisa-pellegrino'),
        'Annalisa Pellegrino',
        'Associate Migration Policy Officer, MPD',
        iri('id/post/mpd-associate-migration-policy-officer'),
        'Associate Migration Policy Officer, MPD',
      ],
      [
        iri('id/person/neha-sinha'),
        'Neha Sinha',
        'Associate Migration Policy Officer, MPD',
        iri('id/post/mpd-associate-migration-policy-officer'),
        'Associate Migration Policy Officer, MPD',
      ],
      [
        iri('id/person/david-martineau'),
        'David Martineau',
        'Associate Policy Officer, MPD',
        iri('id/post/mpd-associate-policy-officer'),
        'Associate Policy Officer, MPD',
      ],
      [
        iri('id/person/maurizio-busatti'),
        'Maurizio Busatti',
        'Head, Multilateral Processes Division',
        iri('id/post/head-multilateral-processes-division'),
        'Head, Multilateral Processes Division',
      ],
      [
        iri('id/person/tamara-keating'),
        'Tamara Keating',
        'Senior Policy and Liaison Officer',
        iri('id/post/mpd-senior-policy-and-liaison-officer'),
        'Senior Policy and Liaison Officer',
      ],
    ],
  },
  'africa-migrants-by-subregion-2000': {
    ordered: true,
    vars: ['subregion', 'subregionLabel', 'percentage'],
    rows: [
      [iri('id/place/west-africa'), 'West Africa', '42'],
      [iri('id/place/eastern-africa'), 'Eastern Africa', '28'],
      [iri('id/place/northern-africa'), 'Northern Africa', '12'],
      [iri('id/place/middle-and-southern-africa'), 'Middle and Southern Africa', '9'],
    ],
  },
  'migration-law-training-courses': {
    vars: ['course', 'courseLabel', 'providerLabel', 'placeLabel', 'countryLabel', 'partnerLabel', 'frequency'],
    rows: [
      [
        iri('id/event/iml-training-course-new-york'),
        'International Migration Law training course in New York',
        'International Migration Law Unit',
        'New York',
        null,
        'United Nations Institute for Training and Research',
        'annual',
      ],
      [
        iri('id/event/iml-training-course-sanremo'),
        'International Migration Law training course in Sanremo',
        'International Migration Law Unit',
        'Sanremo',
        'Italy',
        'International Institute of Humanitarian Law',
        'annual',
      ],
    ],
  },
  'iom-organisational-structure': {
    vars: ['unit', 'unitLabel', 'kindLabel', 'partOfLabel'],
    rows: [
      [
        iri('id/organisation/migration-policy-research-division'),
        'Migration Policy Research Division',
        'division',
        'Department of International Cooperation and Partnerships',
      ],
      [
        iri('id/organisation/multilateral-processes-division'),
        'Multilateral Processes Division',
        'division',
        'Department of International Cooperation and Partnerships',
      ],
      [
        iri('id/organisation/department-of-international-cooperation-and-partnerships'),
        'Department of International Cooperation and Partnerships',
        'department',
        'International Organization for Migration',
      ],
      [iri('id/organisation/iom-council'), 'IOM Council', 'governing body', 'International Organization for Migration'],
      [
        iri('id/organisation/iom-manila-administrative-centre'),
        'IOM Manila Administrative Centre',
        'administrative centre',
        'International Organization for Migration',
      ],
      [
        iri('id/organisation/iom-panama-administrative-centre'),
        'IOM Panama Administrative Centre',
        'administrative centre',
        'International Organization for Migration',
      ],
      [
        iri('id/organisation/international-migration-law-unit'),
        'International Migration Law Unit',
        'unit',
        'International Organization for Migration',
      ],
      [
        iri('id/organisation/international-partnerships-division'),
        'International Partnerships Division',
        'division',
        'International Organization for Migration',
      ],
    ],
  },
  'research-objectives': {
    ordered: true,
    vars: ['position', 'objective', 'label', 'definition'],
    rows: [
      [
        '1',
        iri('id/objective/mprd-inform-and-shape-policy-agendas'),
        "Contributing to IOM's efforts to inform and shape migration policy agendas through policy-oriented research.",
        "Contributing to IOM's efforts to inform and shape migration policy agendas through policy-oriented research.",
      ],
      [
        '2',
        iri('id/objective/mprd-support-and-strengthen-research-expertise'),
        'Supporting and strengthening research expertise within the Organization; providing technical support and guidance to field offices and departments at headquaters in developing (and implementing) research projects; and reviewing final reports/research/studies for publication.',
        'Supporting and strengthening research expertise within the Organization; providing technical support and guidance to field offices and departments at headquaters in developing (and implementing) research projects; and reviewing final reports/research/studies for publication.',
      ],
      [
        '3',
        iri('id/objective/mprd-technical-expert-advice-to-governments'),
        'Providing technical expert advice to governments and institutions; supporting efforts to enhance research capacities of governments and other bodies in order to contribute to sound policy-making.',
        'Providing technical expert advice to governments and institutions; supporting efforts to enhance research capacities of governments and other bodies in order to contribute to sound policy-making.',
      ],
      [
        '4',
        iri('id/objective/mprd-monitor-and-support-research-activities'),
        'Monitoring and supporting IOM migration research activities, and contributing to the knowledge base through gathering lessons learned and identifying best practices in activities related to migration research.',
        'Monitoring and supporting IOM migration research activities, and contributing to the knowledge base through gathering lessons learned and identifying best practices in activities related to migration research.',
      ],
      [
        '5',
        iri('id/objective/mprd-foster-research-partnerships'),
        'Identifying, promoting and fostering strategic and technical partnerships globally in the area of migration research.',
        'Identifying, promoting and fostering strategic and technical partnerships globally in the area of migration research.',
      ],
      [
        '6',
        iri('id/objective/mprd-initiate-research-in-strategic-areas'),
        "Initiating research/studies in strategic areas of interest designed to enhance and improve IOM's programme delivery.",
        "Initiating research/studies in strategic areas of interest designed to enhance and improve IOM's programme delivery.",
      ],
    ],
  },
  'resources-per-class': {
    vars: ['class', 'things'],
    rows: [
      [iri('ontology#Topic'), '49'],
      [iri('ontology#DialogueSession'), '44'],
      [iri('ontology#Engagement'), '40'],
      [iri('ontology#InterStateConsultationMechanism'), '30'],
      [iri('ontology#Workshop'), '30'],
      [iri('ontology#DialogueEdition'), '19'],
      ['http://www.w3.org/2004/02/skos/core#Concept', '17'],
      [iri('ontology#SourceSection'), '17'],
      [iri('ontology#Objective'), '16'],
      [iri('ontology#Region'), '16'],
      [iri('ontology#Report'), '14'],
      [iri('ontology#Project'), '13'],
      ['http://www.w3.org/2004/02/skos/core#ConceptScheme', '12'],
      [iri('ontology#CouncilSession'), '10'],
      [iri('ontology#InternationalOrganisation'), '9'],
      [iri('ontology#Role'), '9'],
      ['http://www.w3.org/ns/org#Organization', '8'],
      [iri('ontology#Committee'), '6'],
      [iri('ontology#Framework'), '6'],
      [iri('ontology#LegalInstrument'), '6'],
      [iri('ontology#MultilateralProcess'), '6'],
      ['http://www.w3.org/ns/org#Post', '5'],
      ['http://xmlns.com/foaf/0.1/Person', '5'],
      [iri('ontology#GlobalProcess'), '5'],
      [iri('ontology#Secretariat'), '5'],
      [iri('ontology#MigrantShare'), '4'],
      [iri('ontology#Publication'), '4'],
      [iri('ontology#City'), '3'],
      [iri('ontology#Division'), '3'],
      [iri('ontology#PublicationSeries'), '3'],
      [iri('ontology#TrainingCourse'), '3'],
      [iri('ontology#AdministrativeCentre'), '2'],
      [iri('ontology#Conference'), '2'],
      [iri('ontology#Country'), '2'],
      [iri('ontology#Court'), '2'],
      [iri('ontology#MigrationFlow'), '2'],
      ['http://purl.org/linked-data/cube#DataSet', '1'],
      ['http://schema.org/PostalAddress', '1'],
      ['http://www.w3.org/ns/org#Membership', '1'],
      [iri('ontology#Department'), '1'],
      [iri('ontology#ExpertSeminar'), '1'],
      [iri('ontology#GoverningBody'), '1'],
      [iri('ontology#Mandate'), '1'],
      [iri('ontology#MigrationTrend'), '1'],
      [iri('ontology#RegionalConsultativeProcess'), '1'],
      [iri('ontology#Site'), '1'],
      [iri('ontology#SourcePage'), '1'],
      [iri('ontology#Unit'), '1'],
    ],
  },
  'sources-of-a-resource': {
    ordered: true,
    vars: ['section', 'sectionLabel', 'position', 'pageLabel'],
    rows: [
      [
        iri('id/section/multilateral-processes'),
        'Multilateral Processes',
        '3',
        'IOM web pages on migration governance (captured page)',
      ],
      [
        iri('id/section/iscm-global-processes'),
        'Inter-State Consultation Mechanisms: Global Processes',
        '11',
        'IOM web pages on migration governance (captured page)',
      ],
      [
        iri('id/section/iscm-iom-participation'),
        'Inter-State Consultation Mechanisms: IOM participation in ISCMs',
        '14',
        'IOM web pages on migration governance (captured page)',
      ],
    ],
  },
  'engagements-about-a-process': {
    vars: ['engagement', 'roleLabel', 'sectionLabel'],
    rows: [
      [
        iri('id/engagement/iom-observer-puebla-process'),
        'observer',
        'Inter-State Consultation Mechanisms: IOM participation in ISCMs',
      ],
      [
        iri('id/engagement/iom-technical-secretariat-puebla-process'),
        'technical secretariat',
        'Inter-State Consultation Mechanisms: IOM participation in ISCMs',
      ],
    ],
  },
};

/** SPARQL JSON results as arrays of plain values in the order of `vars`. */
function plainRows(
  json: { head: { vars: string[] }; results: { bindings: Array<Record<string, { value: string }>> } },
  vars: readonly string[],
): Value[][] {
  return json.results.bindings.map((binding) => vars.map((v) => binding[v]?.value ?? null));
}

function sorted(rows: ReadonlyArray<readonly Value[]>): string[] {
  return rows.map((row) => JSON.stringify(row)).sort();
}

/** Undoes Handlebars' HTML escaping (& < > " ' ` =). */
function unescapeHtml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#x60;/g, '`')
    .replace(/&#x3D;/g, '=')
    .replace(/&amp;/g, '&');
}

const examples = sparqlExamples(TEST_BASE);

describe('the worked SPARQL examples', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await realApp();
  });

  it('are at least fourteen, with unique slugs, one question each, and an expected answer each', () => {
    expect(examples.length).toBeGreaterThanOrEqual(14);
    const ids = examples.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of examples) {
      expect(e.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(e.question).toMatch(/^[A-Z].*\?$/);
      expect(e.query).toMatch(/^(PREFIX |SELECT )/);
      // Written for the base IRI: no other host's IRIs of ours.
      expect(e.query).not.toContain('localhost');
    }
    expect(Object.keys(EXPECTED).sort()).toEqual([...ids].sort());
  });

  it.each(examples.map((e) => [e.id, e] as const))('%s answers exactly what the page says', async (_id, example) => {
    const response = await request(t.app)
      .post('/sparql')
      .type('form')
      .set('Accept', 'application/sparql-results+json')
      .send({ query: example.query });
    expect(response.status, response.text).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/sparql-results\+json/);
    const json = JSON.parse(response.text) as Parameters<typeof plainRows>[0];
    const expected = EXPECTED[example.id] as Expected;
    expect(json.head.vars).toEqual(expected.vars);
    const rows = plainRows(json, expected.vars);
    expect(sorted(rows)).toEqual(sorted(expected.rows));
    if (expected.ordered) expect(rows).toEqual(expected.rows);
  });

  it('every query declares only prefixes it uses, bound to the base IRI', () => {
    for (const e of examples) {
      const declared = [...e.query.matchAll(/^PREFIX (\w*): <([^>]*)>$/gm)];
      const body = e.query.replace(/^PREFIX .*$/gm, '');
      for (const [, prefix, ns] of declared) {
        expect(body, `${e.id} declares ${prefix}: without using it`).toMatch(new RegExp(`(^|[\\s/(^])${prefix}:`));
        if (['mig', 'process', 'organisation', 'role', 'publication', 'statistic'].includes(prefix as string)) {
          expect(ns?.startsWith(TEST_BASE)).toBe(true);
        }
      }
    }
  });
});

describe('the examples page, BASE/sparql/examples', () => {
  let t: TestApp;
  let html = '';
  beforeAll(async () => {
    t = await realApp();
    const response = await request(t.app).get('/sparql/examples').set('Accept', 'text/html');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    html = response.text;
  });

  it('lists every example: title, question, the query in a <pre>, an editor link and a curl command for CSV', () => {
    const text = unescapeHtml(html);
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => unescapeHtml(m[1] as string));
    const pres = [...html.matchAll(/<pre[^>]*><code>([\s\S]*?)<\/code><\/pre>/g)].map((m) =>
      unescapeHtml(m[1] as string),
    );
    for (const e of examples) {
      expect(html).toContain(`id="${e.id}"`);
      expect(text).toContain(e.title);
      expect(text).toContain(e.question);
      expect(pres).toContain(e.query);
      const editor = hrefs.find(
        (h) =>
          h.startsWith(`${TEST_BASE}sparql#`) &&
          new URLSearchParams(h.slice(h.indexOf('#') + 1)).get('query') === e.query,
      );
      expect(editor, `editor link of ${e.id}`).toBeDefined();
      expect(editor).toBe(`${TEST_BASE}sparql#query=${encodeURIComponent(e.query)}`);
      // The curl command: one single-quoted shell word holding query=<the query> (a quote in a comment closed,
      // escaped and reopened), posted to the endpoint with Accept: text/csv.
      const curls = pres.flatMap((p) => {
        const m = /^curl -H 'Accept: text\/csv' --data-urlencode ('[\s\S]*') (\S+)$/.exec(p);
        return m ? [{ word: (m[1] as string).slice(1, -1).split(`'\\''`).join("'"), url: m[2] }] : [];
      });
      expect(curls).toContainEqual({ word: `query=${e.query.trimEnd()}`, url: `${TEST_BASE}sparql` });
    }
  });

  it('editor links open the editor (the page behind the link answers HTML)', async () => {
    const response = await request(t.app).get('/sparql').set('Accept', 'text/html');
    expect(response.status).toBe(200);
    expect(response.text).toContain('id="yasgui"');
  });

  it('is in the sitemap and linked from the home page and the editor', async () => {
    const sitemap = await request(t.app).get('/sitemap.xml');
    expect(sitemap.text).toContain(`<loc>${TEST_BASE}sparql/examples</loc>`);
    const home = await request(t.app).get('/').set('Accept', 'text/html');
    expect(home.text).toContain(`href="${TEST_BASE}sparql/examples"`);
    const editor = await request(t.app).get('/sparql').set('Accept', 'text/html');
    expect(editor.text).toContain(`href="${TEST_BASE}sparql/examples"`);
  });

  it('answers HEAD, 304 on its ETag, and 406 to a client that does not take HTML', async () => {
    const head = await request(t.app).head('/sparql/examples');
    expect(head.status).toBe(200);
    const etag = head.headers.etag as string;
    expect(etag).toBeTruthy();
    const again = await request(t.app).get('/sparql/examples').set('If-None-Match', etag);
    expect(again.status).toBe(304);
    const json = await request(t.app).get('/sparql/examples').set('Accept', 'application/json');
    expect(json.status).toBe(406);
  });
});

describe('the query editor at BASE/sparql', () => {
  let t: TestApp;
  let html = '';
  beforeAll(async () => {
    t = await realApp();
    html = (await request(t.app).get('/sparql').set('Accept', 'text/html')).text;
  });

  it('loads YASGUI, its stylesheet and our scripts from our own server, nothing from another host', async () => {
    const sources = [
      ...html.matchAll(/<(?:script|img|iframe)[^>]*\ssrc="([^"]*)"/g),
      ...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]*)"/g),
    ].map((m) => m[1] as string);
    expect(sources).toEqual(
      expect.arrayContaining([
        `${TEST_BASE}assets/yasgui/yasgui.min.js`,
        `${TEST_BASE}assets/yasgui/yasgui.min.css`,
        `${TEST_BASE}assets/sparql-editor.js`,
      ]),
    );
    for (const src of sources) expect(src.startsWith(TEST_BASE), src).toBe(true);
    for (const [path, type] of [
      ['/assets/yasgui/yasgui.min.js', /javascript/],
      ['/assets/yasgui/yasgui.min.css', /text\/css/],
      ['/assets/sparql-editor.js', /javascript/],
      ['/assets/sparql.css', /text\/css/],
    ] as const) {
      const response = await request(t.app).get(path);
      expect(response.status, path).toBe(200);
      expect(response.headers['content-type']).toMatch(type);
    }
  });

  it('opens on this endpoint with the platform prefixes and offers every example', () => {
    const config = JSON.parse(
      unescapeHtml(
        /<script type="application\/json" id="sparql-config">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '{}',
      ).replace(/\\u003c/g, '<'),
    ) as {
      endpoint: string;
      prefixes: Record<string, string>;
      examples: Array<{ id: string; title: string; query: string }>;
    };
    expect(config.endpoint).toBe(`${TEST_BASE}sparql`);
    expect(config.prefixes.mig).toBe(`${TEST_BASE}ontology#`);
    expect(config.prefixes.process).toBe(`${TEST_BASE}id/process/`);
    expect(config.examples.map((e) => e.id)).toEqual(examples.map((e) => e.id));
    expect(config.examples.map((e) => e.query)).toEqual(examples.map((e) => e.query));
    for (const e of examples) expect(html).toContain(`<option value="${e.id}">`);
  });

  it('opens on a query that answers: the processes of every kind, with their labels', async () => {
    const config = JSON.parse(
      unescapeHtml(
        /<script type="application\/json" id="sparql-config">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '{}',
      ).replace(/\\u003c/g, '<'),
    ) as { defaultQuery: string };
    const res = await request(t.app)
      .post('/sparql')
      .type('application/sparql-query')
      .set('Accept', 'application/sparql-results+json')
      .send(config.defaultQuery);
    expect(res.status, res.text).toBe(200);
    const rows = (JSON.parse(res.text) as { results: { bindings: Array<Record<string, { value: string }>> } }).results
      .bindings;
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.map((r) => r.label?.value)).toContain('Bali Process');
  });
});
