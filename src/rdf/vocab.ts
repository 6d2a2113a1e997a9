// Vocabulary IRIs used in code: one place, so no IRI string is scattered elsewhere.
import { DataFactory, type NamedNode } from 'n3';

/** Builds a namespace: `ns('label')` is the IRI of `label` in it. */
export function namespace(base: string): (local: string) => NamedNode {
  return (local) => DataFactory.namedNode(base + local);
}

export const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
export const RDFS = 'http://www.w3.org/2000/01/rdf-schema#';
export const OWL = 'http://www.w3.org/2002/07/owl#';
export const XSD = 'http://www.w3.org/2001/XMLSchema#';
export const SH = 'http://www.w3.org/ns/shacl#';
export const DCT = 'http://purl.org/dc/terms/';
export const SKOS = 'http://www.w3.org/2004/02/skos/core#';
export const ORG = 'http://www.w3.org/ns/org#';
export const SCHEMA = 'http://schema.org/';
export const FOAF = 'http://xmlns.com/foaf/0.1/';
export const BIBO = 'http://purl.org/ontology/bibo/';
export const QB = 'http://purl.org/linked-data/cube#';
export const PROV = 'http://www.w3.org/ns/prov#';
export const VOID = 'http://rdfs.org/ns/void#';
export const DCAT = 'http://www.w3.org/ns/dcat#';
export const VANN = 'http://purl.org/vocab/vann/';
export const SD = 'http://www.w3.org/ns/sparql-service-description#';
export const HYDRA = 'http://www.w3.org/ns/hydra/core#';

export const rdf = namespace(RDF);
export const rdfs = namespace(RDFS);
export const xsd = namespace(XSD);
export const sh = namespace(SH);
export const dct = namespace(DCT);

/** The prefixes every serialisation and query of ours may use, keyed by prefix. */
export const WELL_KNOWN_PREFIXES: Readonly<Record<string, string>> = Object.freeze({
  rdf: RDF,
  rdfs: RDFS,
  owl: OWL,
  xsd: XSD,
  sh: SH,
  dct: DCT,
  skos: SKOS,
  org: ORG,
  schema: SCHEMA,
  foaf: FOAF,
  bibo: BIBO,
  qb: QB,
  prov: PROV,
  void: VOID,
  dcat: DCAT,
  sd: SD,
  hydra: HYDRA,
});

/** The collections of `BASE/id/{collection}/{slug}`, in the order pages list them. */
export const COLLECTIONS = [
  'process',
  'organisation',
  'engagement',
  'role',
  'person',
  'post',
  'publication',
  'event',
  'instrument',
  'objective',
  'topic',
  'place',
  'address',
  'statistic',
  'project',
  'section',
  'source',
] as const;
export type Collection = (typeof COLLECTIONS)[number];

/** The ontology namespace under a base IRI (`BASE/ontology#`). */
export function ontologyNamespace(baseIri: string): string {
  return `${baseIri}ontology#`;
}

/** Our own namespaces under a base IRI: `mig:` for the ontology, one per collection. */
export function ownPrefixes(baseIri: string): Record<string, string> {
  const prefixes: Record<string, string> = { mig: ontologyNamespace(baseIri) };
  for (const collection of COLLECTIONS) prefixes[collection] = `${baseIri}id/${collection}/`;
  return prefixes;
}
