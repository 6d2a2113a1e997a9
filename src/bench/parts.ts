// The bench's parts, apart from the bench itself: the CLI checks `--parts` without loading it.
export const PARTS = ['deref', 'sparql', 'startup', 'isolation', 'overload', 'crawl', 'scale', 'engines'] as const;
export type Part = (typeof PARTS)[number];
/** The parts `npm run bench` runs when `--parts` is not given. */
export const DEFAULT_PARTS: readonly Part[] = ['deref', 'sparql', 'startup', 'isolation', 'overload', 'crawl'];
