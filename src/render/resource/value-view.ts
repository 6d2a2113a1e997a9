// How one value shows on a page: a link labelled by name, an IRI we do not link to, or a literal;
// where links go (hrefFor) and which IRIs may be links at all (linkable).
import type { Term } from 'n3';
import type { Description } from '../../rdf/document.js';
import { labelsOf } from '../../rdf/labels.js';
import { documentIri, parseThingIri, siteAddress } from '../../rdf/layout.js';
import { RDF, XSD } from '../../rdf/vocab.js';
import { localName } from '../vocabulary-labels.js';
import { plainLiteral } from './values.js';

/** A value shown on a page: a link labelled by name, an IRI we do not link to, or a literal with language or datatype. */
export interface ValueView {
  readonly href?: string;
  readonly text: string;
  readonly language?: string;
  readonly datatype?: string;
  readonly iri?: string;
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

/**
 * A local name in words: camel case split and lower-cased, acronyms kept ("DataSet" gives "data set",
 * "FormalOrganization" "formal organization", "IRIList" "IRI list").
 */
export function readableName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .split(' ')
    .map((word) => (/^[A-Z][a-z]/.test(word) || /^[a-z]/.test(word) ? word.toLowerCase() : word))
    .join(' ');
}

export function compareValues(a: ValueView, b: ValueView): number {
  return a.text.localeCompare(b.text, 'en', { numeric: true });
}

/**
 * A term as shown: IRIs by their label (or compacted), literals as plain values (see plainLiteral;
 * `property` is the predicate, for units such as percentages); links to `siteUrl`.
 */
export function describeValue(
  term: Term,
  labelOf: LabelOf,
  baseIri: string,
  siteUrl = baseIri,
  property?: string,
): ValueView {
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
    // The datatype stays in the view (and the RDF formats); the page prints the plain value.
    return plain
      ? { text: term.value }
      : { text: plainLiteral(term, baseIri, property), datatype: `xsd:${localName(datatype)}` };
  }
  return { text: `[${term.termType === 'BlankNode' ? 'blank node' : term.termType}]` };
}
