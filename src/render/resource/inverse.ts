// How a link reads from the thing it points at: "part of: X" on the whole reads "has part: X".
// The ontology's owl:inverseOf comes first (its label is the inverse's own); else this map, by
// IRI (ours by local name); else a wording that says the direction plainly.
import { DCT, ORG, PROV, QB, SCHEMA, SKOS, ontologyNamespace } from '../../rdf/vocab.js';

const OTHER: Readonly<Record<string, string>> = {
  [`${DCT}isPartOf`]: 'has part',
  [`${DCT}hasPart`]: 'part of',
  [`${DCT}source`]: 'source of',
  [`${DCT}subject`]: 'subject of',
  [`${DCT}relation`]: 'related to',
  [`${SKOS}inScheme`]: 'terms in this scheme',
  [`${SKOS}topConceptOf`]: 'top terms',
  [`${SKOS}hasTopConcept`]: 'top term of',
  [`${SKOS}broader`]: 'narrower',
  [`${SKOS}narrower`]: 'broader',
  [`${ORG}role`]: 'engagements in this role',
  [`${ORG}member`]: 'memberships',
  [`${ORG}organization`]: 'memberships in this body',
  [`${ORG}memberOf`]: 'members',
  [`${ORG}hasMember`]: 'member of',
  [`${ORG}unitOf`]: 'has unit',
  [`${ORG}hasUnit`]: 'unit of',
  [`${ORG}subOrganizationOf`]: 'has sub-organisation',
  [`${ORG}hasSubOrganization`]: 'sub-organisation of',
  [`${ORG}postIn`]: 'posts',
  [`${ORG}holds`]: 'held by',
  [`${ORG}heldBy`]: 'holds',
  [`${ORG}headOf`]: 'headed by',
  [`${ORG}hasSite`]: 'site of',
  [`${ORG}siteOf`]: 'has site',
  [`${QB}dataSet`]: 'observations',
  [`${SCHEMA}containedInPlace`]: 'contains',
  [`${SCHEMA}location`]: 'location of',
  [`${SCHEMA}provider`]: 'provides',
  [`${SCHEMA}areaServed`]: 'served by',
  [`${SCHEMA}founder`]: 'founded',
  [`${SCHEMA}subjectOf`]: 'about',
  [`${PROV}wasAssociatedWith`]: 'associated with',
};

/** Ours, by local name in mig:. */
const MIG: Readonly<Record<string, string>> = {
  forProcess: 'engagements in this process',
  togetherWith: 'engagements shared with',
  inConsultationWith: 'engagements in consultation with',
  through: 'engagements carried out through this',
  sessionOf: 'sessions',
  editionOf: 'editions',
  inSeries: 'editions in this series',
  publisher: 'published',
  objectiveOf: 'objectives',
  atBody: 'sessions held at this body',
  beneficiary: 'benefits from',
  activityOn: 'activities on this',
  topic: 'topic of',
  theme: 'theme of',
  subregion: 'subregion in',
  refArea: 'reference area of',
  responsibleBody: 'responsible for',
  report: 'report of',
  worksOn: 'worked on by',
  aimsAt: 'aimed at by',
  hasSecretariat: 'secretariat of',
  inCollaborationWith: 'collaborator in',
  pursuedThrough: 'pursues',
  migrationKind: 'kind of',
  origin: 'origin of',
  destination: 'destination of',
  mainDestination: 'main destination of',
  collaboratesWith: 'collaborates with',
  worksCloselyWith: 'works closely with',
};

/** The wording of `property` read from its object; `inverseLabel` is the ontology's owl:inverseOf label. */
export function inverseWording(property: string, label: string, baseIri: string, inverseLabel?: string): string {
  if (inverseLabel) return inverseLabel;
  const mig = ontologyNamespace(baseIri);
  const mapped = property.startsWith(mig) ? MIG[property.slice(mig.length)] : OTHER[property];
  return mapped ?? `has this as ${label}`;
}
