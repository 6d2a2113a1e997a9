// The published site: every representation the server answers with, built from one loaded dataset.
import { DataFactory, Parser, type Quad } from 'n3';
import type { PublishedDataset } from '../dataset/open.js';
import { FORMATS, contentType, formatById, type FormatEntry } from '../negotiate/formats.js';
import {
  COLLECTIONS,
  DCAT,
  DCT,
  FOAF,
  OWL,
  RDF,
  RDFS,
  SH,
  VOID,
  WELL_KNOWN_PREFIXES,
  ontologyNamespace,
  ownPrefixes,
  type Collection,
} from '../rdf/vocab.js';
import { documentIri } from '../resolve/resolve-path.js';
import { buildThingIndex, type ThingIndex, type ThingInfo } from '../resolve/thing-index.js';
import { MemoryStore } from '../store/memory-store.js';
import { dedupe, describeResource, type SiteInfo } from './describe.js';
import { alternatesFor, createHtmlRenderer, type HtmlRenderer, type PageFrame, type TemplateName } from './html.js';
import { buildJsonLdContext, type JsonLdContext } from './jsonld-context.js';
import { writeFileRepresentation, type FileRepresentation } from './file-representation.js';
import { RepresentationCache, makeRepresentation, shareWhileRunning, type Representation } from './representation.js';
import { buildResourceView, describeValue, hrefFor, linkable } from './resource-view.js';
import { describeForSearchEngines, scriptSafeJson, type SchemaNode } from './schema-org.js';
import { serialiseDocument, writeN3 } from './serialise.js';
import { VocabularyLabels, localName } from './vocabulary-labels.js';
import { sparqlExamples, type SparqlExample } from '../sparql/examples.js';

const { namedNode, literal, quad } = DataFactory;

export const LICENSE_IRI = 'https://creativecommons.org/licenses/by/4.0/';
export const LICENSE_LABEL = 'Creative Commons Attribution 4.0 International (CC BY 4.0)';
export const DATASET_TITLE = 'IOM migration governance linked data';
export const DATASET_DESCRIPTION =
  "IOM's work on migration governance as linked open data: inter-state consultation processes and IOM's roles in them, " +
  'the organisations involved, IOM divisions and people, the International Dialogue on Migration (2001-2019) and ' +
  'IOM publications such as the World Migration Report, each fact traced to the section of the IOM web page it comes from.';
/** Items per page of a collection listing. */
export const PAGE_SIZE = 50;

const COLLECTION_TITLES: Record<Collection, string> = {
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
  statistic: 'Statistics',
  project: 'Projects',
  section: 'Source sections',
  source: 'Sources',
};

export type DumpFormat = 'turtle' | 'ntriples';

export interface SiteOptions {
  /** The bound of the in-memory representation cache, in bytes (CACHE_MAX_BYTES). */
  readonly cacheMaxBytes: number;
  /** Where the dumps are written (as unlinked files: see file-representation.ts). */
  readonly fileDir: string;
}

/** Every page and document of the platform, rendered on first request and then cached. */
export class Site {
  readonly baseIri: string;
  readonly store: MemoryStore;
  readonly index: ThingIndex;
  readonly context: JsonLdContext;
  readonly modified: Date;
  /** The ontology alone: what the ontology page and the JSON-LD context read. */
  private readonly ontologyStore: MemoryStore;
  private readonly labels: VocabularyLabels;
  private readonly html: HtmlRenderer;
  private readonly cache: RepresentationCache;
  private readonly fileDir: string;
  /** The dumps written so far, and those being written (concurrent requests share one rendering). */
  private readonly dumpFiles = new Map<DumpFormat, FileRepresentation>();
  private readonly dumpsPending = new Map<DumpFormat, Promise<FileRepresentation>>();
  private readonly info: SiteInfo;
  readonly prefixes: Record<string, string>;
  private examples: SparqlExample[] | undefined;

