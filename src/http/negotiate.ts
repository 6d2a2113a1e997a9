// Content negotiation on Accept, with the `negotiator` library (the one express itself uses).
import Negotiator from 'negotiator';

/** Anything offered for negotiation: a media type and the other types it answers. */
export interface Negotiable {
  readonly mediaType: string;
  readonly aliases: readonly string[];
}

// A media-range parameter other than q (charset, JSON-LD profile ...): negotiator would only match an
// offered type carrying the same parameter, so `text/turtle;charset=utf-8` would get a 406.
const PARAMETER = /;\s*(?!q\s*=)[^;,=\s]+\s*=\s*(?:"(?:[^"\\]|\\.)*"|[^;,\s]*)/gi;

/**
 * The entry to answer with, or undefined when nothing offered is acceptable (a 406).
 * A missing or empty Accept gets the first offered entry (RFC 9110 §12.5.1: no Accept
 * means any type is acceptable); among equally preferred ranges, the Accept header's order decides,
 * and for a wildcard the earlier offered entry wins.
 */
export function negotiateFormat<T extends Negotiable>(
  accept: string | undefined,
  offered: readonly T[],
): T | undefined {
  if (accept === undefined || accept.trim() === '') return offered[0];
  const cleaned = accept.replace(PARAMETER, '');
  // Every main type before any alias, so that among equals a main type is chosen; and an alias
  // (application/xhtml+xml) only when the client names it: a wildcard (`application/*`) must not
  // pick an entry whose Content-Type (text/html) it does not accept.
  const aliases = new Set(offered.flatMap((format) => format.aliases));
  const candidates = [...offered.map((format) => format.mediaType), ...aliases];
  const named = namedTypes(cleaned);
  const chosen = new Negotiator({ headers: { accept: cleaned } })
    .mediaTypes(candidates)
    .find((type) => !aliases.has(type) || named.has(type));
  if (chosen === undefined) return undefined;
  return offered.find((format) => format.mediaType === chosen || format.aliases.includes(chosen));
}

/** The media types an Accept header names outright (no wildcard), with a q above 0. */
function namedTypes(accept: string): Set<string> {
  const named = new Set<string>();
  for (const range of accept.split(',')) {
    const [type = '', ...params] = range.split(';').map((part) => part.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    if (type.includes('*') || (q !== undefined && Number(q.slice(2)) === 0)) continue;
    named.add(type);
  }
  return named;
}
