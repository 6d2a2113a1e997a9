// Error pages (404, 406, 410 ...): HTML, never cached, since messages may carry request details.
import { makeRepresentation, type Representation } from '../representation.js';
import { scriptSafeJson, type SchemaNode } from '../schema-org.js';
import type { PageContext } from './page-context.js';

export function errorPage(
  ctx: PageContext,
  status: number,
  heading: string,
  message: string,
  available?: string[],
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
    },
  );
  return makeRepresentation(html, 'text/html; charset=utf-8');
}
