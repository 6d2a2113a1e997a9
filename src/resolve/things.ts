// The things a site publishes, as the routes and pages ask for them: one by IRI, the published
// members of a collection a page at a time, every published thing in IRI order (the sitemap).
// Two implementations: the thing index in memory (the embedded store: a lookup is a map's) and the
// catalogue on disk (thing-catalogue.ts, the remote store: the front end holds none of it).
import { COLLECTIONS, type Collection } from '../rdf/vocab.js';
import type { ThingIndex, ThingInfo } from './thing-index.js';

/** How many published members a collection has, and how many of them have each class. */
export interface PublishedKinds {
  readonly members: number;
  /** Class IRI -> published members of that class, by IRI. */
  readonly types: ReadonlyMap<string, number>;
}

export interface Things {
  readonly baseIri: string;
  /** How many things, withdrawn and replaced ones included. */
  readonly size: number;
  /** How many are published (neither withdrawn nor replaced). */
  readonly publishedCount: number;
  /** The thing with this IRI (withdrawn or replaced included): at once when held in memory, else a read. */
  get(iri: string): ThingInfo | undefined | Promise<ThingInfo | undefined>;
  /** The things among these IRIs, by IRI (the catalogue reads each block once). */
  getMany(iris: Iterable<string>): Promise<ReadonlyMap<string, ThingInfo>>;
  /** The counts of a collection's published members and their classes. */
  kinds(collection: Collection): PublishedKinds;
  /**
   * A collection's published members (of one class when given), `limit` of them from `offset`,
   * in listing order: by label (English collation), then IRI.
   */
  listing(collection: Collection, type: string | undefined, offset: number, limit: number): Promise<readonly ThingInfo[]>;
  /** Every published thing, `limit` of them from `offset`, by IRI. */
  published(offset: number, limit: number): Promise<readonly ThingInfo[]>;
  /** Every thing (withdrawn and replaced included), `limit` of them from `offset`, by IRI. */
  all(offset: number, limit: number): Promise<readonly ThingInfo[]>;
  /** Lets go of what it holds open (the catalogue's file); the index has nothing to do. */
  close(): Promise<void>;
}

/** Whether a thing is published: neither withdrawn (410) nor replaced (301). */
export function isPublished(thing: ThingInfo): boolean {
  return !thing.withdrawn && !thing.replacedBy;
}

const byIriOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Every thing of an index by IRI (buildThingIndex keeps that order; a hand-made index may not). */
export function thingsByIri(index: ThingIndex): ThingInfo[] {
  return [...index.things.values()].sort((a, b) => byIriOrder(a.iri, b.iri));
}

/** A collection's listings, published things only: all its members, and those of each class, by class IRI. */
export interface CollectionListings {
  readonly collection: Collection;
  readonly members: readonly ThingInfo[];
  readonly byType: ReadonlyMap<string, readonly ThingInfo[]>;
}

/** The listings of every collection of an index, each member put into its classes' in one pass. */
export function publishedListings(index: ThingIndex): CollectionListings[] {
  return COLLECTIONS.map((collection) => {
    const members = (index.byCollection.get(collection) ?? []).filter(isPublished);
    const byType = new Map<string, ThingInfo[]>();
    for (const member of members)
      for (const type of new Set(member.types)) {
        const list = byType.get(type);
        if (list) list.push(member);
        else byType.set(type, [member]);
      }
    return { collection, members, byType: new Map([...byType].sort(([a], [b]) => byIriOrder(a, b))) };
  });
}

/** What a collection's listings count: its members, and those of each class. */
export function kindsOf(listings: CollectionListings): PublishedKinds {
  return {
    members: listings.members.length,
    types: new Map([...listings.byType].map(([type, members]) => [type, members.length])),
  };
}

/** The key of a listing: a collection, or a collection and one class. */
export function listingKey(collection: Collection, type?: string): string {
  return type === undefined ? collection : `${collection} ${type}`;
}

/** The thing index in memory, as Things: every answer at once. */
export class IndexedThings implements Things {
  readonly baseIri: string;
  readonly size: number;
  readonly publishedCount: number;
  private readonly listings: Map<string, readonly ThingInfo[]>;
  private readonly kindsByCollection: Map<Collection, PublishedKinds>;
  private readonly byIri: readonly ThingInfo[];
  private readonly publishedByIri: readonly ThingInfo[];

  constructor(readonly index: ThingIndex) {
    this.baseIri = index.baseIri;
    this.size = index.things.size;
    this.listings = new Map();
    this.kindsByCollection = new Map();
    for (const listings of publishedListings(index)) {
      this.listings.set(listingKey(listings.collection), listings.members);
      for (const [type, members] of listings.byType) this.listings.set(listingKey(listings.collection, type), members);
      this.kindsByCollection.set(listings.collection, kindsOf(listings));
    }
    this.byIri = thingsByIri(index);
    this.publishedByIri = this.byIri.filter(isPublished);
    this.publishedCount = this.publishedByIri.length;
  }

  get(iri: string): ThingInfo | undefined {
    return this.index.things.get(iri);
  }

  getMany(iris: Iterable<string>): Promise<ReadonlyMap<string, ThingInfo>> {
    const found = new Map<string, ThingInfo>();
    for (const iri of iris) {
      const thing = this.index.things.get(iri);
      if (thing) found.set(iri, thing);
    }
    return Promise.resolve(found);
  }

  kinds(collection: Collection): PublishedKinds {
    return this.kindsByCollection.get(collection) ?? { members: 0, types: new Map() };
  }

  listing(collection: Collection, type: string | undefined, offset: number, limit: number): Promise<readonly ThingInfo[]> {
    return Promise.resolve(windowOf(this.listings.get(listingKey(collection, type)) ?? [], offset, limit));
  }

  published(offset: number, limit: number): Promise<readonly ThingInfo[]> {
    return Promise.resolve(windowOf(this.publishedByIri, offset, limit));
  }

  all(offset: number, limit: number): Promise<readonly ThingInfo[]> {
    return Promise.resolve(windowOf(this.byIri, offset, limit));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** `limit` items from `offset` (a negative offset or limit counts as 0, as the catalogue reads them). */
function windowOf<T>(list: readonly T[], offset: number, limit: number): T[] {
  const from = Math.max(0, Math.floor(offset));
  return list.slice(from, from + Math.max(0, Math.floor(limit)));
}
