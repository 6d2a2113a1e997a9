// The index of every thing we publish: IRI -> collection, slug, label, types and status.
import { LABEL_PROPERTIES } from '../rdf/labels.js';
import { isTrue } from '../rdf/lexical.js';
import { parseThingIri, thingSpace } from '../rdf/layout.js';
import { COLLECTIONS, DCT, RDF, ontologyNamespace, type Collection } from '../rdf/vocab.js';
import type { Pair, Row } from '../store/store.js';

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

/**
 * The reads the index is built from: the platform's Store, or an Oxigraph store itself (the
 * `record-iris` command and tests, which have no query workers).
 */
export interface IndexSource {
  pairs(predicate: string): readonly Pair[] | Promise<readonly Pair[]>;
  select(query: string): readonly Row[] | Promise<readonly Row[]>;
}

export interface ThingIndex {
  readonly baseIri: string;
  readonly things: ReadonlyMap<string, ThingInfo>;
  readonly byCollection: ReadonlyMap<Collection, readonly ThingInfo[]>;
}

/**
 * Builds the index from every typed subject of ours in the store, with a handful of bulk lookups
 * (one per property) rather than several per thing, so it stays quick at millions of triples.
 */
export async function buildThingIndex(store: IndexSource, baseIri: string): Promise<ThingIndex> {
  const ours = thingSpace(baseIri);
  const types = new Map<string, string[]>();
  for (const { subject, object } of await store.pairs(`${RDF}type`)) {
    if (!subject.startsWith(ours)) continue;
    const list = types.get(subject);
    if (list) list.push(object);
    else types.set(subject, [object]);
  }
  const labels = new Map<string, string>();
  for (const predicate of [...LABEL_PROPERTIES].reverse()) {
    // Later (preferred) properties overwrite earlier ones; within one, an English label wins.
    const chosen = new Map<string, { value: string; english: boolean }>();
    for (const { subject, object, language } of await store.pairs(predicate)) {
      if (!types.has(subject)) continue;
      const english = language?.startsWith('en') ?? false;
      const previous = chosen.get(subject);
      // English first; among equals the least value, whatever order the store returned them in.
      if (!previous || (english && !previous.english) || (english === previous.english && object < previous.value))
        chosen.set(subject, { value: object, english });
    }
    for (const [subject, label] of chosen) labels.set(subject, label.value);
  }
  const replacedBy = new Map((await store.pairs(`${DCT}isReplacedBy`)).map((p) => [p.subject, p.object]));
  const withdrawn = new Set(
    (await store.pairs(`${ontologyNamespace(baseIri)}withdrawn`)).filter((p) => isTrue(p.object)).map((p) => p.subject),
  );
  // Things, and each one's types, in IRI order, and listings by label then IRI: whatever order the
  // store returned its pairs in, the index (and every page and search built from it) is the same.
  const things = new Map<string, ThingInfo>();
  const byIri = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  for (const [iri, thingTypes] of [...types].sort(([a], [b]) => byIri(a, b))) {
    const parts = parseThingIri(iri, baseIri);
    if (!parts) continue;
    const replacement = replacedBy.get(iri);
    things.set(iri, {
      iri,
      ...parts,
      label: labels.get(iri) ?? parts.slug,
      types: [...new Set(thingTypes)].sort(byIri),
      ...(replacement ? { replacedBy: replacement } : {}),
      withdrawn: withdrawn.has(iri),
    });
  }
  const byCollection = new Map<Collection, ThingInfo[]>(COLLECTIONS.map((c) => [c, []]));
  for (const thing of things.values()) byCollection.get(thing.collection)?.push(thing);
  const collator = new Intl.Collator('en');
  for (const list of byCollection.values())
    list.sort((a, b) => collator.compare(a.label, b.label) || byIri(a.iri, b.iri));
  return { baseIri, things, byCollection };
}
