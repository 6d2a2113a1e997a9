// The search index: every published thing by its label and its other names (skos:altLabel, other
// label properties: acronyms, former spellings), in MiniSearch, built once per data version from
// the store's reads (one SELECT, so it works unchanged on a remote store). Ranking is MiniSearch's
// (BM25 with prefix and fuzzy matching); on top of it, exact names and acronyms come first.
import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import { LABEL_PROPERTIES } from '../rdf/labels.js';
import { SKOS, type Collection } from '../rdf/vocab.js';
import type { ThingInfo } from '../resolve/thing-index.js';
import type { DataReads, Row } from '../store/store.js';

/** The longest query accepted (characters); longer is a 400. */
export const MAX_QUERY_LENGTH = 200;
/**
 * The most words one search looks for (the first ones; a pasted title of 17 words still finds its
 * thing), and the most a 404's close matches take from the path; a word is completed as a prefix
 * from 2 characters on, with at most MAX_TYPOS typos; at most MAX_CANDIDATES matches, best
 * scored first, are ranked. What a search costs then depends on its words, not on how many
 * things the data holds (beyond the index's own lookups).
 */
export const MAX_QUERY_WORDS = 12;
export const MAX_CLOSE_MATCH_WORDS = 6;
const MAX_TYPOS = 2;
const MIN_PREFIX = 2;
const MAX_CANDIDATES = 1000;
/** The most results one search returns. */
export const MAX_RESULTS = 50;
/**
 * What the index holds per thing, so its memory is bounded by the thing index's size: at most
 * this many other names, each cut to MAX_NAME_LENGTH characters.
 */
export const MAX_NAMES_PER_THING = 16;
export const MAX_NAME_LENGTH = 300;

/** One thing found: its IRI, label, collection and the other name that matched, if one did. */
export interface SearchHit {
  readonly iri: string;
  readonly label: string;
  readonly collection: Collection;
  /** Every other name of the thing (acronyms first). */
  readonly names: readonly string[];
  /** The other name the query matched (exactly or as a prefix), when it was not the label. */
  readonly matched?: string;
  readonly score: number;
}

export interface SearchAnswer {
  /** The query as searched (trimmed, spaces collapsed). */
  readonly query: string;
  /** How many things matched (hits holds at most the limit asked for). */
  readonly total: number;
  readonly hits: readonly SearchHit[];
}

/** What the index keeps of a thing: what a hit shows. */
type Found = Pick<ThingInfo, 'iri' | 'label' | 'collection'>;

interface Entry {
  readonly id: number;
  readonly thing: Found;
  readonly names: readonly string[];
}

