// View models for HTML pages: plain objects the handlebars templates print, built from quads.
import type { Quad, Term } from 'n3';
import type { Description } from '../rdf/document.js';
import { labelsOf } from '../rdf/labels.js';
import { documentIri, parseThingIri, siteAddress } from '../rdf/layout.js';
import { DCT, RDF, XSD } from '../rdf/vocab.js';
import { localName, type VocabularyLabels } from './vocabulary-labels.js';

/** A value shown on a page: a link labelled by name, an IRI we do not link to, or a literal with language or datatype. */
export interface ValueView {
  readonly href?: string;
  readonly text: string;
  readonly language?: string;
  readonly datatype?: string;
  readonly iri?: string;
}

export interface PropertyView {
  readonly iri: string;
  /** Absent when the property's IRI is not one we link to (see linkable). */
  readonly href?: string;
  readonly label: string;
  readonly values: ValueView[];
}

export interface ResourceView {
  readonly iri: string;
  readonly title: string;
  readonly types: ValueView[];
  readonly description?: string;
  readonly properties: PropertyView[];
  readonly inbound: PropertyView[];
}

/**
 * The IRIs a page links to: web pages and mail addresses. Any other scheme in the data
 * (`javascript:`, `data:`, `vbscript:`, `file:`, `urn:` ...) is shown as text, never as an
 * href, since following it would run or open whatever the data says. The test is on the first
 * characters, so no leading space or control character can hide a scheme.
 */
export function linkable(iri: string): string | undefined {
  return /^(?:https?|mailto):/i.test(iri) ? iri : undefined;
}

/**
 * Where a link to an IRI goes: our things to their document, other web IRIs to themselves, the
 * rest nowhere. With `siteUrl` (SITE_URL), an IRI of ours (a thing's document, `BASE/ontology#T`,
 * `BASE/dataset` ...) becomes its page on this server, `SITE/...`: what an HTML href needs. Without
 * it, the public address under BASE_IRI: what schema.org's `url` and the sitemap give.
 */
export function hrefFor(iri: string, baseIri: string, siteUrl = baseIri): string | undefined {
  const thing = parseThingIri(iri, baseIri);
  const href = thing ? documentIri(thing, baseIri) : linkable(iri);
  return href === undefined ? undefined : siteAddress(href, baseIri, siteUrl);
}

/** The display label of an IRI, when it has one (see labelsOf). */
export type LabelOf = (iri: string) => string | undefined;

/** The labels a description holds: the thing's own and those of every IRI it mentions. */
export function descriptionLabels(description: Description): LabelOf {
  const labels = labelsOf([
    ...description.own.filter((q) => q.subject.value === description.iri),
    ...description.labels,
  ]);
  return (iri) => labels.get(iri);
}

/** Builds the view of one resource from its description; its links go to `siteUrl` (SITE_URL). */
export function buildResourceView(
  described: Description,
  labels: VocabularyLabels,
  baseIri: string,
  siteUrl = baseIri,
): ResourceView {
  const { iri } = described;
  const own = described.own.filter((q) => q.subject.termType === 'NamedNode' && q.subject.value === iri);
  const labelOf = descriptionLabels(described);
  const valueOf = (term: Term): ValueView => describeValue(term, labelOf, baseIri, siteUrl);
  const types = own.filter((q) => q.predicate.value === `${RDF}type`).map((q) => valueOf(q.object));
  const description = own.find((q) => q.predicate.value === `${DCT}description`)?.object.value;
  const shown = own.filter((q) => q.predicate.value !== `${RDF}type`);
  return {
    iri,
    title: labelOf(iri) ?? localName(iri),
    types,
    ...(description !== undefined ? { description } : {}),
    properties: groupByPredicate(
      shown,
      labels,
      (iri) => hrefFor(iri, baseIri, siteUrl),
      (q) => valueOf(q.object),
    ),
    inbound: groupByPredicate(
      [...described.inbound],
      labels,
      (iri) => hrefFor(iri, baseIri, siteUrl),
      (q) => valueOf(q.subject),
    ),
  };
}

function groupByPredicate(
  quads: Quad[],
  labels: VocabularyLabels,
  href: (iri: string) => string | undefined,
  value: (q: Quad) => ValueView,
): PropertyView[] {
  const groups = new Map<string, ValueView[]>();
  for (const q of quads) {
    const list = groups.get(q.predicate.value) ?? [];
    list.push(value(q));
    groups.set(q.predicate.value, list);
  }
  return [...groups.entries()]
    .map(([iri, values]) => ({ iri, values: values.sort(compareValues), ...labels.property(iri) }))
    .sort((a, b) => a.order - b.order || a.label.localeCompare(b.label, 'en'))
    .map(({ iri, label, values }) => ({ iri, href: href(iri), label, values }));
}

function compareValues(a: ValueView, b: ValueView): number {
  return a.text.localeCompare(b.text, 'en', { numeric: true });
}

/** A term as shown: IRIs by their label (or compacted), literals with language or datatype; links to `siteUrl`. */
export function describeValue(term: Term, labelOf: LabelOf, baseIri: string, siteUrl = baseIri): ValueView {
  if (term.termType === 'NamedNode') {
    const href = hrefFor(term.value, baseIri, siteUrl);
    const label = labelOf(term.value);
    // An IRI shown as text is shown whole (unless labelled): its local name could hide the scheme.
    if (!href) return { text: label ?? term.value, iri: term.value };
    return { href, text: label ?? localName(term.value), iri: term.value };
  }
  if (term.termType === 'Literal') {
    if (term.language) return { text: term.value, language: term.language };
    const datatype = term.datatype.value;
    const plain = datatype === `${XSD}string` || datatype === `${RDF}langString`;
    return plain ? { text: term.value } : { text: term.value, datatype: `xsd:${localName(datatype)}` };
  }
  return { text: `[${term.termType === 'BlankNode' ? 'blank node' : term.termType}]` };
}
