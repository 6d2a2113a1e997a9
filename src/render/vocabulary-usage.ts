// How the data uses the vocabulary: for each class its instances, for each property its triples,
// and one example resource of each. Two aggregate queries through the store's `select` (GROUP BY,
// not one query per term), so the same reads work on the embedded store and on a remote SPARQL
// store; computed once per site and shared by the ontology page and the dataset description.
import type { DataReads } from '../store/store.js';

/** How much one term is used, and one resource that uses it (an IRI, one of the things first). */
export interface TermUse {
  readonly count: number;
  readonly example?: string;
}

export interface VocabularyUsage {
  /** Class IRI -> its distinct instances (`?s a C`). */
  readonly classes: ReadonlyMap<string, TermUse>;
  /** Property IRI -> the triples with it. */
  readonly properties: ReadonlyMap<string, TermUse>;
}

/** Sorts after every IRI: marks a subject outside the things' space, so MIN prefers a thing. */
const NOT_A_THING = '~';

/** The two aggregate queries: instances per class and triples per property, each with its example. */
export function usageQueries(thingSpace: string): { classes: string; properties: string } {
  // The example is the least IRI among the things (under BASE/id/), else the least IRI, so it is
  // the same on every store; blank nodes are counted but never examples.
  const example = (v: string): string =>
    `(MIN(IF(isIRI(${v}), IF(STRSTARTS(STR(${v}), ${JSON.stringify(thingSpace)}), STR(${v}), CONCAT("${NOT_A_THING}", STR(${v}))), "${NOT_A_THING}${NOT_A_THING}")) AS ?example)`;
  return {
    classes: `SELECT ?term (COUNT(DISTINCT ?s) AS ?n) ${example('?s')} WHERE { ?s a ?term } GROUP BY ?term`,
    properties: `SELECT ?term (COUNT(*) AS ?n) ${example('?s')} WHERE { ?s ?term ?o } GROUP BY ?term`,
  };
}

async function usesOf(store: DataReads, query: string): Promise<Map<string, TermUse>> {
  const uses = new Map<string, TermUse>();
  for (const row of await store.select(query)) {
    const term = row.term;
    if (term?.termType !== 'NamedNode') continue;
    const raw = row.example?.value ?? '';
    const example = raw.startsWith(NOT_A_THING) ? raw.slice(1) : raw;
    uses.set(term.value, {
      count: Number(row.n?.value ?? 0),
      ...(example && !example.startsWith(NOT_A_THING) ? { example } : {}),
    });
  }
  return uses;
}

const computed = new WeakMap<DataReads, Map<string, Promise<VocabularyUsage>>>();

/** The usage of every class and property in the store's default graph (once per store and things' space). */
export function vocabularyUsage(store: DataReads, thingSpace: string): Promise<VocabularyUsage> {
  let byspace = computed.get(store);
  if (!byspace) computed.set(store, (byspace = new Map<string, Promise<VocabularyUsage>>()));
  const kept = byspace;
  let usage = kept.get(thingSpace);
  if (!usage) {
    const queries = usageQueries(thingSpace);
    usage = Promise.all([usesOf(store, queries.classes), usesOf(store, queries.properties)]).then(
      ([classes, properties]) => ({ classes, properties }),
    );
    // A failed read is not kept: the next page asks again.
    usage.catch(() => kept.delete(thingSpace));
    kept.set(thingSpace, usage);
  }
  return usage;
}

/** The usage as JSON (CACHE_DIR): each map as [term, use] pairs. */
export function usageToJson(usage: VocabularyUsage): { classes: [string, TermUse][]; properties: [string, TermUse][] } {
  return { classes: [...usage.classes], properties: [...usage.properties] };
}

/** The usage from usageToJson's JSON, or undefined when it is not that. */
export function usageFromJson(json: unknown): VocabularyUsage | undefined {
  const saved = json as { classes?: unknown; properties?: unknown } | null;
  const pairs = (list: unknown): Map<string, TermUse> | undefined => {
    if (!Array.isArray(list)) return undefined;
    const map = new Map<string, TermUse>();
    for (const entry of list as unknown[]) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string') return undefined;
      const use = entry[1] as Partial<TermUse> | null;
      if (!use || typeof use.count !== 'number' || (use.example !== undefined && typeof use.example !== 'string'))
        return undefined;
      map.set(entry[0], { count: use.count, ...(use.example !== undefined ? { example: use.example } : {}) });
    }
    return map;
  };
  const classes = pairs(saved?.classes);
  const properties = pairs(saved?.properties);
  return classes && properties ? { classes, properties } : undefined;
}

/** Makes `usage` the store's usage under `thingSpace` (read from CACHE_DIR instead of computed). */
export function seedVocabularyUsage(store: DataReads, thingSpace: string, usage: VocabularyUsage): void {
  let byspace = computed.get(store);
  if (!byspace) computed.set(store, (byspace = new Map<string, Promise<VocabularyUsage>>()));
  byspace.set(thingSpace, Promise.resolve(usage));
}
