// The IRI and URL layout of the platform under a base IRI: things, documents, collections, the
// dataset, the context, the service, and the one prefix map. Every module builds and parses them here.
import type { FormatEntry } from './formats.js';
import { COLLECTIONS, WELL_KNOWN_PREFIXES, ownPrefixes, type Collection } from './vocab.js';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** A value that starts with a scheme: an absolute IRI, not one relative to a base. */
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * An IRI as the saved indexes write it: relative to the base when under it (`id/process/x`), so
 * one file serves any base IRI; whole otherwise, and whole when what follows the base would read
 * as an absolute IRI itself (`BASE` + `urn:x`). `againstBase` gives it back.
 */
export function relativeToBase(iri: string, baseIri: string): string {
  if (!iri.startsWith(baseIri)) return iri;
  const rest = iri.slice(baseIri.length);
  return SCHEME.test(rest) ? iri : rest;
}

/** The IRI a value written by relativeToBase names: absolute as it is, else under the base. */
export function againstBase(value: string, baseIri: string): string {
  return SCHEME.test(value) ? value : baseIri + value;
}

/** `BASE/id/{collection}/{slug}`: the IRI of a thing. */
export function thingIri(baseIri: string, collection: string, slug: string): string {
  return `${baseIri}id/${collection}/${slug}`;
}

/** Where the IRIs of things begin: `BASE/id/`. */
export function thingSpace(baseIri: string): string {
  return `${baseIri}id/`;
}

/** Splits `BASE/id/{collection}/{slug}` into its parts; undefined for any other IRI. */
export function parseThingIri(iri: string, baseIri: string): { collection: Collection; slug: string } | undefined {
  if (!iri.startsWith(thingSpace(baseIri))) return undefined;
  const [collection, slug, ...rest] = iri.slice(baseIri.length + 3).split('/');
  if (rest.length > 0 || slug === undefined || !SLUG.test(slug)) return undefined;
  if (!(COLLECTIONS as readonly string[]).includes(collection ?? '')) return undefined;
  return { collection: collection as Collection, slug };
}

/** The document IRI of a thing: `BASE/id/c/s` -> `BASE/doc/c/s`, with a format's extension when given. */
export function documentIri(
  thing: { collection: string; slug: string },
  baseIri: string,
  format?: FormatEntry,
): string {
  return `${baseIri}doc/${thing.collection}/${thing.slug}${format ? `.${format.extension}` : ''}`;
}

/**
 * `BASE/doc/{collection}`, with `?type=` when the listing keeps to one kind (a prefixed class name,
 * `mig:GlobalProcess`) and `page=n` after the first page.
 */
export function collectionIri(baseIri: string, collection: string, page = 1, type?: string): string {
  const query = [type === undefined ? '' : `type=${type}`, page === 1 ? '' : `page=${page}`].filter(Boolean).join('&');
  return `${baseIri}doc/${collection}${query ? `?${query}` : ''}`;
}

/** The dataset's VoID and DCAT description. */
export function datasetIri(baseIri: string): string {
  return `${baseIri}dataset`;
}

/** Where the JSON-LD context every JSON-LD response uses is served. */
export function contextUrl(baseIri: string): string {
  return `${baseIri}context.jsonld`;
}

/** The SPARQL service (its description's subject). */
export function serviceIri(baseIri: string): string {
  return `${baseIri}sparql#service`;
}

/** The prefixes of every serialisation and report of ours: the well-known ones, ours, `shape:`. */
export function sitePrefixes(baseIri: string): Record<string, string> {
  return { ...WELL_KNOWN_PREFIXES, ...ownPrefixes(baseIri), shape: `${baseIri}shapes#` };
}

/**
 * Where a client reaches a URL of ours on this server: `BASE/x` -> `SITE/x` (SITE_URL in place of
 * BASE_IRI, the path and fragment kept); any other URL unchanged. Identifiers stay under BASE_IRI;
 * only links, redirects and Content-Location go through here. With SITE_URL equal to BASE_IRI
 * (the default whenever BASE_IRI is set) it returns the URL itself.
 */
export function siteAddress(url: string, baseIri: string, siteUrl: string): string {
  return siteUrl !== baseIri && url.startsWith(baseIri) ? siteUrl + url.slice(baseIri.length) : url;
}

/** The prefixed name of an IRI under `prefixes` (the longest namespace), or undefined. */
export function curieOf(prefixes: Readonly<Record<string, string>>, iri: string): string | undefined {
  let best: [string, string] | undefined;
  for (const [prefix, ns] of Object.entries(prefixes))
    if (iri.startsWith(ns) && iri.length > ns.length && (!best || ns.length > best[1].length)) best = [prefix, ns];
  if (!best) return undefined;
  const local = iri.slice(best[1].length);
  return /^[A-Za-z_][\w-]*$/.test(local) ? `${best[0]}:${local}` : undefined;
}
