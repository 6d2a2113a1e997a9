// The dataset: its VoID and DCAT description (RDF or the HTML dataset page), the dumps' links and
// the dumps themselves.
import { createHash } from 'node:crypto';
import { DataFactory, Parser, type Quad } from 'n3';
import { FORMATS, contentType, formatById, type FormatEntry } from '../../rdf/formats.js';
import { DCAT, DCT, RDF, RDFS, VOID, ontologyNamespace } from '../../rdf/vocab.js';
import { dedupe } from '../../rdf/document.js';
import { curieOf, thingSpace } from '../../rdf/layout.js';
import { writeFileRepresentation, type FileRepresentation } from '../file-representation.js';
import { alternatesFor } from '../html.js';
import type { Representation } from '../representation.js';
import type { SchemaNode } from '../schema-org.js';
import { writeN3 } from '../../rdf/serialise.js';
import {
  DATASET_DESCRIPTION,
  DATASET_TITLE,
  LICENSE_IRI,
  LICENSE_LABEL,
  PUBLISHER_NAME,
  SOURCE_NOTE,
} from '../site-content.js';
import { vocabularyUsage, type VocabularyUsage } from '../vocabulary-usage.js';
import { htmlPage, onSite, rdfDocument, type PageContext } from './page-context.js';

const { namedNode, literal, quad } = DataFactory;

export type DumpFormat = 'turtle' | 'ntriples';

export interface DumpLink {
  format: FormatEntry;
  href: string;
  id: DumpFormat;
}

/** The dumps and their stable URLs. */
export function dumpLinks(datasetIri: string): DumpLink[] {
  return (['turtle', 'ntriples'] as const).map((id) => {
    const format = formatById(id);
    return { id, format, href: `${datasetIri}/dump.${format.extension}` };
  });
}

const integer = (n: number): Quad['object'] =>
  literal(String(n), namedNode('http://www.w3.org/2001/XMLSchema#integer'));

/** A partition's fragment: `class-Process` for our terms, `class-org-Organization` for others', else a hash. */
function partitionKey(ctx: PageContext, iri: string): string {
  const mig = ontologyNamespace(ctx.baseIri);
  if (iri.startsWith(mig) && /^[A-Za-z][\w-]*$/.test(iri.slice(mig.length))) return iri.slice(mig.length);
  const curie = curieOf(ctx.prefixes, iri);
  if (curie) return curie.replace(':', '-');
  return `iri-${createHash('sha256').update(iri).digest('hex').slice(0, 16)}`;
}

/** The partitions of the dataset by class and by property, one IRI each (no blank nodes: docs/modelling.md). */
export interface Partition {
  readonly iri: string;
  readonly term: string;
  readonly count: number;
}

/** The class and property partitions with their counts, in order of term IRI. */
export function partitions(
  ctx: PageContext,
  usage: VocabularyUsage,
): { classes: Partition[]; properties: Partition[] } {
  const list = (uses: VocabularyUsage['classes'], kind: 'class' | 'property'): Partition[] =>
    [...uses.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([term, use]) => ({ iri: `${ctx.datasetIri}#${kind}-${partitionKey(ctx, term)}`, term, count: use.count }));
  return { classes: list(usage.classes, 'class'), properties: list(usage.properties, 'property') };
}

/** The void:classPartition and void:propertyPartition quads. */
function partitionQuads(ctx: PageContext, usage: VocabularyUsage): Quad[] {
  const d = namedNode(ctx.datasetIri);
  const { classes, properties } = partitions(ctx, usage);
  return [
    ...classes.flatMap((p) => [
      quad(d, namedNode(`${VOID}classPartition`), namedNode(p.iri)),
      quad(namedNode(p.iri), namedNode(`${RDF}type`), namedNode(`${VOID}Dataset`)),
      quad(namedNode(p.iri), namedNode(`${VOID}class`), namedNode(p.term)),
      quad(namedNode(p.iri), namedNode(`${VOID}entities`), integer(p.count)),
    ]),
    ...properties.flatMap((p) => [
      quad(d, namedNode(`${VOID}propertyPartition`), namedNode(p.iri)),
      quad(namedNode(p.iri), namedNode(`${RDF}type`), namedNode(`${VOID}Dataset`)),
      quad(namedNode(p.iri), namedNode(`${VOID}property`), namedNode(p.term)),
      quad(namedNode(p.iri), namedNode(`${VOID}triples`), integer(p.count)),
    ]),
  ];
}

/**
 * The VoID and DCAT description of the dataset; with the vocabulary's usage (see vocabularyUsage),
 * its class and property partitions with their counts too.
 */
