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
 * means any type is acceptable); among equally acceptable entries the earlier one wins.
 */
export function negotiateFormat<T extends Negotiable>(
  accept: string | undefined,
  offered: readonly T[],
): T | undefined {
  if (accept === undefined || accept.trim() === '') return offered[0];
  // Every main type before any alias, so a wildcard (`application/*`) never picks an entry through
  // an alias (application/xhtml+xml) whose Content-Type (text/html) it does not accept.
  const candidates = [...offered.map((format) => format.mediaType), ...offered.flatMap((format) => format.aliases)];
  const chosen = new Negotiator({ headers: { accept: accept.replace(PARAMETER, '') } }).mediaType(candidates);
  if (chosen === undefined) return undefined;
  return offered.find((format) => format.mediaType === chosen || format.aliases.includes(chosen));
}
