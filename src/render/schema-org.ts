// The schema.org JSON-LD that each HTML page embeds for search engines.
import { DataFactory, type Term } from 'n3';
import type { Description } from '../rdf/document.js';
import { DCT, FOAF, ORG, QB, RDF, SCHEMA, SKOS, ontologyNamespace } from '../rdf/vocab.js';
import { labelsOf } from '../rdf/labels.js';
import { ADDRESS_PARTS, NO_RELATIONS, type Engagement, type Relations } from './resource/relations.js';
import { descriptionLabels, hrefFor, type LabelOf } from './resource/value-view.js';
import { LICENSE_IRI } from './site-content.js';

export type SchemaNode = Record<string, unknown>;

/** Our classes (local names in `mig:`) and reused ones, mapped to the schema.org type that fits. */
const MIG_TYPES: Readonly<Record<string, string>> = {
  InternationalOrganisation: 'GovernmentOrganization',
  RegionalBody: 'GovernmentOrganization',
  Court: 'GovernmentOrganization',
  Committee: 'Organization',
  Secretariat: 'Organization',
  Department: 'Organization',
  Division: 'Organization',
  Unit: 'Organization',
  AdministrativeCentre: 'Organization',
  GoverningBody: 'Organization',
  Process: 'Organization',
  InterStateConsultationMechanism: 'Organization',
  RegionalConsultativeProcess: 'Organization',
  InterRegionalForum: 'Organization',
  GlobalProcess: 'Organization',
  MultilateralProcess: 'Organization',
  DialogueEdition: 'Event',
  DialogueSession: 'Event',
  Workshop: 'Event',
  Conference: 'Event',
  ExpertSeminar: 'Event',
  CouncilSession: 'Event',
  TrainingCourse: 'EducationEvent',
  PublicationSeries: 'CreativeWorkSeries',
  Report: 'Report',
  Publication: 'CreativeWork',
  LegalInstrument: 'Legislation',
  Framework: 'CreativeWork',
  Region: 'Place',
  Country: 'Country',
  City: 'City',
  Site: 'Place',
  SourcePage: 'WebPage',
  SourceSection: 'WebPageElement',
  Project: 'Project',
  Engagement: 'OrganizationRole',
  MigrantShare: 'Observation',
};
const OTHER_TYPES: Readonly<Record<string, string>> = {
  [`${FOAF}Person`]: 'Person',
  [`${ORG}Organization`]: 'Organization',
  [`${SKOS}ConceptScheme`]: 'DefinedTermSet',
  [`${QB}DataSet`]: 'Dataset',
  [`${ORG}Membership`]: 'OrganizationRole',
  [`${QB}Observation`]: 'Observation',
  [`${SCHEMA}PostalAddress`]: 'PostalAddress',
};
/** Keys that schema.org names differently on organisations (isPartOf applies to creative works only). */
const ORGANIZATION_KEYS: Readonly<Record<string, string>> = { isPartOf: 'parentOrganization' };
/** The types we map to on which schema.org defines isPartOf (CreativeWork and its subtypes). */
const CREATIVE_WORKS = new Set([
  'CreativeWork',
  'CreativeWorkSeries',
  'Report',
  'Legislation',
  'WebPage',
  'WebPageElement',
  'Dataset',
  'DefinedTermSet',
]);

