// The site's own fixed content: its title, description and licence, the collections' titles and
// the kinds of process the home page groups by. Everything else on a page comes from the data.
import type { Collection } from '../rdf/vocab.js';

export const LICENSE_IRI = 'https://creativecommons.org/licenses/by/4.0/';
export const LICENSE_LABEL = 'Creative Commons Attribution 4.0 International (CC BY 4.0)';
export const DATASET_TITLE = 'IOM migration governance linked data';
export const DATASET_DESCRIPTION =
  "IOM's work on migration governance as linked open data: inter-state consultation processes and IOM's roles in them, " +
  'the organisations involved, IOM divisions and people, the International Dialogue on Migration (2001-2019) and ' +
  'IOM publications such as the World Migration Report, each fact traced to the section of the IOM web page it comes from.';
/** The publisher of the dataset, named on the dataset page. */
export const PUBLISHER_NAME = 'International Organization for Migration';
/** Where the data comes from, as the dataset page says it. */
export const SOURCE_NOTE = 'IOM web pages on migration governance (captured text, identified as 000_86d49b910b66719a).';

export const COLLECTION_TITLES: Record<Collection, string> = {
  process: 'Processes',
  organisation: 'Organisations',
  engagement: 'Engagements (IOM roles in processes)',
  role: 'Roles',
  person: 'People',
  post: 'Posts',
  publication: 'Publications',
  event: 'Events',
  instrument: 'Instruments and frameworks',
  objective: 'Objectives',
  topic: 'Topics',
  place: 'Places',
  address: 'Postal addresses',
  statistic: 'Statistics',
  project: 'Projects',
  section: 'Source sections',
  source: 'Sources',
};

/** The process classes (local names in the ontology) the home page lists processes by, in order. */
export const HOME_PROCESS_KINDS = [
  'RegionalConsultativeProcess',
  'InterRegionalForum',
  'GlobalProcess',
  'InterStateConsultationMechanism',
  'MultilateralProcess',
] as const;
/** The catch-all kind: only processes typed with it alone are listed under it, with this heading. */
export const HOME_OTHER_PROCESS_KIND = 'InterStateConsultationMechanism';
export const HOME_OTHER_PROCESS_LABEL = 'Other inter-state consultation mechanisms (kind not stated)';

/** What each of the home page's counts counts. */
export const HOME_COUNT_LABELS = {
  processes: 'consultation processes',
  organisations: 'organisations',
  engagements: 'engagements of IOM',
  roles: 'kinds of IOM role',
  idmYears: 'IDM years',
  wmrEditions: 'WMR editions',
  triples: 'triples, each sourced',
} as const;
