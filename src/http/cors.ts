// Cross-origin access, in one place: any origin may read what we serve (docs/contract.md: documents
// and the SPARQL endpoint send `Access-Control-Allow-Origin: *`), never with credentials.
import type { ServerResponse } from 'node:http';

/** The request headers a cross-origin client may send: negotiation, revalidation, a query's body type. */
export const CORS_ALLOW_HEADERS = 'Accept, If-None-Match, Content-Type';
/** How long (seconds) a browser may keep a preflight's answer. */
export const CORS_MAX_AGE = '86400';

/** Lets any origin read the response (no credentials: the header is `*`, and no Allow-Credentials). */
export function allowAnyOrigin(res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
}

/** The answer to a CORS preflight of a resource that allows `methods`. */
export function writePreflight(res: ServerResponse, methods: readonly string[]): void {
  allowAnyOrigin(res);
  res.setHeader('Access-Control-Allow-Methods', methods.join(', '));
  res.setHeader('Access-Control-Allow-Headers', CORS_ALLOW_HEADERS);
  res.setHeader('Access-Control-Max-Age', CORS_MAX_AGE);
}