/** Lower case, no diacritics, single spaces: how names and queries are compared. */
export function normalise(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** A query as searched: trimmed, with runs of white space as one space. */
export function cleanQuery(q: string): string {
  return q.replace(/\s+/gu, ' ').trim();
}

/** An acronym: one word of capitals (and digits, `&`, `-`), at least two letters: IOM, UNHCR, 5+5. */
export function isAcronym(name: string): boolean {
  return /^[\p{Lu}\d&+-]{2,12}$/u.test(name) && /\p{Lu}/u.test(name);
}

const TERMS = /[\p{L}\p{N}]+/gu;

/** The words of a text as the index splits them. */
export function wordsOf(text: string): string[] {
  return text.match(TERMS) ?? [];
}

/** How the index is built: the same options to build it and to load a saved one. */
const OPTIONS: Options<Entry> = {
  idField: 'id',
  fields: ['label', 'names'],
  extractField: (entry, field) =>
    field === 'id' ? String(entry.id) : field === 'label' ? entry.thing.label : entry.names.join(' | '),
  tokenize: wordsOf,
  processTerm: (term) => normalise(term) || null,
};

/**
 * A saved index (CACHE_DIR): MiniSearch's own JSON and each entry's thing (IRI, label, collection)
 * and other names, so it is read without the things (a remote store's are on disk).
 * Bump SAVED_FORMAT when OPTIONS, wordsOf, normalise or this shape change.
 */
export const SAVED_FORMAT = 'search-index/5 minisearch/7';
export interface SavedSearchIndex {
  readonly search: AsPlainObject;
  readonly entries: readonly (Found & { readonly names: readonly string[] })[];
}

export class SearchIndex {
  private readonly search: MiniSearch<Entry>;
  private readonly entries: Entry[];

  private constructor(entries: Entry[], saved?: AsPlainObject) {
    this.entries = entries;
    if (saved) this.search = MiniSearch.loadJS<Entry>(saved, OPTIONS);
    else {
      this.search = new MiniSearch<Entry>(OPTIONS);
      this.search.addAll(entries);
    }
  }

  /** The index as saved in CACHE_DIR. */
  toSaved(): SavedSearchIndex {
    return {
      search: this.search.toJSON(),
      entries: this.entries.map((e) => ({
        iri: e.thing.iri,
        label: e.thing.label,
        collection: e.thing.collection,
        names: e.names,
      })),
    };
  }

  /**
   * A saved index of `published` things, or undefined when it is not one: a count that differs,
   * an entry that is not a thing with its names, or a payload MiniSearch does not read. (Its
   * entry in CACHE_DIR is for this content, base IRI and site URL, and its checksum was checked.)
   */
  static fromSaved(payload: unknown, published: number, collections: readonly string[]): SearchIndex | undefined {
    const saved = payload as Partial<SavedSearchIndex> | null;
    if (!saved || typeof saved.search !== 'object' || !Array.isArray(saved.entries)) return undefined;
    if (saved.entries.length !== published) return undefined;
    const entries: Entry[] = [];
    for (const [id, raw] of (saved.entries as readonly unknown[]).entries()) {
      const entry = raw as Partial<Record<keyof SavedSearchIndex['entries'][number], unknown>> | null;
      const { iri, label, collection, names } = entry ?? {};
      if (typeof iri !== 'string' || typeof label !== 'string' || typeof collection !== 'string') return undefined;
      if (!collections.includes(collection)) return undefined;
      if (!Array.isArray(names) || !(names as unknown[]).every((n) => typeof n === 'string')) return undefined;
      entries.push({ id, thing: { iri, label, collection: collection as Collection }, names: names as string[] });
    }
    try {
      return new SearchIndex(entries, saved.search);
    } catch {
      return undefined;
    }
  }

  /** Builds the index of these things (published ones) from the store: labels and other names, one query. */
  static async build(store: DataReads, things: Iterable<ThingInfo>): Promise<SearchIndex> {
    const byIri = new Map<string, { thing: ThingInfo; names: Map<string, string> }>();
    for (const thing of things) byIri.set(thing.iri, { thing, names: new Map() });
    const predicates = [...LABEL_PROPERTIES, `${SKOS}altLabel`].map((p) => `<${p}>`).join(' ');
    const rows = await store.select(
      `SELECT ?s ?p ?o WHERE { VALUES ?p { ${predicates} } ?s ?p ?o FILTER(isLiteral(?o)) }`,
      { orderBy: '?s ?p ?o' },
    );
    // In one order whatever store answered: by thing, then by the label policy's order of
    // properties (skos:altLabel last), then by value; the first MAX_NAMES_PER_THING are kept.
    const rank = (row: Row): number => {
      const at = LABEL_PROPERTIES.indexOf(row.p?.value ?? '');
      return at === -1 ? LABEL_PROPERTIES.length : at;
    };
    const termId = (row: Row, name: string): string => row[name]?.id ?? '';
    rows.sort((a, b) => {
      const [sa, sb, oa, ob] = [termId(a, 's'), termId(b, 's'), termId(a, 'o'), termId(b, 'o')];
      return sa < sb ? -1 : sa > sb ? 1 : rank(a) - rank(b) || (oa < ob ? -1 : oa > ob ? 1 : 0);
    });
    for (const row of rows) {
      const subject = row.s;
      const object = row.o;
      if (subject?.termType !== 'NamedNode' || object === undefined) continue;
      const found = byIri.get(subject.value);
      if (!found || found.names.size >= MAX_NAMES_PER_THING) continue;
      const name = cleanQuery(object.value).slice(0, MAX_NAME_LENGTH);
      const key = normalise(name);
      if (key === '' || key === normalise(found.thing.label) || found.names.has(key)) continue;
      found.names.set(key, name);
    }
    let id = 0;
    const entries = [...byIri.values()].map(({ thing, names }) => ({
      id: id++,
      thing,
      // Acronyms first, then the rest in the order above.
      names: [...names.values()].sort((a, b) => Number(isAcronym(b)) - Number(isAcronym(a))),
    }));
    return new SearchIndex(entries);
  }

  /** How many things the index holds. */
  get size(): number {
    return this.entries.length;
  }

  /**
   * Things whose label or other names contain every word of the query (the last as a prefix,
   * longer words with a typo or two), best first: a name equal to the query, then an acronym
   * beginning with it, then a label beginning with it, then MiniSearch's score.
   */
  find(query: string, limit = MAX_RESULTS): SearchAnswer {
    const cleaned = cleanQuery(query);
    const results = this.search.search(wordsOf(cleaned).slice(0, MAX_QUERY_WORDS).join(' '), {
      prefix: (term) => term.length >= MIN_PREFIX,
      fuzzy: (term) => (term.length > 3 ? 0.2 : false),
      maxFuzzy: MAX_TYPOS,
      boost: { label: 1.5, names: 1 },
      combineWith: 'AND',
    });
    return { query: cleaned, total: results.length, hits: this.rank(cleaned, results).slice(0, limit) };
  }

  /**
   * Close matches for words that named nothing (a mistyped address): any word may match, with
   * more typos allowed, best score first; exact names still first.
   */
  closeMatches(words: string, limit = 5): SearchHit[] {
    // The last words of the path (the slug), however long the path.
    const cleaned = wordsOf(words).slice(-MAX_CLOSE_MATCH_WORDS).join(' ');
    if (cleaned === '') return [];
    const results = this.search.search(cleaned, {
      prefix: (term) => term.length >= MIN_PREFIX,
      fuzzy: (term) => (term.length > 2 ? 0.34 : false),
      maxFuzzy: MAX_TYPOS,
      combineWith: 'OR',
    });
    return this.rank(cleaned, results).slice(0, limit);
  }

  private rank(query: string, results: ReadonlyArray<{ id: number; score: number }>): SearchHit[] {
    const wanted = normalise(query);
    // MiniSearch returns its matches best scored first: exact names and acronyms are among them.
    const ranked = results.slice(0, MAX_CANDIDATES).map((result) => {
      const entry = this.entries[result.id] as Entry;
      const label = normalise(entry.thing.label);
      const exact = entry.names.find((n) => normalise(n) === wanted);
      // An acronym, or a name led by one (IML Unit), that begins with the query.
      const acronym = entry.names.find((n) => isAcronym(n.split(' ')[0] ?? '') && normalise(n).startsWith(wanted));
      const tier =
        label === wanted || exact !== undefined ? 0 : acronym !== undefined ? 1 : label.startsWith(wanted) ? 2 : 3;
      const matched =
        label === wanted ? undefined : (exact ?? acronym ?? entry.names.find((n) => normalise(n).startsWith(wanted)));
      return { entry, tier, score: result.score, matched };
    });
    ranked.sort(
      (a, b) => a.tier - b.tier || b.score - a.score || a.entry.thing.label.localeCompare(b.entry.thing.label, 'en'),
    );
    return ranked.map(({ entry, score, matched }) => ({
      iri: entry.thing.iri,
      label: entry.thing.label,
      collection: entry.thing.collection,
      names: entry.names,
      ...(matched !== undefined ? { matched } : {}),
      score,
    }));
  }
}
