// The platform's own JSON-LD context, served at /context.jsonld and used by every JSON-LD response.
import {
  BIBO,
  DCAT,
  DCT,
  FOAF,
  ORG,
  OWL,
  PROV,
  RDFS,
  SCHEMA,
  SKOS,
  VOID,
  WELL_KNOWN_PREFIXES,
  XSD,
  ontologyNamespace,
  ownPrefixes,
} from '../rdf/vocab.js';
import type { MemoryStore } from '../oxigraph/memory-store.js';
import type { JsonLdContext } from '../rdf/serialise.js';

export type { JsonLdContext } from '../rdf/serialise.js';

/** Readable keys for the reused terms the data uses most. `@id` marks IRI-valued ones. */
const REUSED_TERMS: ReadonlyArray<[string, string, 'id' | 'literal']> = [
  ['label', `${RDFS}label`, 'literal'],
  ['comment', `${RDFS}comment`, 'literal'],
  ['seeAlso', `${RDFS}seeAlso`, 'id'],
  ['subClassOf', `${RDFS}subClassOf`, 'id'],
  ['subPropertyOf', `${RDFS}subPropertyOf`, 'id'],
  ['domain', `${RDFS}domain`, 'id'],
  ['range', `${RDFS}range`, 'id'],
  ['altLabel', `${SKOS}altLabel`, 'literal'],
  ['prefLabel', `${SKOS}prefLabel`, 'literal'],
  ['definition', `${SKOS}definition`, 'literal'],
  ['note', `${SKOS}note`, 'literal'],
  ['inScheme', `${SKOS}inScheme`, 'id'],
  ['title', `${DCT}title`, 'literal'],
  ['description', `${DCT}description`, 'literal'],
  ['source', `${DCT}source`, 'id'],
  ['isPartOf', `${DCT}isPartOf`, 'id'],
  ['hasPart', `${DCT}hasPart`, 'id'],
  ['license', `${DCT}license`, 'id'],
  ['subject', `${DCT}subject`, 'id'],
  ['relation', `${DCT}relation`, 'id'],
  ['isReplacedBy', `${DCT}isReplacedBy`, 'id'],
  ['name', `${FOAF}name`, 'literal'],
  ['primaryTopic', `${FOAF}primaryTopic`, 'id'],
  ['isPrimaryTopicOf', `${FOAF}isPrimaryTopicOf`, 'id'],
  ['inDataset', `${VOID}inDataset`, 'id'],
  ['member', `${ORG}member`, 'id'],
  ['organization', `${ORG}organization`, 'id'],
  ['role', `${ORG}role`, 'id'],
  ['unitOf', `${ORG}unitOf`, 'id'],
  ['hasUnit', `${ORG}hasUnit`, 'id'],
  ['hasSite', `${ORG}hasSite`, 'id'],
  ['holds', `${ORG}holds`, 'id'],
  ['heldBy', `${ORG}heldBy`, 'id'],
  ['postIn', `${ORG}postIn`, 'id'],
  ['memberOf', `${ORG}memberOf`, 'id'],
  ['jobTitle', `${SCHEMA}jobTitle`, 'literal'],
  ['containedInPlace', `${SCHEMA}containedInPlace`, 'id'],
  ['position', `${SCHEMA}position`, 'literal'],
  ['wasDerivedFrom', `${PROV}wasDerivedFrom`, 'id'],
  ['number', `${BIBO}number`, 'literal'],
  ['dataset', `${DCAT}dataset`, 'id'],
];

/**
 * Builds the context: every prefix, `id`/`type` aliases, readable keys for the reused terms
 * above and one key per ontology property (its local name), with IRI or datatype coercion
 * taken from the property's kind and range. `ontology` holds the ontology alone (small).
 */
export function buildJsonLdContext(ontology: MemoryStore, baseIri: string): JsonLdContext {
  const store = ontology;
  const context: JsonLdContext = { '@version': 1.1, '@language': 'en', id: '@id', type: '@type' };
  Object.assign(context, WELL_KNOWN_PREFIXES, ownPrefixes(baseIri));
  for (const [key, iri, kind] of REUSED_TERMS) context[key] = kind === 'id' ? { '@id': iri, '@type': '@id' } : iri;
  const mig = ontologyNamespace(baseIri);
  for (const property of store.typedSubjects()) {
    if (!property.value.startsWith(mig)) continue;
    const local = property.value.slice(mig.length);
    const kinds = store.types(property);
    if (kinds.includes(`${OWL}Class`)) {
      context[local] ??= property.value;
    } else if (kinds.includes(`${OWL}ObjectProperty`)) {
      context[local] ??= { '@id': property.value, '@type': '@id' };
    } else if (kinds.includes(`${OWL}DatatypeProperty`)) {
      const range = store.objects(property, `${RDFS}range`)[0]?.value;
      const typed = range && range.startsWith(XSD) ? { '@id': property.value, '@type': range } : property.value;
      context[local] ??= typed;
    }
  }
  return context;
}