  /** `index`, when given, must be the thing index of this dataset (see cachedThingIndex). */
  constructor(
    readonly dataset: PublishedDataset,
    viewsDir: string,
    options: SiteOptions,
    index?: ThingIndex,
  ) {
    this.cache = new RepresentationCache(options.cacheMaxBytes);
    this.fileDir = options.fileDir;
    this.baseIri = dataset.baseIri;
    this.store = dataset.store;
    this.index = index ?? buildThingIndex(this.store, this.baseIri);
    this.labels = new VocabularyLabels(this.store, dataset.shapes);
    this.ontologyStore = new MemoryStore(dataset.ontology);
    this.context = buildJsonLdContext(this.ontologyStore, this.baseIri);
    this.modified = dataset.modified;
    this.prefixes = { ...WELL_KNOWN_PREFIXES, ...ownPrefixes(this.baseIri), shape: `${this.baseIri}shapes#` };
    this.info = { baseIri: this.baseIri, datasetIri: this.datasetIri, licenseIri: LICENSE_IRI };
    this.html = createHtmlRenderer(viewsDir, { base: this.baseIri, licenseIri: LICENSE_IRI });
  }

  get datasetIri(): string {
    return `${this.baseIri}dataset`;
  }

  /** The triple count of the default graph (data + ontology), which the dumps hold. */
  get tripleCount(): number {
    return this.store.size;
  }

  // ----- resource documents ---------------------------------------------------------------

  /** The document about one thing, in one format. */
  /** The document about a thing in one format, if it has been rendered already (no waiting). */
  renderedDocument(thing: ThingInfo, format: FormatEntry): Representation | undefined {
    return this.cache.peek(`doc ${thing.iri} ${format.id}`);
  }

  resourceDocument(thing: ThingInfo, format: FormatEntry): Promise<Representation> {
    return this.cache.get(`doc ${thing.iri} ${format.id}`, async () => {
      const docIri = documentIri(thing, this.baseIri);
      if (format.rdf) {
        const quads = describeResource(this.store, thing.iri, docIri, this.info);
        return this.rdf(quads, format, thing.iri);
      }
      const view = buildResourceView(this.store, this.labels, thing.iri, this.baseIri);
      return this.page(
        'resource',
        {
          title: view.title,
          ...(view.description ? { description: view.description } : {}),
          canonical: docIri,
          alternates: alternatesFor(docIri, FORMATS),
          schema: describeForSearchEngines(this.store, thing.iri, this.baseIri),
        },
        { view },
      );
    });
  }

  /** The 410 page of a withdrawn thing. */
  gonePage(thing: ThingInfo): Promise<Representation> {
    return this.cache.get(`gone ${thing.iri}`, () => {
      const note = this.store.objects(namedNode(thing.iri), 'http://www.w3.org/2004/02/skos/core#changeNote')[0]?.value;
      return this.errorPage(
        410,
        'Gone',
        `${thing.label} (${thing.iri}) has been withdrawn and is no longer published.${note ? ` ${note}` : ''}`,
      );
    });
  }

  // ----- collections ------------------------------------------------------------------------

  /** Number of pages of a collection (at least 1). */
  pageCount(collection: Collection): number {
    return Math.max(1, Math.ceil(this.items(collection).length / PAGE_SIZE));
  }

