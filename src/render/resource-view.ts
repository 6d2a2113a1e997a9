// View models for HTML pages: plain objects the handlebars templates print, built from quads.
import { DataFactory, type Quad, type Term } from 'n3';
import type { Description } from '../rdf/document.js';
import { LABEL_PROPERTIES, labelsOf } from '../rdf/labels.js';
import { documentIri, parseThingIri, siteAddress } from '../rdf/layout.js';
import { DCT, ORG, RDF, SKOS, XSD } from '../rdf/vocab.js';
import { inverseWording } from './resource/inverse.js';
import {
  NO_RELATIONS,
  compareByData,
  engagementProperties,
  type Engagement,
  type Post,
  type Relations,
  type Series,
} from './resource/relations.js';
import { plainLiteral } from './resource/values.js';
import { localName, type VocabularyLabels } from './vocabulary-labels.js';

const { namedNode } = DataFactory;

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

/** An engagement (org:Membership) as a row of a table or a sentence: who, in what role, where, with whom. */
export interface RoleView {
  readonly href?: string;
  readonly members: ValueView[];
  readonly roles: ValueView[];
  readonly processes: ValueView[];
  readonly bodies: ValueView[];
  readonly partners: ValueView[];
  readonly consulted: ValueView[];
  readonly through: ValueView[];
  /** Processes and bodies other than the thing the page is about (for the sentence). */
  readonly sentenceProcesses: ValueView[];
  readonly sentenceBodies: ValueView[];
  readonly since?: string;
}

export interface PostView {
  readonly post: ValueView;
  readonly units: ValueView[];
  readonly holders: ValueView[];
}

/** The thing's place in a series (editions by year, sessions of an edition), with its neighbours. */
export interface SeriesView {
  readonly parent: ValueView;
  readonly position: number;
  readonly count: number;
  readonly previous?: ValueView;
  readonly next?: ValueView;
}

