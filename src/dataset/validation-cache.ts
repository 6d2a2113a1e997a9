// Remembers that a dataset version conformed, so an unchanged dataset is not validated again at start-up.
import type { CacheDir } from './cache-dir.js';

/** Bump when validation itself changes (validate.ts, shacl-engine), so old verdicts are not reused. */
const VALIDATOR_VERSION = 'shacl-engine-1.1.2+oxigraph-sparql/v2';

const key = (contentHash: string) => ({ kind: 'validation', format: VALIDATOR_VERSION, contentHash });

/**
 * True when a conforming verdict for this content, by this validator, is cached. An entry that
 * cannot be believed (see CacheDir.read) or says anything else means validating again.
 */
export async function hasConformingVerdict(cache: CacheDir | undefined, contentHash: string): Promise<boolean> {
  if (!cache) return false;
  const saved = (await cache.read(key(contentHash), 'validation verdict')) as { conforms?: unknown } | undefined;
  return saved?.conforms === true;
}

/**
 * Records that the content with this hash (every file's name and bytes; see scanDataset) conforms,
 * for the validator version. The base IRI is not part of the key: every IRI of ours is relative,
 * so moving the base moves them all together. Only conforming verdicts are kept: invalid data is
 * always validated again, so its report is always fresh.
 */
export async function rememberConforming(cache: CacheDir | undefined, contentHash: string): Promise<void> {
  await cache?.write(key(contentHash), { conforms: true, at: new Date().toISOString() }, 'validation verdict');
}
