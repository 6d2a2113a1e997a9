// Every thing a site publishes, for tests that go through them all (either implementation of Things).
import type { ThingInfo } from '../../src/resolve/thing-index.js';
import { isPublished, type Things } from '../../src/resolve/things.js';

/** Every thing, withdrawn and replaced ones included, by IRI. */
export function allThings(things: Things): Promise<readonly ThingInfo[]> {
  return things.all(0, things.size);
}

/** Every published thing, by IRI. */
export async function publishedThings(things: Things): Promise<readonly ThingInfo[]> {
  return (await allThings(things)).filter(isPublished);
}

/** The thing with this IRI; an error when there is none. */
export async function thingOf(things: Things, iri: string): Promise<ThingInfo> {
  const found = await things.get(iri);
  if (!found) throw new Error(`no thing ${iri}`);
  return found;
}
