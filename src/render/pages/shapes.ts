// The SHACL shapes: an HTML list of node shapes, or the shapes' RDF.
import { FORMATS, type FormatEntry } from '../../rdf/formats.js';
import { SH } from '../../rdf/vocab.js';
import { MemoryStore } from '../../oxigraph/memory-store.js';
import { alternatesFor } from '../html.js';
import type { Representation } from '../representation.js';
import { hrefFor } from '../resource/value-view.js';
import type { SchemaNode } from '../schema-org.js';
import { localName } from '../vocabulary-labels.js';
import { htmlPage, onSite, rdfDocument, type PageContext } from './page-context.js';

export function shapesDocument(ctx: PageContext, format: FormatEntry): Promise<Representation> | Representation {
  const stem = `${ctx.baseIri}shapes`;
  if (format.rdf) return rdfDocument(ctx, ctx.shapes, format, stem);
  const shapes = new MemoryStore(ctx.shapes);
  const items = shapes
    .typedSubjects()
    .filter((s) => s.termType === 'NamedNode' && shapes.types(s).includes(`${SH}NodeShape`))
    .map((s) => ({
      href: hrefFor(s.value, ctx.baseIri, ctx.siteUrl),
      label: shapes.label(s) ?? localName(s.value),
      types: shapes
        .objects(s, `${SH}targetClass`)
        .map((c) => ctx.labels.label(c.value))
        .join(', '),
    }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const schema: SchemaNode = {
    '@context': 'https://schema.org',
    '@type': 'WebPage',
    '@id': stem,
    url: stem,
    name: 'SHACL shapes',
  };
  return htmlPage(
    ctx,
    'collection',
    {
      title: 'SHACL shapes',
      canonical: stem,
      alternates: alternatesFor(
        onSite(ctx, stem),
        FORMATS.filter((f) => f.rdf),
      ),
      schema,
    },
    {
      total: items.length,
      page: 1,
      items,
    },
  );
}
