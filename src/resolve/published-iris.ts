// The register of every IRI ever published (data/published-iris.txt): it grows, never shrinks.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const PUBLISHED_IRIS_FILE = 'data/published-iris.txt';

const HEADER = `# Every IRI this platform has published, relative to BASE_IRI, one per line.
# This list only grows: a test fails if any of them stops answering 303, 301 or 410.
# Add new ones with \`npm run iris:record\`; never delete a line.
`;

/** The relative IRIs in the register (comments and blank lines skipped). */
export async function readPublishedIris(root: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path.join(root, PUBLISHED_IRIS_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** Adds IRIs to the register, keeping every existing line; returns the ones that were new. */
export async function recordPublishedIris(root: string, relativeIris: Iterable<string>): Promise<string[]> {
  const existing = await readPublishedIris(root);
  const known = new Set(existing);
  const added = [...new Set(relativeIris)].filter((iri) => !known.has(iri)).sort();
  const all = [...existing, ...added].sort();
  await writeFile(path.join(root, PUBLISHED_IRIS_FILE), HEADER + all.join('\n') + '\n');
  return added;
}
