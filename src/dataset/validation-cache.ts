// Remembers that a dataset version conformed, so an unchanged dataset is not validated again at start-up.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Bump when validation itself changes (validate.ts, shacl-engine), so old verdicts are not reused. */
const VALIDATOR_VERSION = 'shacl-engine-1.1.2+oxigraph-sparql/v2';

function verdictFile(cacheDir: string, contentHash: string): string {
  return path.join(cacheDir, 'validation', `${contentHash}.json`);
}

/** True when a conforming verdict for this content, by this validator, is cached. */
export async function hasConformingVerdict(cacheDir: string | undefined, contentHash: string): Promise<boolean> {
  if (!cacheDir) return false;
  try {
    const saved = JSON.parse(await readFile(verdictFile(cacheDir, contentHash), 'utf8')) as {
      conforms?: boolean;
      validator?: string;
    };
    return saved.conforms === true && saved.validator === VALIDATOR_VERSION;
  } catch {
    return false;
  }
}

/**
 * Records that the content with this hash (every file's name and bytes; see scanDataset) conforms,
 * for the validator version. The base IRI is not part of the key: every IRI of ours is relative,
 * so moving the base moves them all together. Only conforming verdicts are kept: invalid data is
 * always validated again, so its report is always fresh.
 */
export async function rememberConforming(cacheDir: string | undefined, contentHash: string): Promise<void> {
  if (!cacheDir) return;
  const file = verdictFile(cacheDir, contentHash);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(
    file,
    JSON.stringify({ conforms: true, validator: VALIDATOR_VERSION, contentHash, at: new Date().toISOString() }),
  );
}
