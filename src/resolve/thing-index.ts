// The index of every thing we publish: IRI -> collection, slug, label, types and status.
import { DataFactory } from 'n3';
import { COLLECTIONS, DCT, ontologyNamespace, type Collection } from '../rdf/vocab.js';
import type { MemoryStore } from '../store/memory-store.js';

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

/** Builds the index from every typed subject of ours in the store. */
export function buildThingIndex(store: MemoryStore, baseIri: string): ThingIndex {
  const things = new Map<string, ThingInfo>();
  const withdrawnIri = `${ontologyNamespace(baseIri)}withdrawn`;
  for (const subject of store.typedSubjects()) {
    if (subject.termType !== 'NamedNode') continue;
    const parts = parseThingIri(subject.value, baseIri);
    if (!parts) continue;
    const replacedBy = store.objects(subject, `${DCT}isReplacedBy`)[0]?.value;
    things.set(subject.value, {
      iri: subject.value,
      ...parts,
      label: store.label(subject) ?? parts.slug,
      types: store.types(subject),
      ...(replacedBy ? { replacedBy } : {}),
      withdrawn: store.objects(subject, withdrawnIri).some((o) => o.value === 'true'),
    });
  }
  const byCollection = new Map<Collection, ThingInfo[]>(COLLECTIONS.map((c) => [c, []]));
  for (const thing of things.values()) byCollection.get(thing.collection)?.push(thing);
  for (const list of byCollection.values()) list.sort((a, b) => a.label.localeCompare(b.label, 'en'));
  return { baseIri, things, byCollection };
}

/** The IRI of a thing, as a NamedNode. */
export function thingNode(thing: ThingInfo): ReturnType<typeof DataFactory.namedNode> {
  return DataFactory.namedNode(thing.iri);
}