export interface ResourceView {
  readonly iri: string;
  readonly title: string;
  readonly types: ValueView[];
  readonly description?: string;
  /** Labels other than the title, and acronyms. */
  readonly otherNames: string[];
  /** An engagement's own page: the sentence it stands for. */
  readonly summary?: RoleView;
  readonly properties: PropertyView[];
  /** The engagements that connect the thing: a table where it is the member, else sentences. */
  readonly roles: { readonly table: boolean; readonly rows: RoleView[] };
  /** A person's posts with their units; a unit's posts with their holders. */
  readonly posts: PostView[];
  readonly staff: PostView[];
  readonly inbound: PropertyView[];
  readonly series: SeriesView[];
  /** Curators' notes and sources ("About the source"). */
  readonly about?: { readonly notes: string[]; readonly sources: ValueView[] };
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

/** What the page shows of the things it connects (see readRelations), and how inverses read. */
export interface ResourceExtras {
  readonly relations?: Relations;
  /** The label of a property's owl:inverseOf in the ontology, if it has one. */
  readonly inverseOf?: (property: string) => string | undefined;
}

/** Builds the view of one resource from its description; its links go to `siteUrl` (SITE_URL). */
export function buildResourceView(
  described: Description,
  labels: VocabularyLabels,
  baseIri: string,
  siteUrl = baseIri,
  extras: ResourceExtras = {},
): ResourceView {
  const { iri } = described;
  const relations = extras.relations ?? NO_RELATIONS;
  const own = described.own.filter((q) => q.subject.termType === 'NamedNode' && q.subject.value === iri);
  const labelOf = combinedLabels(described, relations);
  const valueOf = (term: Term, property?: string): ValueView =>
    describeValue(term, labelOf, baseIri, siteUrl, property);
  const iriValue = (value: string): ValueView => valueOf(namedNode(value));
  const compare = (a: ValueView, b: ValueView): number =>
    (a.iri && b.iri ? compareByData(relations.order, a.iri, b.iri) : undefined) ?? compareValues(a, b);
  const title = labelOf(iri) ?? localName(iri);
  // A type without a label (qb:DataSet: reused, unlabelled in our ontology) shows its local name in words ("data set").
  const types = own
    .filter((q) => q.predicate.value === `${RDF}type`)
    .map((q) => {
      const value = valueOf(q.object);
      return value.href !== undefined && labelOf(q.object.value) === undefined
        ? { ...value, text: readableName(localName(q.object.value)) }
        : value;
    });
  const descriptions = own.filter((q) => q.predicate.value === `${DCT}description`);
  const description = descriptions[0]?.object.value;

  // Names: the title once; other names (different labels, acronyms) apart from the facts.
  const otherNames = [
    ...new Set(
      own
        .filter((q) => NAME_PROPERTIES.has(q.predicate.value) && q.object.termType === 'Literal')
        .map((q) => q.object.value)
        .filter((name) => name !== title),
    ),
  ];
  const notes = own.filter((q) => NOTE_PROPERTIES.has(q.predicate.value)).map((q) => q.object.value);
  const sources = own
    .filter((q) => q.predicate.value === `${DCT}source`)
    .map((q) => valueOf(q.object))
    .sort(compare);

  const engagementSlots = engagementProperties(baseIri);
  const engagements = relations.engagements.filter((e) => e.iri !== iri);
  const engagementIris = new Set(engagements.map((e) => e.iri));
  const isMember = engagements.some((e) => e.members.includes(iri));
  const roleRows = engagements.map((e) => roleRow(e, iri, iriValue, compare, siteUrl, baseIri));
  const self = relations.engagements.find((e) => e.iri === iri);
  const posts = relations.posts.map((p) => postView(p, iriValue));
  const staff = relations.staff.map((p) => postView(p, iriValue));

  const hidden = new Set([
    `${RDF}type`,
    `${DCT}description`,
    `${DCT}source`,
    ...NAME_PROPERTIES,
    ...NOTE_PROPERTIES,
    ...(posts.length ? [`${ORG}holds`] : []),
  ]);
  const shown = own.filter(
    (q) => !hidden.has(q.predicate.value) || (q.predicate.value === `${DCT}description` && q !== descriptions[0]),
  );
  const inbound = described.inbound.filter(
    (q) =>
      !(engagementIris.has(q.subject.value) && q.predicate.value in engagementSlots) &&
      !(staff.length && q.predicate.value === `${ORG}postIn`),
  );
  const href = (p: string): string | undefined => hrefFor(p, baseIri, siteUrl);
  const inverseLabel = (p: string): { label: string; order: number } => {
    const { label, order } = labels.property(p);
    return { label: inverseWording(p, label, baseIri, extras.inverseOf?.(p)), order };
  };
  // A link stated both ways (X has part Y, Y part of X) is shown once, among the facts.
  const stated = new Set(shown.map((q) => `${labels.property(q.predicate.value).label}\u0000${q.object.value}`));
  const unstated = inbound.filter(
    (q) => !stated.has(`${inverseLabel(q.predicate.value).label}\u0000${q.subject.value}`),
  );
  return {
    iri,
    title,
    types,
    ...(description !== undefined ? { description } : {}),
    otherNames,
    ...(self ? { summary: roleRow(self, iri, iriValue, compare, siteUrl, baseIri, true) } : {}),
    properties: groupByPredicate(
      shown,
      (p) => labels.property(p),
      href,
      (q) => valueOf(q.object, q.predicate.value),
      compare,
    ),
    roles: isMember
      ? { table: true, rows: roleRows.sort((a, b) => compareRows(a, b)) }
      : { table: false, rows: roleRows.sort((a, b) => compareRows(a, b)) },
    posts,
    staff,
    inbound: groupByPredicate(unstated, inverseLabel, href, (q) => valueOf(q.subject), compare),
    series: relations.series.map((s) => seriesView(s, iri, iriValue, relations, labelOf)),
    ...(notes.length || sources.length ? { about: { notes, sources } } : {}),
  };
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

const NAME_PROPERTIES = new Set([...LABEL_PROPERTIES, `${SKOS}altLabel`]);
const NOTE_PROPERTIES = new Set([`${SKOS}note`, `${SKOS}changeNote`, `${SKOS}editorialNote`]);

function combinedLabels(described: Description, relations: Relations): LabelOf {
  const first = descriptionLabels(described);
  const more = labelsOf(relations.labels);
  return (iri) => first(iri) ?? more.get(iri);
}

function postView(post: Post, value: (iri: string) => ValueView): PostView {
  return { post: value(post.post), units: post.units.map(value), holders: post.holders.map(value) };
}

function roleRow(
  e: Engagement,
  here: string,
  value: (iri: string) => ValueView,
  compare: (a: ValueView, b: ValueView) => number,
  siteUrl: string,
  baseIri: string,
  whole = false,
): RoleView {
  const not = (list: string[], ...except: string[]): string[] =>
    whole ? list : list.filter((i) => !except.includes(i));
  const values = (list: string[]): ValueView[] => list.map(value).sort(compare);
  const processes = e.processes.length ? e.processes : e.bodies;
  return {
    href: hrefFor(e.iri, baseIri, siteUrl),
    members: values(e.members),
    roles: values(e.roles),
    processes: values(processes),
    bodies: values(e.bodies.filter((b) => !processes.includes(b))),
    partners: values(not(e.partners, here)),
    consulted: values(not(e.consulted, here)),
    through: values(not(e.through, here)),
    // The sentence on a thing leaves out what the page is about.
    sentenceProcesses: values(not(processes, here)),
    sentenceBodies: values(
      not(
        e.bodies.filter((b) => !processes.includes(b)),
        here,
      ),
    ),
    ...(e.since ? { since: e.since.replace(/^(\d{4}).*$/, '$1') } : {}),
  };
}

function compareRows(a: RoleView, b: RoleView): number {
  const text = (v: ValueView[]): string => v.map((x) => x.text).join(', ');
  return (
    text(a.processes).localeCompare(text(b.processes), 'en') ||
    text(a.bodies).localeCompare(text(b.bodies), 'en') ||
    text(a.roles).localeCompare(text(b.roles), 'en')
  );
}

function seriesView(
  series: Series,
  here: string,
  value: (iri: string) => ValueView,
  relations: Relations,
  labelOf: LabelOf,
): SeriesView {
  const label = (i: string): string => labelOf(i) ?? i;
  const members = [...series.members].sort(
    (a, b) => compareByData(relations.order, a, b) ?? label(a).localeCompare(label(b), 'en', { numeric: true }),
  );
  const at = members.indexOf(here);
  return {
    parent: value(series.parent),
    position: at + 1,
    count: members.length,
    ...(at > 0 ? { previous: value(members[at - 1]!) } : {}),
    ...(at >= 0 && at < members.length - 1 ? { next: value(members[at + 1]!) } : {}),
  };
}

function groupByPredicate(
  quads: readonly Quad[],
  display: (iri: string) => { label: string; order: number },
  href: (iri: string) => string | undefined,
  value: (q: Quad) => ValueView,
  compare: (a: ValueView, b: ValueView) => number,
): PropertyView[] {
  const groups = new Map<string, ValueView[]>();
  for (const q of quads) {
    const list = groups.get(q.predicate.value) ?? [];
    list.push(value(q));
    groups.set(q.predicate.value, list);
  }
  return [...groups.entries()]
    .map(([iri, values]) => ({ iri, values: values.sort(compare), ...display(iri) }))
    .sort((a, b) => a.order - b.order || a.label.localeCompare(b.label, 'en'))
    .map(({ iri, label, values }) => ({ iri, href: href(iri), label, values }));
}

function compareValues(a: ValueView, b: ValueView): number {
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
