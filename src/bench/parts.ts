// The bench's parts and stores, apart from the bench itself: the CLI checks `--parts` and `--store` without loading it.
export const PARTS = ['deref', 'sparql', 'startup', 'isolation', 'overload', 'crawl', 'scale', 'engines'] as const;
export type Part = (typeof PARTS)[number];
/** The parts `npm run bench` runs when `--parts` is not given. */
export const DEFAULT_PARTS: readonly Part[] = ['deref', 'sparql', 'startup', 'isolation', 'overload', 'crawl'];

/** The stores the platform can be measured on (`--store`): its own copy, or a SPARQL store (Virtuoso). */
export const STORES = ['embedded', 'sparql'] as const;
export type StoreKind = (typeof STORES)[number];

/**
 * `--store embedded`, `sparql` or `embedded,sparql`: the stores in the order they are measured
 * (embedded first, whatever the order given, so the remote rows can be set beside it). Throws on a
 * name that is not a store, an empty list or a store named twice.
 */
export function parseStores(text: string): StoreKind[] {
  const names = text.split(',').map((s) => s.trim());
  const unknown = names.filter((n) => !(STORES as readonly string[]).includes(n));
  if (unknown.length > 0)
    throw new Error(
      `unknown --store ${unknown.map((n) => `"${n}"`).join(', ')}; choose embedded, sparql or embedded,sparql`,
    );
  if (new Set(names).size !== names.length) throw new Error(`--store names a store twice: "${text}"`);
  return STORES.filter((s) => names.includes(s));
}
