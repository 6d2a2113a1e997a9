// The ontology: HTML documentation of every class and property, or the ontology's RDF.
import { DataFactory } from 'n3';
import { FORMATS, type FormatEntry } from '../../rdf/formats.js';
import { OWL, RDFS, ontologyNamespace } from '../../rdf/vocab.js';
import { alternatesFor } from '../html.js';
import type { Representation } from '../representation.js';
import { describeValue, linkable } from '../resource-view.js';
import type { SchemaNode } from '../schema-org.js';
import { htmlPage, rdfDocument, type PageContext } from './page-context.js';

const { namedNode } = DataFactory;

export function ontologyDocument(ctx: PageContext, format: FormatEntry): Promise<Representation> | Representation {
  const stem = `${ctx.baseIri}ontology`;
  if (format.rdf) return rdfDocument(ctx, ctx.ontology, format, stem);
  const mig = ontologyNamespace(ctx.baseIri);
  const labelOf = (iri: string): string | undefined => ctx.ontologyStore.label(namedNode(iri));
  const terms = (kinds: string[], parent: string): Array<Record<string, unknown>> =>
    ctx.ontologyStore
      .typedSubjects()
      .filter((s) => s.value.startsWith(mig) && ctx.ontologyStore.types(s).some((t) => kinds.includes(t)))
      .map((s) => ({
        local: s.value.slice(mig.length),
        curie: `mig:${s.value.slice(mig.length)}`,
        label: ctx.labels.label(s.value),
        comment: ctx.labels.comment(s.value),
        parents: ctx.ontologyStore.objects(s, parent).map((p) => ({
          ...describeValue(p, labelOf, ctx.baseIri),
          href: p.value.startsWith(mig) ? `#${p.value.slice(mig.length)}` : linkable(p.value),
        })),
      }))
      .sort((a, b) => String(a.local).localeCompare(String(b.local)));
  const ontology = namedNode(stem);
  const title = ctx.ontologyStore.label(ontology) ?? 'Ontology';
  const comment = ctx.ontologyStore.objects(ontology, `${RDFS}comment`)[0]?.value;
  const schema: SchemaNode = {
    '@context': 'https://schema.org',
    '@type': 'DefinedTermSet',
    '@id': stem,
    url: stem,
    name: title,
    ...(comment ? { description: comment } : {}),
  };
  return htmlPage(
    ctx,
    'ontology',
    {
      title,
      canonical: stem,
      alternates: alternatesFor(
        stem,
        FORMATS.filter((f) => f.rdf),
      ),
      schema,
    },
    {
      comment,
      namespace: mig,
      version: ctx.ontologyStore.objects(ontology, `${OWL}versionInfo`)[0]?.value,
      classes: terms([`${OWL}Class`], `${RDFS}subClassOf`),
      properties: terms([`${OWL}ObjectProperty`, `${OWL}DatatypeProperty`], `${RDFS}subPropertyOf`),
    },
  );
}
