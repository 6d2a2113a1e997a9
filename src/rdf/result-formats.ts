// The SPARQL result formats: the document format table's RDF formats plus the four results formats.
import { FORMATS, formatById, type FormatEntry } from './formats.js';

export interface ResultFormat {
  readonly id: string;
  readonly mediaType: string;
  readonly aliases: readonly string[];
  readonly label: string;
  /** The W3C format IRI (https://www.w3.org/ns/formats/) for the service description. */
  readonly formatIri: string;
  /** Set for RDF formats: the document format entry that serialises it. */
  readonly rdf?: FormatEntry;
}

const W3C_FORMATS = 'http://www.w3.org/ns/formats/';

/** SELECT and ASK answers. The first is the default for a missing Accept (the protocol's JSON). */
export const SOLUTION_FORMATS: readonly ResultFormat[] = [
  {
    id: 'json',
    mediaType: 'application/sparql-results+json',
    aliases: ['application/json'],
    label: 'SPARQL JSON',
    formatIri: `${W3C_FORMATS}SPARQL_Results_JSON`,
  },
  {
    id: 'xml',
    mediaType: 'application/sparql-results+xml',
    aliases: ['application/xml', 'text/xml'],
    label: 'SPARQL XML',
    formatIri: `${W3C_FORMATS}SPARQL_Results_XML`,
  },
  { id: 'csv', mediaType: 'text/csv', aliases: [], label: 'CSV', formatIri: `${W3C_FORMATS}SPARQL_Results_CSV` },
  {
    id: 'tsv',
    mediaType: 'text/tab-separated-values',
    aliases: [],
    label: 'TSV',
    formatIri: `${W3C_FORMATS}SPARQL_Results_TSV`,
  },
];

const GRAPH_FORMAT_IRIS: Record<string, string> = {
  turtle: `${W3C_FORMATS}Turtle`,
  jsonld: `${W3C_FORMATS}JSON-LD`,
  ntriples: `${W3C_FORMATS}N-Triples`,
  rdfxml: `${W3C_FORMATS}RDF_XML`,
};

/** CONSTRUCT and DESCRIBE answers: every RDF format of the document table, Turtle first (the default). */
export const GRAPH_FORMATS: readonly ResultFormat[] = FORMATS.filter((f) => f.rdf).map((f) => ({
  id: f.id,
  mediaType: f.mediaType,
  aliases: f.aliases,
  label: f.label,
  formatIri: GRAPH_FORMAT_IRIS[f.id] ?? '',
  rdf: f,
}));

/** The Content-Type of a result format (every one is textual UTF-8). */
export function resultContentType(format: ResultFormat): string {
  return `${format.mediaType}; charset=utf-8`;
}

/** The format id that stands for the HTML query editor among a request's negotiated formats. */
export const EDITOR_FORMAT = 'html';

/**
 * The HTML query editor, offered beside the result formats: a browser asking for HTML gets the
 * editor. Its media types are the document table's HTML entry.
 */
export const EDITOR_HTML: ResultFormat = (() => {
  const html = formatById('html');
  return { id: EDITOR_FORMAT, mediaType: html.mediaType, aliases: html.aliases, label: html.label, formatIri: '' };
})();
