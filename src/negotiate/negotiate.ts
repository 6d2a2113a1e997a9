// Content negotiation on Accept, with the `negotiator` library (the one express itself uses).
import Negotiator from 'negotiator';
import { FORMATS, type FormatEntry } from './formats.js';

/**
 * The format to answer with, or undefined when nothing offered is acceptable (a 406).
 * A missing or empty Accept gets the first offered format (RFC 9110 §12.5.1: no Accept
 * means any type is acceptable).
 */
export function negotiateFormat(
  accept: string | undefined,
  offered: readonly FormatEntry[] = FORMATS,
): FormatEntry | undefined {
  if (accept === undefined || accept.trim() === '') return offered[0];
  const candidates = offered.flatMap((format) => [format.mediaType, ...format.aliases]);
  const chosen = new Negotiator({ headers: { accept } }).mediaType(candidates);
  if (chosen === undefined) return undefined;
  return offered.find((format) => format.mediaType === chosen || format.aliases.includes(chosen));
}
