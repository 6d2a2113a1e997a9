// Error pages (404, 406, 410 ...): HTML, never cached, since messages may carry request details.
import { makeRepresentation, type Representation } from '../representation.js';
import { scriptSafeJson, type SchemaNode } from '../schema-org.js';
import type { PageContext } from './page-context.js';

/** A published thing named like the address that named nothing (the 404 page's "did you mean"). */
export interface CloseMatch {
  readonly href: string;
  readonly label: string;
  readonly kind: string;
}

export function errorPage(
  ctx: PageContext,
  status: number,
  heading: string,
  message: string,
  available?: string[],
  closeMatches: readonly CloseMatch[] = [],
): Representation {
  const schema: SchemaNode = { '@context': 'https://schema.org', '@type': 'WebPage', name: `${status} ${heading}` };
  const html = ctx.html.render(
    'error',
    { title: `${status} ${heading}`, canonical: ctx.baseIri, alternates: [], jsonLd: scriptSafeJson(schema) },
    {
      status,
      heading,
      message,
      available,
      // Only a 404 suggests other things: a 406 or 410 is about a thing that exists.
      closeMatches: status === 404 ? closeMatches : [],
    },
  );
  return makeRepresentation(html, 'text/html; charset=utf-8');
}
