// Worked example queries: the questions a migration researcher asks of this dataset, each answered by
// one SPARQL query. They appear in the query editor and on BASE/sparql/examples, and
// test/integration/sparql-examples.test.ts asserts every answer.
import { WELL_KNOWN_PREFIXES, ownPrefixes } from '../rdf/vocab.js';

/** One worked example: what is asked and the query that answers it. */
export interface SparqlExample {
  /** A slug, stable: used in anchors of the examples page. */
  readonly id: string;
  readonly title: string;
  /** The question, one sentence. */
  readonly question: string;
  /** The SPARQL query, with the PREFIX lines of the platform's prefixes under the base IRI. */
  readonly query: string;
}

interface ExampleSource {
  readonly id: string;
  readonly title: string;
  readonly question: string;
  /** The prefixes the query uses, in the order they are declared. */
  readonly prefixes: readonly string[];
  readonly body: string;
}

const EXAMPLES: readonly ExampleSource[] = [
  {
    id: 'technical-secretariat',
    title: 'Where IOM is the technical secretariat',
    question:
      'For which inter-state consultation mechanisms does IOM serve as technical secretariat, and together with which organisation?',
    prefixes: ['rdfs', 'org', 'mig', 'organisation', 'role'],
    body: `SELECT ?process ?processLabel ?partner ?partnerLabel WHERE {
  ?engagement org:member organisation:iom ;
              org:role role:technical-secretariat ;
              org:organization ?process .
  ?process rdfs:label ?processLabel .
  OPTIONAL {
    ?engagement mig:togetherWith ?partner .
    ?partner rdfs:label ?partnerLabel .
  }
}
ORDER BY ?processLabel`,
  },
  {
    id: 'observer',
    title: 'Where IOM is an observer',
    question: 'To which inter-state consultation mechanisms is IOM an observer?',
    prefixes: ['rdfs', 'org', 'organisation', 'role'],
    body: `SELECT ?process ?processLabel WHERE {
  ?engagement org:member organisation:iom ;
              org:role role:observer ;
              org:organization ?process .
  ?process rdfs:label ?processLabel .
}
ORDER BY ?processLabel`,
  },
  {
    id: 'secretariat-support',
    title: 'Secretariat support, in consultation with whom',
    question:
      'Which processes that have their own secretariats receive secretariat support from IOM, in consultation with which organisations, together with whom and through what?',
    prefixes: ['rdfs', 'org', 'mig', 'organisation', 'role'],
    body: `SELECT ?process ?processLabel ?consultedLabel ?partnerLabel ?throughLabel WHERE {
  ?engagement org:member organisation:iom ;
              org:role role:secretariat-support ;
              org:organization ?process .
  ?process rdfs:label ?processLabel .
  OPTIONAL { ?engagement mig:inConsultationWith/rdfs:label ?consultedLabel }
  OPTIONAL { ?engagement mig:togetherWith/rdfs:label ?partnerLabel }
  OPTIONAL { ?engagement mig:through/rdfs:label ?throughLabel }
}
ORDER BY ?processLabel ?consultedLabel`,
  },
  {
    id: 'processes-by-kind',
    title: 'Processes by kind',
    question:
      'Which processes does the page class as regional consultative processes, inter-regional forums, global processes on migration or multilateral policy processes?',
    prefixes: ['rdfs', 'mig'],
    body: `SELECT ?kind ?kindLabel ?process ?processLabel WHERE {
  VALUES ?kind { mig:RegionalConsultativeProcess mig:InterRegionalForum mig:GlobalProcess mig:MultilateralProcess }
  ?kind rdfs:label ?kindLabel .
  # A kind with no process in the data still shows, with an empty process.
  OPTIONAL { ?process a ?kind ; rdfs:label ?processLabel . }
}
ORDER BY ?kindLabel ?processLabel`,
  },
  {
    id: 'iom-leads-coordinates-participates-hosts',
    title: 'What IOM leads, coordinates, takes part in and hosts',
    question:
      'Which processes does IOM lead, coordinate or take part in as a participant, and which secretariats does it administratively host?',
    prefixes: ['rdfs', 'skos', 'org', 'organisation', 'role'],
    body: `SELECT ?roleLabel ?thing ?thingLabel WHERE {
  VALUES ?role { role:lead role:coordinator role:participant role:administrative-host }
  ?engagement org:member organisation:iom ;
              org:role ?role ;
              org:organization ?thing .
  ?role skos:prefLabel ?roleLabel .
  ?thing rdfs:label ?thingLabel .
}
ORDER BY ?roleLabel ?thingLabel`,
  },
  {
    id: 'idm-themes-by-year',
    title: 'International Dialogue on Migration: themes by year',
    question: 'What overarching theme guided the International Dialogue on Migration in each year from 2001 to 2019?',
    prefixes: ['mig', 'process'],
    body: `SELECT ?year ?edition ?theme WHERE {
  ?edition mig:editionOf process:international-dialogue-on-migration ;
           mig:year ?year .
  # The page prints no theme heading for some years.
  OPTIONAL { ?edition mig:theme ?theme }
}
ORDER BY ?year`,
  },
  {
    id: 'idm-sessions-by-year',
    title: 'International Dialogue on Migration: sessions by year',
    question:
      'Which sessions did the International Dialogue on Migration hold each year, and which of them took place at the IOM Council?',
    prefixes: ['dct', 'mig', 'process'],
    body: `SELECT ?year ?session ?title ?atCouncil WHERE {
  ?edition mig:editionOf process:international-dialogue-on-migration ;
           mig:year ?year .
  ?session mig:sessionOf ?edition ;
           dct:title ?title .
  BIND(EXISTS { ?session a mig:CouncilSession } AS ?atCouncil)
}
ORDER BY ?year ?title`,
  },
  {
    id: 'world-migration-report-editions',
    title: 'World Migration Report editions',
    question:
      'Which editions of the World Migration Report has IOM published, in order, and what is the title of each?',
    prefixes: ['rdfs', 'dct', 'mig', 'publication'],
    body: `SELECT ?year ?edition ?label ?title ?ordinal WHERE {
  ?edition mig:inSeries publication:world-migration-report ;
           mig:year ?year ;
           rdfs:label ?label ;
           dct:title ?title .
  # Only some editions say where they stand in the series ("the ninth", "IOM's second").
  OPTIONAL { ?edition mig:ordinal ?ordinal }
}
ORDER BY ?year`,
  },
  {
    id: 'multilateral-processes-division-people',
    title: 'The Multilateral Processes Division: people and posts',
    question: 'Who works in the Multilateral Processes Division, with what job title, and which post does each hold?',
    prefixes: ['rdfs', 'foaf', 'org', 'schema', 'organisation'],
    body: `SELECT ?person ?name ?jobTitle ?post ?postLabel WHERE {
  ?post org:postIn organisation:multilateral-processes-division ;
        rdfs:label ?postLabel .
  ?person org:holds ?post ;
          foaf:name ?name ;
          schema:jobTitle ?jobTitle .
}
ORDER BY ?postLabel ?name`,
  },
  {
    id: 'africa-migrants-by-subregion-2000',
    title: "Africa's migrants by subregion, 2000",
    question: "What share of Africa's migrants lived in each of its subregions in 2000?",
    prefixes: ['rdfs', 'qb', 'mig', 'statistic'],
    body: `SELECT ?subregion ?subregionLabel ?percentage WHERE {
  ?observation qb:dataSet statistic:africa-migrants-by-subregion-2000 ;
               mig:year ?year ;
               mig:subregion ?subregion ;
               mig:percentage ?percentage .
  ?subregion rdfs:label ?subregionLabel .
  FILTER(STR(?year) = "2000")
}
ORDER BY DESC(?percentage)`,
  },
  {
    id: 'migration-law-training-courses',
    title: 'International Migration Law training courses',
    question:
      'Which International Migration Law training courses does IOM run, who provides them, where, how often and in collaboration with whom?',
    prefixes: ['rdfs', 'schema', 'mig'],
    body: `SELECT ?course ?courseLabel ?providerLabel ?placeLabel ?countryLabel ?partnerLabel ?frequency WHERE {
  ?course a mig:TrainingCourse ;
          rdfs:label ?courseLabel ;
          schema:provider/rdfs:label ?providerLabel ;
          schema:location ?place ;
          mig:inCollaborationWith/rdfs:label ?partnerLabel .
  ?place rdfs:label ?placeLabel .
  OPTIONAL { ?place schema:containedInPlace/rdfs:label ?countryLabel }
  OPTIONAL { ?course mig:frequency ?frequency }
}
ORDER BY ?courseLabel`,
  },
  {
    id: 'iom-organisational-structure',
    title: "IOM's organisational structure",
    question:
      'Which departments, divisions, units, centres and governing bodies of IOM does the page name, of which kind, and what is each part of?',
    prefixes: ['rdfs', 'org', 'mig', 'organisation'],
    body: `SELECT ?unit ?unitLabel ?kindLabel ?partOfLabel WHERE {
  ?unit org:unitOf+ organisation:iom ;
        org:unitOf ?partOf ;
        a ?kind ;
        rdfs:label ?unitLabel .
  ?partOf rdfs:label ?partOfLabel .
  ?kind rdfs:label ?kindLabel .
  FILTER(STRSTARTS(STR(?kind), STR(mig:)))
}
ORDER BY ?partOfLabel ?unitLabel`,
  },
  {
    id: 'research-objectives',
    title: 'Research objectives of the Migration Policy Research Division',
    question:
      'What are the research objectives of the Migration Policy Research Division, in the order the page lists them?',
    prefixes: ['rdfs', 'skos', 'schema', 'mig', 'organisation'],
    body: `SELECT ?position ?objective ?label ?definition WHERE {
  ?objective mig:objectiveOf organisation:migration-policy-research-division ;
             schema:position ?position ;
             rdfs:label ?label ;
             skos:definition ?definition .
}
ORDER BY ?position`,
  },
  {
    id: 'resources-per-class',
    title: 'Resources per class',
    question: 'How many things of each class does the dataset describe?',
    prefixes: [],
    body: `SELECT ?class (COUNT(DISTINCT ?thing) AS ?things) WHERE {
  ?thing a ?class .
  # Only the things of the dataset (BASE/id/...), not the ontology's own terms.
  FILTER(STRSTARTS(STR(?thing), "{BASE}id/"))
}
GROUP BY ?class
ORDER BY DESC(?things) ?class`,
  },
  {
    id: 'sources-of-a-resource',
    title: 'Where a fact comes from',
    question:
      'From which sections of the IOM source page does what the dataset says about the Global Forum on Migration and Development come?',
    prefixes: ['rdfs', 'dct', 'schema', 'mig', 'process'],
    body: `SELECT ?section ?sectionLabel ?position ?pageLabel WHERE {
  process:gfmd dct:source ?section .
  ?section rdfs:label ?sectionLabel ;
           schema:position ?position ;
           dct:isPartOf+ ?page .
  ?page a mig:SourcePage ;
        rdfs:label ?pageLabel .
}
ORDER BY ?position`,
  },
  {
    id: 'engagements-about-a-process',
    title: "All of IOM's roles in one process",
    question: 'In which roles is IOM engaged in the Puebla Process, and which section of the page says so?',
    prefixes: ['rdfs', 'skos', 'dct', 'org', 'organisation', 'process'],
    body: `SELECT ?engagement ?roleLabel ?sectionLabel WHERE {
  ?engagement org:member organisation:iom ;
              org:organization process:puebla-process ;
              org:role/skos:prefLabel ?roleLabel ;
              dct:source/rdfs:label ?sectionLabel .
}
ORDER BY ?roleLabel`,
  },
];

/** The worked examples, their queries written for the given base IRI. */
export function sparqlExamples(baseIri: string): SparqlExample[] {
  const namespaces: Record<string, string> = { ...WELL_KNOWN_PREFIXES, ...ownPrefixes(baseIri) };
  return EXAMPLES.map(({ id, title, question, prefixes, body }) => {
    const declarations = prefixes.map((prefix) => {
      const ns = namespaces[prefix];
      if (ns === undefined) throw new Error(`Example ${id} uses an unknown prefix ${prefix}:`);
      return `PREFIX ${prefix}: <${ns}>\n`;
    });
    const text = body.replaceAll('{BASE}', baseIri);
    return { id, title, question, query: `${declarations.join('')}${declarations.length ? '\n' : ''}${text}\n` };
  });
}