/** Properties copied as a link ({@id, name}) or as text, by schema.org key. */
const LINKS: ReadonlyArray<[string, string]> = [
  ['inSeries', 'isPartOf'],
  [`${DCT}isPartOf`, 'isPartOf'],
  ['sessionOf', 'superEvent'],
  // An IDM edition is held by the process (an organisation), not part of another event.
  ['editionOf', 'organizer'],
  [`${ORG}unitOf`, 'parentOrganization'],
  [`${ORG}hasUnit`, 'subOrganization'],
  [`${ORG}memberOf`, 'worksFor'],
  [`${SCHEMA}containedInPlace`, 'containedInPlace'],
  [`${SCHEMA}location`, 'location'],
  [`${SCHEMA}provider`, 'organizer'],
  ['inCollaborationWith', 'contributor'],
  ['publisher', 'publisher'],
  [`${SKOS}inScheme`, 'inDefinedTermSet'],
  [`${DCT}subject`, 'about'],
];
const TEXTS: ReadonlyArray<[string, string]> = [
  [`${SKOS}altLabel`, 'alternateName'],
  [`${DCT}description`, 'description'],
  [`${SCHEMA}jobTitle`, 'jobTitle'],
  [`${SCHEMA}telephone`, 'telephone'],
  [`${SCHEMA}foundingDate`, 'foundingDate'],
  [`${SKOS}definition`, 'description'],
  // A postal address's own page: its parts, as schema.org names them.
  ...ADDRESS_PARTS.map((part): [string, string] => [SCHEMA + part, part]),
];

/** The schema.org type of a resource: the first of its types that maps, else DefinedTerm. */
export function schemaTypeOf(types: readonly string[], baseIri: string): string {
  const mig = ontologyNamespace(baseIri);
  for (const type of types) {
    const mapped = type.startsWith(mig) ? MIG_TYPES[type.slice(mig.length)] : OTHER_TYPES[type];
    if (mapped) return mapped;
  }
  return 'DefinedTerm';
}

/**
 * The schema.org description of one of our things, from its description and, for the resource
 * page, its relations (see readRelations): the engagements it takes part in as roles.
 */
export function describeForSearchEngines(
  description: Description,
  baseIri: string,
  relations: Relations = NO_RELATIONS,
): SchemaNode {
  const { iri } = description;
  const mig = ontologyNamespace(baseIri);
  const own = description.own.filter((q) => q.subject.termType === 'NamedNode' && q.subject.value === iri);
  const objects = (property: string): Term[] => own.filter((q) => q.predicate.value === property).map((q) => q.object);
  const described = descriptionLabels(description);
  const more = labelsOf(relations.labels);
  const labelOf: LabelOf = (i) => described(i) ?? more.get(i);
  const expand = (key: string): string => (key.includes('/') || key.includes('#') ? key : mig + key);
  const type = schemaTypeOf(
    objects(`${RDF}type`).map((t) => t.value),
    baseIri,
  );
  const node: SchemaNode = {
    '@context': 'https://schema.org',
    '@type': type,
    '@id': iri,
    url: hrefFor(iri, baseIri),
    name: labelOf(iri) ?? iri,
  };
  for (const [property, key] of TEXTS) {
    const values = objects(expand(property)).map((v) => v.value);
    addValues(node, key, values);
  }
  addValues(
    node,
    'address',
    objects(`${SCHEMA}address`).map((a) => postalAddress(relations, labelOf, a, baseIri)),
  );
  const organization = type === 'Organization' || type === 'GovernmentOrganization';
  for (const [property, linkKey] of LINKS) {
    const key = (organization ? ORGANIZATION_KEYS[linkKey] : undefined) ?? linkKey;
    // Part-of on anything else (a migration flow, an observation) has no schema.org key: left out.
    if (key === 'isPartOf' && !CREATIVE_WORKS.has(type)) continue;
    const values = objects(expand(property)).filter((v) => v.termType === 'NamedNode');
    addValues(
      node,
      key,
      values.map((v) => linkTo(labelOf, v, baseIri)),
    );
  }
  const year = objects(`${mig}year`)[0]?.value;
  if (year && type === 'Event') node.startDate = year;
  if (year && (type === 'Report' || type === 'CreativeWork')) node.datePublished = year;
  const ordinal = objects(`${mig}ordinal`)[0]?.value;
  if (ordinal) node.position = Number(ordinal);
  // Everything we publish is under the site's licence; a Dataset says so, as Google recommends.
  if (type === 'Dataset') node.license ??= LICENSE_IRI;
  if (type === 'OrganizationRole')
    describeRole(
      node,
      relations.engagements.find((e) => e.iri === iri),
      labelOf,
    );
  if (type === 'Observation') {
    const about = objects(`${mig}subregion`)[0] ?? objects(`${mig}refArea`)[0];
    if (about?.termType === 'NamedNode') node.observationAbout = linkTo(labelOf, about, baseIri);
    if (year) node.observationDate = year;
    const percentage = objects(`${mig}percentage`)[0]?.value;
    if (percentage !== undefined && Number.isFinite(Number(percentage))) {
      node.value = Number(percentage);
      node.unitText = 'percent';
    }
    const dataSet = objects(`${QB}dataSet`)[0];
    if (dataSet?.termType === 'NamedNode') node.variableMeasured = labelOf(dataSet.value) ?? dataSet.value;
  }
  if (organization) {
    // The Role pattern: the organisation is member of a body in a role, or has members in roles.
    const roles = (e: Engagement, key: 'memberOf' | 'member', others: string[]): SchemaNode => ({
      '@type': 'OrganizationRole',
      '@id': e.iri,
      url: hrefFor(e.iri, baseIri),
      ...roleFacts(e, labelOf),
      [key]: others.map((o) => linkTo(labelOf, namedNode(o), baseIri)),
    });
    const engagements = relations.engagements.filter((e) => e.iri !== iri);
    const asMember = engagements.filter((e) => e.members.includes(iri));
    const asBody = engagements.filter((e) => !e.members.includes(iri) && e.bodies.includes(iri));
    addValues(
      node,
      'memberOf',
      asMember.map((e) => roles(e, 'memberOf', e.bodies.length ? e.bodies : e.processes)),
    );
    addValues(
      node,
      'member',
      asBody.map((e) => roles(e, 'member', e.members)),
    );
  }
  return node;
}

