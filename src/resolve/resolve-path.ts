// Pure resolution of /id/ and /doc/ paths to what the server must answer.
import { COLLECTIONS, type Collection } from '../rdf/vocab.js';
import { formatByExtension, type FormatEntry } from '../rdf/formats.js';
import { documentIri, parseThingIri, thingIri } from '../rdf/layout.js';
import type { ThingInfo } from './thing-index.js';
import type { Things } from './things.js';

export type Resolution =
  | { kind: 'document'; thing: ThingInfo; format?: FormatEntry }
  | { kind: 'collection'; collection: Collection; format?: FormatEntry }
  | { kind: 'redirect'; status: 301 | 303; location: string }
  | { kind: 'gone'; thing: ThingInfo }
  | { kind: 'not-found' };

const NOT_FOUND: Resolution = { kind: 'not-found' };

/** What a thing path names, once its thing is known: at once from the index, after a read from the catalogue. */
function withThing(
  things: Things,
  iri: string,
  then: (thing: ThingInfo) => Resolution,
): Resolution | Promise<Resolution> {
  const found = things.get(iri);
  if (found instanceof Promise) return found.then((thing) => (thing ? then(thing) : NOT_FOUND));
  return found ? then(found) : NOT_FOUND;
}

/** `/id/{collection}/{slug}`: 303 to the document, 301 to a replacement, 410 when withdrawn. */
export function resolveIdPath(collection: string, slug: string, things: Things): Resolution | Promise<Resolution> {
  const { baseIri } = things;
  return withThing(things, thingIri(baseIri, collection, slug), (thing) => {
    if (thing.withdrawn) return { kind: 'gone', thing };
    if (thing.replacedBy) return { kind: 'redirect', status: 301, location: thing.replacedBy };
    return { kind: 'redirect', status: 303, location: documentIri(thing, baseIri) };
  });
}

/** `/doc/{collection}/{slug}[.ext]`: the document, in one format when an extension is given. */
export function resolveDocPath(
  collection: string,
  slugWithExtension: string,
  things: Things,
): Resolution | Promise<Resolution> {
  const { name, format, badExtension } = splitExtension(slugWithExtension);
  if (badExtension) return NOT_FOUND;
  const { baseIri } = things;
  return withThing(things, thingIri(baseIri, collection, name), (thing) => {
    if (thing.withdrawn) return { kind: 'gone', thing };
    if (thing.replacedBy) {
      const replacement = parseThingIri(thing.replacedBy, baseIri);
      if (replacement) return { kind: 'redirect', status: 301, location: documentIri(replacement, baseIri, format) };
      return { kind: 'redirect', status: 301, location: thing.replacedBy };
    }
    return { kind: 'document', thing, ...(format ? { format } : {}) };
  });
}

/** `/doc/{collection}[.ext]`: the list of a collection. */
export function resolveCollectionPath(collectionWithExtension: string): Resolution {
  const { name, format, badExtension } = splitExtension(collectionWithExtension);
  if (badExtension || !(COLLECTIONS as readonly string[]).includes(name)) return NOT_FOUND;
  return { kind: 'collection', collection: name as Collection, ...(format ? { format } : {}) };
}

/** `name.ext` -> name and format; an extension we do not serve is flagged. */
export function splitExtension(segment: string): { name: string; format?: FormatEntry; badExtension: boolean } {
  const dot = segment.lastIndexOf('.');
  if (dot < 0) return { name: segment, badExtension: false };
  const format = formatByExtension(segment.slice(dot + 1));
  return format ? { name: segment.slice(0, dot), format, badExtension: false } : { name: segment, badExtension: true };
}
