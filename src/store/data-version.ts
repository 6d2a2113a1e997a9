// Data versions in a remote store: each load of the data is its own set of graphs, named by the
// content hash, and one triple in a control graph says which version readers use. Switching is
// that one triple, changed by one update, so readers see the old version or the new one, never a
// mix. The graphs' names are the store's, not published: nothing is served at them.
import { Parser, type Quad } from 'n3';
import { HttpError } from '../errors.js';
import { DCT, VOID } from '../rdf/vocab.js';
import { SparqlClient } from './sparql-client.js';
import { unavailable } from './store.js';
import { parseResultsJson } from './sparql-json.js';

const SD_DEFAULT_GRAPH = 'http://www.w3.org/ns/sparql-service-description#defaultGraph';
const XSD_DATETIME = 'http://www.w3.org/2001/XMLSchema#dateTime';

/** The store's names for one deployment (one BASE_IRI): the control graph and each version's graphs. */
export function storeGraphs(baseIri: string): {
  readonly control: string;
  readonly empty: string;
  version(contentHash: string): { readonly data: string; readonly ontology: string; readonly shapes: string };
} {
  const root = `${baseIri}.store/`;
  return {
    control: `${root}versions`,
    empty: `${root}empty`,
    version: (contentHash) => ({
      data: `${root}version/${contentHash}`,
      ontology: `${root}version/${contentHash}/ontology`,
      shapes: `${root}version/${contentHash}/shapes`,
    }),
  };
}

/** One loaded data version, as the control graph records it. */
export interface DataVersion {
  /** The graph that holds data and ontology: the SPARQL default graph of this version. */
  readonly graph: string;
  readonly contentHash: string;
  readonly modified: Date;
  readonly triples: number;
  /** When it was loaded. */
  readonly loaded: Date;
}

/** Every version the control graph records, newest load first, and which one readers use. */
export async function listVersions(
  client: SparqlClient,
  baseIri: string,
  timeoutMs: number,
): Promise<{ readonly current?: DataVersion; readonly versions: DataVersion[] }> {
  const { control } = storeGraphs(baseIri);
  const body = await client.query(
    `SELECT ?g ?hash ?modified ?triples ?loaded ?current WHERE {
       ?g <${DCT}identifier> ?hash ; <${DCT}modified> ?modified ; <${VOID}triples> ?triples ; <${DCT}created> ?loaded .
       OPTIONAL { <${control}> <${SD_DEFAULT_GRAPH}> ?current FILTER(?current = ?g) }
     } ORDER BY DESC(?loaded) ?g`,
    'application/sparql-results+json',
    { defaultGraph: control, timeoutMs },
  );
  let rows;
  try {
    rows = parseResultsJson(body).rows;
  } catch {
    throw unavailable('answered with something that is not SPARQL results JSON');
  }
  const versions: DataVersion[] = [];
  let current: DataVersion | undefined;
  for (const row of rows) {
    if (!row.g || !row.hash || !row.modified || !row.triples || !row.loaded) continue;
    const version: DataVersion = {
      graph: row.g.value,
      contentHash: row.hash.value,
      modified: new Date(row.modified.value),
      triples: Number(row.triples.value),
      loaded: new Date(row.loaded.value),
    };
    versions.push(version);
    if (row.current) current = version;
  }
  return { ...(current ? { current } : {}), versions };
}

/**
 * The version to serve: the one pinned (a content hash), else the one readers use; a 503 naming
 * the remedy when the store holds none.
 */
export async function servedVersion(
  client: SparqlClient,
  baseIri: string,
  timeoutMs: number,
  pinned?: string,
): Promise<DataVersion> {
  const { current, versions } = await listVersions(client, baseIri, timeoutMs);
  if (pinned) {
    const version = versions.find((v) => v.contentHash === pinned);
    if (!version)
      throw HttpError.serviceUnavailable(
        `The data store holds no data version ${pinned} for ${baseIri} (STORE_DATA_VERSION); it holds ${versions.map((v) => v.contentHash).join(', ') || 'none'}.`,
        30,
      );
    return version;
  }
  if (!current)
    throw HttpError.serviceUnavailable(
      `The data store holds no data version for ${baseIri}: load one with \`npm run load\` (docs/deployment.md).`,
      30,
    );
  return current;
}

/** The quads of one graph (the ontology's, the shapes'): small graphs, read whole. */
export async function readGraph(client: SparqlClient, graph: string, timeoutMs: number): Promise<Quad[]> {
  const body = await client.query('CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }', 'application/n-triples', {
    defaultGraph: graph,
    timeoutMs,
  });
  try {
    return new Parser({ format: 'application/n-triples' }).parse(body);
  } catch {
    throw unavailable(`answered the graph <${graph}> with something that is not N-Triples`);
  }
}

/** The update that records a version's facts in the control graph. */
export function recordVersionUpdate(baseIri: string, version: DataVersion): string {
  const { control } = storeGraphs(baseIri);
  const g = `<${version.graph}>`;
  return `INSERT DATA { GRAPH <${control}> {
    ${g} <${DCT}identifier> ${JSON.stringify(version.contentHash)} ;
      <${DCT}modified> "${version.modified.toISOString()}"^^<${XSD_DATETIME}> ;
      <${VOID}triples> ${version.triples} ;
      <${DCT}created> "${version.loaded.toISOString()}"^^<${XSD_DATETIME}> .
  } }`;
}

/**
 * The one update request that makes readers use `graph`: the old pointer out and the new one in.
 * Two operations of one request, which a store runs as one transaction (Virtuoso does), so a
 * reader sees either pointer, never none. (A single DELETE/INSERT with an OPTIONAL old pointer
 * would do it in one operation, but Virtuoso 7 inserts nothing when the OPTIONAL finds nothing.)
 */
export function switchVersionUpdate(baseIri: string, graph: string): string {
  const { control } = storeGraphs(baseIri);
  return `DELETE WHERE { GRAPH <${control}> { <${control}> <${SD_DEFAULT_GRAPH}> ?old } } ;
    INSERT DATA { GRAPH <${control}> { <${control}> <${SD_DEFAULT_GRAPH}> <${graph}> } }`;
}

/** The update that forgets a version's record (its graphs are dropped through the Graph Store protocol). */
export function forgetVersionUpdate(baseIri: string, graph: string): string {
  const { control } = storeGraphs(baseIri);
  return `DELETE WHERE { GRAPH <${control}> { <${graph}> ?p ?o } }`;
}