  /** One page of a collection listing. */
  collectionDocument(collection: Collection, page: number, format: FormatEntry): Promise<Representation> {
    return this.cache.get(`collection ${collection} ${page} ${format.id}`, () => {
      const all = this.items(collection);
      const pages = this.pageCount(collection);
      const items = all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
      const stem = `${this.baseIri}doc/${collection}`;
      const pageIri = (n: number): string => (n === 1 ? stem : `${stem}?page=${n}`);
      const title = COLLECTION_TITLES[collection];
      if (format.rdf) {
        const doc = namedNode(pageIri(page));
        const quads: Quad[] = [
          quad(doc, namedNode(`${RDF}type`), namedNode(`${FOAF}Document`)),
          quad(doc, namedNode(`${DCT}title`), literal(title, 'en')),
          quad(doc, namedNode(`${VOID}inDataset`), namedNode(this.datasetIri)),
        ];
        if (page > 1)
          quads.push(quad(doc, namedNode('http://www.w3.org/1999/xhtml/vocab#prev'), namedNode(pageIri(page - 1))));
        if (page < pages)
          quads.push(quad(doc, namedNode('http://www.w3.org/1999/xhtml/vocab#next'), namedNode(pageIri(page + 1))));
        for (const item of items) {
          quads.push(quad(doc, namedNode(`${RDFS}member`), namedNode(item.iri)));
          quads.push(...this.store.labelQuads(namedNode(item.iri)));
          for (const type of item.types)
            quads.push(quad(namedNode(item.iri), namedNode(`${RDF}type`), namedNode(type)));
        }
        return this.rdf(quads, format);
      }
      const schema: SchemaNode = {
        '@context': 'https://schema.org',
        '@type': 'CollectionPage',
        '@id': pageIri(page),
        url: pageIri(page),
        name: title,
        isPartOf: { '@id': this.datasetIri, '@type': 'Dataset', name: DATASET_TITLE },
        mainEntity: {
          '@type': 'ItemList',
          numberOfItems: all.length,
          itemListElement: items.map((item, i) => ({
            '@type': 'ListItem',
            position: (page - 1) * PAGE_SIZE + i + 1,
            url: hrefFor(item.iri, this.baseIri),
            name: item.label,
          })),
        },
      };
      return this.page(
        'collection',
        {
          title,
          canonical: pageIri(page),
          alternates: alternatesFor(
            stem,
            FORMATS.filter((f) => f.rdf),
          ).map((a) => ({
            ...a,
            href: page === 1 ? a.href : `${a.href}?page=${page}`,
          })),
          schema,
        },
        {
          total: all.length,
          page,
          pages: pages > 1 ? pages : undefined,
          items: items.map((item) => ({
            href: hrefFor(item.iri, this.baseIri),
            label: item.label,
            types: item.types.map((t) => this.labels.label(t)).join(', '),
          })),
          pagination:
            pages > 1
              ? { prev: page > 1 ? pageIri(page - 1) : undefined, next: page < pages ? pageIri(page + 1) : undefined }
              : undefined,
        },
      );
    });
  }

  private items(collection: Collection): readonly ThingInfo[] {
    return (this.index.byCollection.get(collection) ?? []).filter((t) => !t.withdrawn && !t.replacedBy);
  }

  // ----- home, ontology, shapes, dataset -------------------------------------------------------

  /** The home page. */
  homePage(): Promise<Representation> {
    return this.cache.get('home', () => {
      const mig = ontologyNamespace(this.baseIri);
      const processKinds = [
        'RegionalConsultativeProcess',
        'InterRegionalForum',
        'GlobalProcess',
        'InterStateConsultationMechanism',
        'MultilateralProcess',
      ].map((kind) => ({
        label:
          kind === 'InterStateConsultationMechanism'
            ? 'Other inter-state consultation mechanisms (kind not stated)'
            : this.labels.label(mig + kind),
        items: this.items('process')
          .filter((p) => p.types.includes(mig + kind))
          .filter((p) => kind !== 'InterStateConsultationMechanism' || p.types.length === 1)
          .map((p) => ({ href: hrefFor(p.iri, this.baseIri), label: p.label })),
      }));
      // Each thing's year is looked up once, not once per comparison.
      const byYear = (things: readonly ThingInfo[]): ThingInfo[] => {
        const years = new Map(things.map((t) => [t, this.year(t)]));
        return [...things].sort((a, b) => (years.get(a) ?? '').localeCompare(years.get(b) ?? ''));
      };
      const idm = byYear(this.items('event').filter((e) => e.types.includes(`${mig}DialogueEdition`))).map((e) => ({
        href: hrefFor(e.iri, this.baseIri),
        label: e.label,
        theme: this.store.objects(namedNode(e.iri), `${mig}theme`)[0]?.value,
      }));
      const wmr = byYear(
        this.items('publication').filter((p) =>
          this.store
            .objects(namedNode(p.iri), `${mig}inSeries`)
            .some((s) => s.value.endsWith('/world-migration-report')),
        ),
      ).map((p) => ({
        href: hrefFor(p.iri, this.baseIri),
        label: p.label,
        title: this.store.objects(namedNode(p.iri), `${DCT}title`)[0]?.value,
      }));
      const collections = COLLECTIONS.map((c) => ({
        href: `${this.baseIri}doc/${c}`,
        label: COLLECTION_TITLES[c],
        count: this.items(c).length,
      }));
      const schema: SchemaNode = {
        '@context': 'https://schema.org',
        '@type': 'WebSite',
        '@id': this.baseIri,
        url: this.baseIri,
        name: DATASET_TITLE,
        description: DATASET_DESCRIPTION,
        about: { '@id': this.datasetIri, '@type': 'Dataset', name: DATASET_TITLE, url: this.datasetIri },
      };
      return this.page(
        'home',
        { title: 'Home', description: DATASET_DESCRIPTION, canonical: this.baseIri, alternates: [], schema },
        {
          processKinds,
          idm,
          wmr,
          collections,
        },
      );
    });
  }

