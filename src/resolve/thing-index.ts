// The index of every thing we publish: IRI -> collection, slug, label, types and status.
import { COLLECTIONS, DCT, RDF, ontologyNamespace, type Collection } from '../rdf/vocab.js';
import { LABEL_PROPERTIES, type MemoryStore } from '../store/memory-store.js';

export interface ThingInfo {
  readonly iri: string;
  readonly collection: Collection;
  readonly slug: string;
  readonly label: string;
  readonly types: readonly string[];
  /** The IRI of the thing that replaces this one (dct:isReplacedBy): answered 301. */
  readonly replacedBy?: string;
  /** True when withdrawn (mig:withdrawn true): answered 410. */
  readonly withdrawn: boolean;
}

export interface ThingIndex {
  readonly baseIri: string;
  readonly things: ReadonlyMap<string, ThingInfo>;
  readonly byCollection: ReadonlyMap<Collection, readonly ThingInfo[]>;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Splits `BASE/id/{collection}/{slug}` into its parts; undefined for any other IRI. */
export function parseThingIri(iri: string, baseIri: string): { collection: Collection; slug: string } | undefined {
  if (!iri.startsWith(`${baseIri}id/`)) return undefined;
  const [collection, slug, ...rest] = iri.slice(baseIri.length + 3).split('/');
  if (rest.length > 0 || slug === undefined || !SLUG.test(slug)) return undefined;
  if (!(COLLECTIONS as readonly string[]).includes(collection ?? '')) return undefined;
  return { collection: collection as Collection, slug };
}

/**
 * Builds the index from every typed subject of ours in the store, with a handful of bulk lookups
 * (one per property) rather than several per thing, so it stays quick at millions of triples.
 */
export function buildThingIndex(store: MemoryStore, baseIri: string): ThingIndex {
  const ours = `${baseIri}id/`;
  const types = new Map<string, string[]>();
  for (const { subject, object } of store.pairs(`${RDF}type`)) {
    if (!subject.startsWith(ours)) continue;
    const list = types.get(subject);
    if (list) list.push(object);
    else types.set(subject, [object]);
  }
  const labels = new Map<string, string>();
  for (const predicate of [...LABEL_PROPERTIES].reverse()) {
    // Later (preferred) properties overwrite earlier ones; within one, an English label wins.
    const chosen = new Map<string, { value: string; english: boolean }>();
    for (const { subject, object, language } of store.pairs(predicate)) {
      if (!types.has(subject)) continue;
      const english = language?.startsWith('en') ?? false;
      const previous = chosen.get(subject);
      if (!previous || (english && !previous.english)) chosen.set(subject, { value: object, english });
    }
    for (const [subject, label] of chosen) labels.set(subject, label.value);
  }
  const replacedBy = new Map(store.pairs(`${DCT}isReplacedBy`).map((p) => [p.subject, p.object]));
  const withdrawn = new Set(
    store
      .pairs(`${ontologyNamespace(baseIri)}withdrawn`)
      .filter((p) => p.object === 'true')
      .map((p) => p.subject),
  );
  const things = new Map<string, ThingInfo>();
  for (const [iri, thingTypes] of types) {
    const parts = parseThingIri(iri, baseIri);
    if (!parts) continue;
    const replacement = replacedBy.get(iri);
    things.set(iri, {
      iri,
      ...parts,
      label: labels.get(iri) ?? parts.slug,
      types: thingTypes,
      ...(replacement ? { replacedBy: replacement } : {}),
      withdrawn: withdrawn.has(iri),
    });
  }
  const byCollection = new Map<Collection, ThingInfo[]>(COLLECTIONS.map((c) => [c, []]));
  for (const thing of things.values()) byCollection.get(thing.collection)?.push(thing);
  const collator = new Intl.Collator('en');
  for (const list of byCollection.values()) list.sort((a, b) => collator.compare(a.label, b.label));
  return { baseIri, things, byCollection };
}
