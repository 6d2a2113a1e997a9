// The ONE format table: media types, file extensions and labels of every representation.

export type FormatId = 'html' | 'jsonld' | 'turtle' | 'ntriples' | 'rdfxml';

export interface FormatEntry {
  readonly id: FormatId;
  /** The media type sent in Content-Type (with `; charset=utf-8`). */
  readonly mediaType: string;
  /** Other media types a client may ask for that this format answers. */
  readonly aliases: readonly string[];
  readonly extension: string;
  readonly label: string;
  /** True for RDF serialisations (everything but HTML). */
  readonly rdf: boolean;
}

// In order of preference: the first one wins a tie, so a wildcard Accept and no Accept get HTML.
export const FORMATS: readonly FormatEntry[] = [
  {
    id: 'html',
    mediaType: 'text/html',
    aliases: ['application/xhtml+xml'],
    extension: 'html',
    label: 'HTML',
    rdf: false,
  },
  {
    id: 'turtle',
    mediaType: 'text/turtle',
    aliases: ['application/x-turtle', 'text/n3'],
    extension: 'ttl',
    label: 'Turtle',
    rdf: true,
  },
  {
    id: 'jsonld',
    mediaType: 'application/ld+json',
    aliases: ['application/json'],
    extension: 'jsonld',
    label: 'JSON-LD',
    rdf: true,
  },
  { id: 'ntriples', mediaType: 'application/n-triples', aliases: [], extension: 'nt', label: 'N-Triples', rdf: true },
  { id: 'rdfxml', mediaType: 'application/rdf+xml', aliases: [], extension: 'rdf', label: 'RDF/XML', rdf: true },
];

const BY_ID = new Map(FORMATS.map((f) => [f.id, f]));
const BY_EXTENSION = new Map(FORMATS.map((f) => [f.extension, f]));

export function formatById(id: FormatId): FormatEntry {
  const format = BY_ID.get(id);
  if (!format) throw new Error(`unknown format ${id}`);
  return format;
}

export function formatByExtension(extension: string): FormatEntry | undefined {
  return BY_EXTENSION.get(extension);
}

/** The Content-Type header value of a format. */
export function contentType(format: FormatEntry): string {
  return `${format.mediaType}; charset=utf-8`;
}