const { namedNode } = DataFactory;

/** What a role says in words: its role names, since when, and the sentence of the page. */
function roleFacts(e: Engagement, labelOf: LabelOf): SchemaNode {
  const names = (list: string[]): string[] => list.map((i) => labelOf(i) ?? i);
  const roleName = names(e.roles);
  const parts = [
    roleName.join(', '),
    e.partners.length ? `together with ${names(e.partners).join(', ')}` : '',
    e.consulted.length ? `in consultation with ${names(e.consulted).join(', ')}` : '',
    e.through.length ? `through ${names(e.through).join(', ')}` : '',
  ].filter(Boolean);
  return {
    ...(roleName.length ? { roleName: roleName.length === 1 ? roleName[0] : roleName } : {}),
    ...(e.since ? { startDate: e.since } : {}),
    ...(parts.length > 1 ? { description: `${names(e.members).join(', ')}: ${parts.join(', ')}` } : {}),
  };
}

function describeRole(node: SchemaNode, engagement: Engagement | undefined, labelOf: LabelOf): void {
  if (!engagement) return;
  for (const [key, value] of Object.entries(roleFacts(engagement, labelOf))) if (!(key in node)) node[key] = value;
}

// A `url` only for IRIs a page would link to (hrefFor); JSON.stringify leaves an undefined one out.
function linkTo(labelOf: LabelOf, term: Term, baseIri: string): SchemaNode {
  return { '@id': term.value, name: labelOf(term.value) ?? term.value, url: hrefFor(term.value, baseIri) };
}

/** An address as a PostalAddress with its parts when the relations read them, else a link by its label. */
function postalAddress(relations: Relations, labelOf: LabelOf, address: Term, baseIri: string): SchemaNode | string {
  const read = relations.addresses.find((a) => a.iri === address.value);
  if (!read) return address.termType === 'Literal' ? address.value : linkTo(labelOf, address, baseIri);
  return { '@type': 'PostalAddress', '@id': address.value, ...read.parts, name: labelOf(address.value) };
}

function addValues(node: SchemaNode, key: string, values: unknown[]): void {
  if (values.length === 0 || key in node) return;
  node[key] = values.length === 1 ? values[0] : values;
}

/**
 * JSON for a `<script type="application/ld+json">` block: `<`, `>` and `&` are written as
 * JSON escapes, so no literal (`</script>`, `<!--`) can end the script or open a comment,
 * and a strict JSON.parse still returns the same value.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value, null, 2)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
