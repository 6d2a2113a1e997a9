// View models for HTML pages: plain objects the handlebars templates print, built from quads. The
// values (resource/value-view.ts) and the rows of engagements, posts and series (resource/role-view.ts)
// have their own modules; this one puts a resource's page together.
import { DataFactory, type Quad, type Term } from 'n3';
import type { Description } from '../rdf/document.js';
import { LABEL_PROPERTIES, labelsOf } from '../rdf/labels.js';
import { DCT, ORG, RDF, SKOS } from '../rdf/vocab.js';
import { inverseWording } from './resource/inverse.js';
import { NO_RELATIONS, compareByData, engagementProperties, type Relations } from './resource/relations.js';
import {
  compareRoleRows,
  postView,
  roleRow,
  seriesView,
  type PostView,
  type RoleView,
  type SeriesView,
} from './resource/role-view.js';
import {
  compareValues,
  describeValue,
  descriptionLabels,
  hrefFor,
  readableName,
  type LabelOf,
  type ValueView,
} from './resource/value-view.js';
import { localName, type VocabularyLabels } from './vocabulary-labels.js';

const { namedNode } = DataFactory;

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
      ? { table: true, rows: roleRows.sort((a, b) => compareRoleRows(a, b)) }
      : { table: false, rows: roleRows.sort((a, b) => compareRoleRows(a, b)) },
    posts,
    staff,
    inbound: groupByPredicate(unstated, inverseLabel, href, (q) => valueOf(q.subject), compare),
    series: relations.series.map((s) => seriesView(s, iri, iriValue, relations, labelOf)),
    ...(notes.length || sources.length ? { about: { notes, sources } } : {}),
  };
}

const NAME_PROPERTIES = new Set([...LABEL_PROPERTIES, `${SKOS}altLabel`]);
const NOTE_PROPERTIES = new Set([`${SKOS}note`, `${SKOS}changeNote`, `${SKOS}editorialNote`]);

function combinedLabels(described: Description, relations: Relations): LabelOf {
  const first = descriptionLabels(described);
  const more = labelsOf(relations.labels);
  return (iri) => first(iri) ?? more.get(iri);
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