  private year(thing: ThingInfo): string {
    return this.store.objects(namedNode(thing.iri), `${ontologyNamespace(this.baseIri)}year`)[0]?.value ?? '';
  }

  /** The ontology: HTML documentation of every class and property, or the ontology's RDF. */
  ontologyDocument(format: FormatEntry): Promise<Representation> {
    return this.cache.get(`ontology ${format.id}`, () => {
      const stem = `${this.baseIri}ontology`;
      if (format.rdf) return this.rdf(this.dataset.ontology, format, stem);
      const mig = ontologyNamespace(this.baseIri);
      const terms = (kinds: string[], parent: string): Array<Record<string, unknown>> =>
        this.ontologyStore
          .typedSubjects()
          .filter((s) => s.value.startsWith(mig) && this.ontologyStore.types(s).some((t) => kinds.includes(t)))
          .map((s) => ({
            local: s.value.slice(mig.length),
            curie: `mig:${s.value.slice(mig.length)}`,
            label: this.labels.label(s.value),
            comment: this.labels.comment(s.value),
            parents: this.store.objects(s, parent).map((p) => ({
              ...describeValue(p, this.store, this.baseIri),
              href: p.value.startsWith(mig) ? `#${p.value.slice(mig.length)}` : linkable(p.value),
            })),
          }))
          .sort((a, b) => String(a.local).localeCompare(String(b.local)));
      const ontology = namedNode(stem);
      const title = this.store.label(ontology) ?? 'Ontology';
      const comment = this.store.objects(ontology, `${RDFS}comment`)[0]?.value;
      const schema: SchemaNode = {
        '@context': 'https://schema.org',
        '@type': 'DefinedTermSet',
        '@id': stem,
        url: stem,
        name: title,
        ...(comment ? { description: comment } : {}),
      };
      return this.page(
        'ontology',
        {
          title,
          canonical: stem,
          alternates: alternatesFor(
            stem,
            FORMATS.filter((f) => f.rdf),
          ),
          schema,
        },
        {
          comment,
          namespace: mig,
          version: this.store.objects(ontology, `${OWL}versionInfo`)[0]?.value,
          classes: terms([`${OWL}Class`], `${RDFS}subClassOf`),
          properties: terms([`${OWL}ObjectProperty`, `${OWL}DatatypeProperty`], `${RDFS}subPropertyOf`),
        },
      );
    });
  }

  /** The SHACL shapes: an HTML list of node shapes, or the shapes' RDF. */
  shapesDocument(format: FormatEntry): Promise<Representation> {
    return this.cache.get(`shapes ${format.id}`, () => {
      const stem = `${this.baseIri}shapes`;
      if (format.rdf) return this.rdf(this.dataset.shapes, format, stem);
      const shapes = new MemoryStore(this.dataset.shapes);
      const items = shapes
        .typedSubjects()
        .filter((s) => s.termType === 'NamedNode' && shapes.types(s).includes(`${SH}NodeShape`))
        .map((s) => ({
          href: linkable(s.value),
          label: shapes.label(s) ?? localName(s.value),
          types: shapes
            .objects(s, `${SH}targetClass`)
            .map((c) => this.labels.label(c.value))
            .join(', '),
        }))
        .sort((a, b) => a.label.localeCompare(b.label));
      const schema: SchemaNode = {
        '@context': 'https://schema.org',
        '@type': 'WebPage',
        '@id': stem,
        url: stem,
        name: 'SHACL shapes',
      };
      return this.page(
        'collection',
        {
          title: 'SHACL shapes',
          canonical: stem,
          alternates: alternatesFor(
            stem,
            FORMATS.filter((f) => f.rdf),
          ),
          schema,
        },
        {
          total: items.length,
          page: 1,
          items,
        },
      );
    });
  }