export function datasetQuads(ctx: PageContext, usage?: VocabularyUsage): Quad[] {
  const d = namedNode(ctx.datasetIri);
  const t = (p: string, o: Quad['object']): Quad => quad(d, namedNode(p), o);
  const quads: Quad[] = [
    t(`${RDF}type`, namedNode(`${VOID}Dataset`)),
    t(`${RDF}type`, namedNode(`${DCAT}Dataset`)),
    t(`${DCT}title`, literal(DATASET_TITLE, 'en')),
    t(`${RDFS}label`, literal(DATASET_TITLE, 'en')),
    t(`${DCT}description`, literal(DATASET_DESCRIPTION, 'en')),
    t(`${DCT}publisher`, namedNode(`${ctx.baseIri}id/organisation/iom`)),
    t(`${DCT}license`, namedNode(LICENSE_IRI)),
    // The date of the data's release (releases.tsv), not of any file: the same on every copy.
    t(
      `${DCT}modified`,
      literal(ctx.modified.toISOString().slice(0, 10), namedNode('http://www.w3.org/2001/XMLSchema#date')),
    ),
    t(`${DCT}source`, namedNode(`${ctx.baseIri}id/source/iom-migration-governance-page`)),
    t(`${VOID}triples`, literal(String(ctx.tripleCount), namedNode('http://www.w3.org/2001/XMLSchema#integer'))),
    t(`${VOID}entities`, literal(String(ctx.things.size), namedNode('http://www.w3.org/2001/XMLSchema#integer'))),
    t(`${VOID}uriSpace`, literal(thingSpace(ctx.baseIri))),
    t(`${VOID}sparqlEndpoint`, namedNode(`${ctx.baseIri}sparql`)),
    t(`${VOID}vocabulary`, namedNode(ontologyNamespace(ctx.baseIri))),
    t(`${VOID}rootResource`, namedNode(`${ctx.baseIri}id/organisation/iom`)),
    t(`${VOID}exampleResource`, namedNode(`${ctx.baseIri}id/process/bali-process`)),
    t(`${DCAT}landingPage`, namedNode(ctx.baseIri)),
    quad(namedNode(`${ctx.baseIri}id/organisation/iom`), namedNode(`${RDFS}label`), literal(PUBLISHER_NAME, 'en')),
    ...(usage ? partitionQuads(ctx, usage) : []),
  ];
  for (const dump of dumpLinks(ctx.datasetIri)) {
    const dist = namedNode(`${ctx.datasetIri}#dump-${dump.format.extension}`);
    quads.push(
      t(`${VOID}dataDump`, namedNode(dump.href)),
      t(`${DCAT}distribution`, dist),
      quad(dist, namedNode(`${RDF}type`), namedNode(`${DCAT}Distribution`)),
      quad(dist, namedNode(`${DCAT}downloadURL`), namedNode(dump.href)),
      quad(
        dist,
        namedNode(`${DCAT}mediaType`),
        namedNode(`https://www.iana.org/assignments/media-types/${dump.format.mediaType}`),
      ),
      quad(dist, namedNode(`${DCT}title`), literal(`${dump.format.label} dump`, 'en')),
      quad(dist, namedNode(`${DCT}license`), namedNode(LICENSE_IRI)),
    );
  }
  return dedupe(quads);
}

/** The dataset description page or RDF. */
export async function datasetDocument(ctx: PageContext, format: FormatEntry): Promise<Representation> {
  const usage = await vocabularyUsage(ctx.store, thingSpace(ctx.baseIri));
  if (format.rdf) return rdfDocument(ctx, datasetQuads(ctx, usage), format, ctx.datasetIri);
  const { classes, properties } = partitions(ctx, usage);
  const term = (p: Partition) => ({
    id: p.iri.slice(p.iri.indexOf('#') + 1),
    name: curieOf(ctx.prefixes, p.term) ?? p.term,
    href: p.term.startsWith(ontologyNamespace(ctx.baseIri))
      ? onSite(ctx, `${ctx.baseIri}ontology#${p.term.slice(ontologyNamespace(ctx.baseIri).length)}`)
      : undefined,
    count: p.count,
  });
  const dumps = dumpLinks(ctx.datasetIri);
  const schema: SchemaNode = {
    '@context': 'https://schema.org',
    '@type': 'Dataset',
    '@id': ctx.datasetIri,
    url: ctx.datasetIri,
    name: DATASET_TITLE,
    description: DATASET_DESCRIPTION,
    license: LICENSE_IRI,
    isAccessibleForFree: true,
    dateModified: ctx.modified.toISOString().slice(0, 10),
    publisher: {
      '@type': 'GovernmentOrganization',
      '@id': `${ctx.baseIri}id/organisation/iom`,
      name: PUBLISHER_NAME,
    },
    distribution: dumps.map((d) => ({
      '@type': 'DataDownload',
      contentUrl: d.href,
      encodingFormat: d.format.mediaType,
    })),
  };
  return htmlPage(
    ctx,
    'dataset',
    {
      title: DATASET_TITLE,
      description: DATASET_DESCRIPTION,
      canonical: ctx.datasetIri,
      alternates: alternatesFor(
        onSite(ctx, ctx.datasetIri),
        FORMATS.filter((f) => f.rdf),
      ),
      schema,
    },
    {
      description: DATASET_DESCRIPTION,
      publisher: PUBLISHER_NAME,
      licenseLabel: LICENSE_LABEL,
      triples: ctx.tripleCount,
      uriSpace: thingSpace(ctx.baseIri),
      sparql: `${ctx.siteUrl}sparql`,
      dumps: dumps.map((d) => ({
        href: onSite(ctx, d.href),
        label: `${d.format.label} dump`,
        mediaType: d.format.mediaType,
      })),
      source: SOURCE_NOTE,
      classPartitions: classes.map(term),
      propertyPartitions: properties.map(term),
    },
  );
}

/** The full dump of the default graph (data + ontology), written to an unlinked file under `fileDir`. */
export async function writeDump(ctx: PageContext, fileDir: string, id: DumpFormat): Promise<FileRepresentation> {
  const format = formatById(id);
  // N-Triples straight from Oxigraph; Turtle through N3.js for the prefixes.
  const nt = await ctx.store.nTriples();
  const body =
    id === 'turtle'
      ? await writeN3(new Parser({ format: 'application/n-triples' }).parse(nt), {
          format: 'text/turtle',
          prefixes: ctx.prefixes,
        })
      : nt;
  return writeFileRepresentation(fileDir, body, contentType(format));
}
