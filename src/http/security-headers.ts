// The security headers of every response, set in one place: the app's first middleware, ahead of the
// fast path (/id, /doc), the router, the static assets, SPARQL and the error handler.
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The Content-Security-Policy of our pages. Everything comes from our own origin: the request's
 * (`'self'`), SITE_URL's (where every link, stylesheet and script of a page points) and BASE_IRI's
 * (the public addresses), all from the configuration, never from the Host header: no
 * inline script anywhere (the JSON-LD and the editor's configuration are data blocks, which are
 * never run), no plugins, no framing, no `<base>` rewriting, forms post to us only. `data:` images
 * cover the empty favicon every page declares.
 */
export function contentSecurityPolicy(baseIri: string, options: { inlineStyles: boolean }, siteUrl = baseIri): string {
  const self = ["'self'", ...new Set([new URL(siteUrl).origin, new URL(baseIri).origin])].join(' ');
  return [
    `default-src ${self}`,
    `img-src ${self} data:`,
    // YASGUI writes style attributes into markup it builds (its tooltips): the editor's page allows
    // inline styles, which cannot run code; every other page does not.
    `style-src ${self}${options.inlineStyles ? " 'unsafe-inline'" : ''}`,
    "object-src 'none'",
    `base-uri ${self}`,
    `form-action ${self}`,
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Sets the headers on every response; the CSP is for HTML but harmless on the rest, and set on all. */
export function securityHeaders(
  baseIri: string,
  siteUrl = baseIri,
): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const pages = contentSecurityPolicy(baseIri, { inlineStyles: false }, siteUrl);
  const editor = contentSecurityPolicy(baseIri, { inlineStyles: true }, siteUrl);
  return (req, res, next) => {
    // Browsers must take our Content-Type as given (a Turtle or JSON body never becomes a page or
    // a script), and links to other sites carry our origin at most, never a path or query.
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    // Set on every response rather than only on HTML: a policy on a non-HTML response costs a
    // header and still applies if a browser ever renders it as a document (XML, SVG).
    res.setHeader('Content-Security-Policy', isEditor(req.url) ? editor : pages);
    next();
  };
}

/** The query editor is the HTML answer of `/sparql` (with or without a query string). */
function isEditor(url: string | undefined): boolean {
  return url === '/sparql' || (url?.startsWith('/sparql?') ?? false);
}