  /** The VoID and DCAT description of the dataset. */
  datasetQuads(): Quad[] {
    const d = namedNode(this.datasetIri);
    const t = (p: string, o: Quad['object']): Quad => quad(d, namedNode(p), o);
    const quads: Quad[] = [
      t(`${RDF}type`, namedNode(`${VOID}Dataset`)),
      t(`${RDF}type`, namedNode(`${DCAT}Dataset`)),
      t(`${DCT}title`, literal(DATASET_TITLE, 'en')),
      t(`${RDFS}label`, literal(DATASET_TITLE, 'en')),
      t(`${DCT}description`, literal(DATASET_DESCRIPTION, 'en')),
      t(`${DCT}publisher`, namedNode(`${this.baseIri}id/organisation/iom`)),
      t(`${DCT}license`, namedNode(LICENSE_IRI)),
      t(`${DCT}modified`, literal(this.modified.toISOString(), namedNode('http://www.w3.org/2001/XMLSchema#dateTime'))),
      t(`${DCT}source`, namedNode(`${this.baseIri}id/source/iom-migration-governance-page`)),
      t(`${VOID}triples`, literal(String(this.tripleCount), namedNode('http://www.w3.org/2001/XMLSchema#integer'))),
      t(
        `${VOID}entities`,
        literal(String(this.index.things.size), namedNode('http://www.w3.org/2001/XMLSchema#integer')),
      ),
      t(`${VOID}uriSpace`, literal(`${this.baseIri}id/`)),
      t(`${VOID}sparqlEndpoint`, namedNode(`${this.baseIri}sparql`)),
      t(`${VOID}vocabulary`, namedNode(ontologyNamespace(this.baseIri))),
      t(`${VOID}rootResource`, namedNode(`${this.baseIri}id/organisation/iom`)),
      t(`${VOID}exampleResource`, namedNode(`${this.baseIri}id/process/bali-process`)),
      t(`${DCAT}landingPage`, namedNode(this.baseIri)),
      quad(
        namedNode(`${this.baseIri}id/organisation/iom`),
        namedNode(`${RDFS}label`),
        literal('International Organization for Migration', 'en'),
      ),
    ];
    for (const dump of this.dumps()) {
      const dist = namedNode(`${this.datasetIri}#dump-${dump.format.extension}`);
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
  datasetDocument(format: FormatEntry): Promise<Representation> {
    return this.cache.get(`dataset ${format.id}`, () => {
      if (format.rdf) return this.rdf(this.datasetQuads(), format, this.datasetIri);
      const schema: SchemaNode = {
        '@context': 'https://schema.org',
        '@type': 'Dataset',
        '@id': this.datasetIri,
        url: this.datasetIri,
        name: DATASET_TITLE,
        description: DATASET_DESCRIPTION,
        license: LICENSE_IRI,
        isAccessibleForFree: true,
        dateModified: this.modified.toISOString(),
        publisher: {
          '@type': 'GovernmentOrganization',
          '@id': `${this.baseIri}id/organisation/iom`,
          name: 'International Organization for Migration',
        },
        distribution: this.dumps().map((d) => ({
          '@type': 'DataDownload',
          contentUrl: d.href,
          encodingFormat: d.format.mediaType,
        })),
      };
      return this.page(
        'dataset',
        {
          title: DATASET_TITLE,
          description: DATASET_DESCRIPTION,
          canonical: this.datasetIri,
          alternates: alternatesFor(
            this.datasetIri,
            FORMATS.filter((f) => f.rdf),
          ),
          schema,
        },
        {
          description: DATASET_DESCRIPTION,
          publisher: 'International Organization for Migration',
          licenseLabel: LICENSE_LABEL,
          triples: this.tripleCount,
          uriSpace: `${this.baseIri}id/`,
          sparql: `${this.baseIri}sparql`,
          dumps: this.dumps().map((d) => ({
            href: d.href,
            label: `${d.format.label} dump`,
            mediaType: d.format.mediaType,
          })),
          source: 'IOM web pages on migration governance (captured text, identified as 000_86d49b910b66719a).',
        },
      );
    });
  }

  /** The dumps and their stable URLs. */
  dumps(): Array<{ format: FormatEntry; href: string; id: DumpFormat }> {
    return (['turtle', 'ntriples'] as const).map((id) => {
      const format = formatById(id);
      return { id, format, href: `${this.datasetIri}/dump.${format.extension}` };
    });
  }

  /**
   * The full dump of the default graph (data + ontology), rendered once and kept on disk: at 1 M
   * triples a dump is over 100 MB, more than the whole memory cache should hold, and rendering it
   * per request would hold that much per concurrent download.
   */
  dump(id: DumpFormat): Promise<FileRepresentation> {
    const written = this.dumpFiles.get(id);
    if (written) return Promise.resolve(written);
    return shareWhileRunning(this.dumpsPending, id, async () => {
      const format = formatById(id);
      // N-Triples straight from Oxigraph; Turtle through N3.js for the prefixes (built on first request, then kept).
      const nt = this.store.dumpNTriples();
      const body =
        id === 'turtle'
          ? await writeN3(new Parser({ format: 'application/n-triples' }).parse(nt), {
              format: 'text/turtle',
              prefixes: this.prefixes,
            })
          : nt;
      const file = await writeFileRepresentation(this.fileDir, body, contentType(format));
      this.dumpFiles.set(id, file);
      return file;
    });
  }

  /** Bytes and entries held by the in-memory representation cache, and its bound. */
  get cacheUse(): { bytes: number; entries: number; maxBytes: number } {
    return { bytes: this.cache.bytes, entries: this.cache.size, maxBytes: this.cache.maxBytes };
  }

  /** The JSON-LD context every JSON-LD response uses. */
  contextDocument(): Promise<Representation> {
    return this.cache.get('context', () =>
      makeRepresentation(
        `${JSON.stringify({ '@context': this.context }, null, 2)}\n`,
        'application/ld+json; charset=utf-8',
      ),
    );
  }

  /** sitemap.xml: every HTML page with its last modification. */
  sitemap(): Promise<Representation> {
    return this.cache.get('sitemap', () => {
      const lastmod = this.modified.toISOString().slice(0, 10);
      const urls = [
        this.baseIri,
        this.datasetIri,
        `${this.baseIri}ontology`,
        `${this.baseIri}shapes`,
        `${this.baseIri}sparql`,
        `${this.baseIri}sparql/examples`,
        ...COLLECTIONS.flatMap((c) =>
          Array.from({ length: this.pageCount(c) }, (_, i) =>
            i === 0 ? `${this.baseIri}doc/${c}` : `${this.baseIri}doc/${c}?page=${i + 1}`,
          ),
        ),
        ...[...this.index.things.values()]
          .filter((t) => !t.withdrawn && !t.replacedBy)
          .map((t) => documentIri(t, this.baseIri)),
      ];
      const body =
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
        urls.map((u) => `  <url><loc>${escapeXml(u)}</loc><lastmod>${lastmod}</lastmod></url>`).join('\n') +
        '\n</urlset>\n';
      return makeRepresentation(body, 'application/xml; charset=utf-8');
    });
  }

  /** robots.txt: everything may be crawled; the sitemap says where. */
  robots(): Promise<Representation> {
    return this.cache.get('robots', () =>
      makeRepresentation(
        `User-agent: *\nAllow: /\nDisallow: /sparql?\n\nSitemap: ${this.baseIri}sitemap.xml\n`,
        'text/plain; charset=utf-8',
      ),
    );
  }

  // ----- SPARQL ------------------------------------------------------------------------------------

  /** The query editor; with a query, the editor opens on it (what a browser gets for GET ?query=). */
  sparqlEditorPage(query?: string): Promise<Representation> {
    const make = (): Representation => {
      const endpoint = `${this.baseIri}sparql`;
      const prefixBlock = Object.entries(this.prefixes)
        .filter(([p]) =>
          ['rdf', 'rdfs', 'skos', 'org', 'dct', 'foaf', 'mig', 'process', 'organisation', 'role'].includes(p),
        )
        .map(([p, ns]) => `PREFIX ${p}: <${ns}>`)
        .join('\n');
      const defaultQuery = `${prefixBlock}\n\nSELECT DISTINCT ?process ?label WHERE {\n  ?process a/rdfs:subClassOf* mig:Process ; rdfs:label ?label .\n}\nORDER BY ?label\nLIMIT 50\n`;
      const schema: SchemaNode = {
        '@context': 'https://schema.org',
        '@type': 'WebPage',
        '@id': endpoint,
        url: endpoint,
        name: 'SPARQL endpoint',
      };
      const examples = this.sparqlExamples.map(({ id, title, query: text }) => ({ id, title, query: text }));
      return this.page(
        'sparql',
        { title: 'SPARQL endpoint', canonical: endpoint, alternates: [], schema },
        {
          endpoint,
          query: query ?? defaultQuery,
          examples,
          config: scriptSafeJson({ endpoint, query: query ?? null, defaultQuery, prefixes: this.prefixes, examples }),
        },
      );
    };
    return query === undefined ? this.cache.get('sparql-editor', make) : Promise.resolve(make());
  }

  /** The worked example queries, written for this base IRI. */
  get sparqlExamples(): SparqlExample[] {
    this.examples ??= sparqlExamples(this.baseIri);
    return this.examples;
  }

  /** BASE/sparql/examples: every worked example with its question, query, editor link and a curl command for CSV. */
  sparqlExamplesPage(): Promise<Representation> {
    return this.cache.get('sparql-examples', () => {
      const endpoint = `${this.baseIri}sparql`;
      const url = `${endpoint}/examples`;
      const examples = this.sparqlExamples.map((example) => ({
        ...example,
        editorHref: `${endpoint}#query=${encodeURIComponent(example.query)}`,
        curl: `curl -H 'Accept: text/csv' --data-urlencode ${shellQuote(`query=${example.query.trimEnd()}`)} ${endpoint}`,
      }));
      const schema: SchemaNode = {
        '@context': 'https://schema.org',
        '@type': 'WebPage',
        '@id': url,
        url,
        name: 'SPARQL examples',
        isPartOf: { '@id': this.datasetIri, '@type': 'Dataset', name: DATASET_TITLE },
      };
      return this.page(
        'sparql-examples',
        {
          title: 'SPARQL examples',
          description: `${examples.length} worked SPARQL queries over IOM's migration governance data, each answering one question.`,
          canonical: url,
          alternates: [],
          schema,
        },
        { endpoint, examples },
      );
    });
  }

  /** An RDF document cached under a key (the service description). */
  cachedRdf(key: string, quads: () => Quad[], format: FormatEntry, topIri?: string): Promise<Representation> {
    return this.cache.get(`rdf ${key} ${format.id}`, () => this.rdf(quads(), format, topIri));
  }

  // ----- errors -----------------------------------------------------------------------------------

  /** An HTML error page (404, 406, 410 ...), not cached: messages may carry request details. */
  errorPage(status: number, heading: string, message: string, available?: string[]): Representation {
    const schema: SchemaNode = { '@context': 'https://schema.org', '@type': 'WebPage', name: `${status} ${heading}` };
    const html = this.html.render(
      'error',
      { title: `${status} ${heading}`, canonical: this.baseIri, alternates: [], jsonLd: scriptSafeJson(schema) },
      {
        status,
        heading,
        message,
        available,
      },
    );
    return makeRepresentation(html, 'text/html; charset=utf-8');
  }

  // ----- helpers ------------------------------------------------------------------------------------

  private async rdf(quads: Quad[], format: FormatEntry, topIri?: string): Promise<Representation> {
    const body = await serialiseDocument(quads, format.id as Exclude<typeof format.id, 'html'>, {
      prefixes: this.prefixes,
      context: this.context,
      contextUrl: `${this.baseIri}context.jsonld`,
      ...(topIri ? { topIri } : {}),
    });
    return makeRepresentation(body, contentType(format));
  }

  private page(
    template: TemplateName,
    frame: Omit<PageFrame, 'jsonLd'> & { schema: SchemaNode },
    model: Record<string, unknown>,
  ): Representation {
    const { schema, ...rest } = frame;
    return makeRepresentation(
      this.html.render(template, { ...rest, jsonLd: scriptSafeJson(schema) }, model),
      'text/html; charset=utf-8',
    );
  }
}

/** One POSIX shell word holding the text (single-quoted; a quote inside is closed, escaped and reopened). */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
