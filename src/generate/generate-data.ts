// Synthetic data in the shape of the ontology, for benchmarks and scale tests: deterministic from a seed.
import { createWriteStream, type WriteStream } from 'node:fs';
import { cp, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';

export interface GenerateOptions {
  /** Roughly how many triples to generate (the real data is added on top). */
  readonly triples: number;
  /** The folder to write: it gets ontology/, shapes/ and data/ (the real data plus generated files). */
  readonly out: string;
  readonly seed: number;
  /** The project folder to copy the ontology, shapes and real data from. */
  readonly root: string;
}

/** Triples written per generated unit (one process and its surroundings); see writeUnit. */
export const TRIPLES_PER_UNIT = 55;
/** Units per generated file, so no file is huge. */
const UNITS_PER_FILE = 2_000;

const PREFIXES = `@prefix mig: <ontology#> .
@prefix section: <id/section/> .
@prefix process: <id/process/> .
@prefix organisation: <id/organisation/> .
@prefix engagement: <id/engagement/> .
@prefix role: <id/role/> .
@prefix person: <id/person/> .
@prefix post: <id/post/> .
@prefix publication: <id/publication/> .
@prefix event: <id/event/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix schema: <http://schema.org/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
`;

const KINDS = ['mig:RegionalConsultativeProcess', 'mig:InterRegionalForum', 'mig:GlobalProcess', ''];
const ROLES = [
  'participant',
  'observer',
  'technical-secretariat',
  'secretariat-support',
  'administrative-host',
  'lead',
  'coordinator',
];
const WORDS = [
  'migration',
  'dialogue',
  'regional',
  'labour',
  'mobility',
  'governance',
  'partnership',
  'return',
  'health',
  'data',
  'border',
  'diaspora',
  'climate',
  'protection',
  'development',
  'integration',
];

/** mulberry32: a small, fast, seedable PRNG, so the same seed gives the same data (and the fuzz test the same requests). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes the dataset; returns the number of units and an estimate of the triples generated. */
export async function generateData(
  options: GenerateOptions,
): Promise<{ units: number; triples: number; files: number }> {
  const units = Math.max(1, Math.ceil(options.triples / TRIPLES_PER_UNIT));
  await rm(options.out, { recursive: true, force: true });
  await mkdir(path.join(options.out, 'data'), { recursive: true });
  for (const part of ['ontology', 'shapes', 'data']) {
    await cp(path.join(options.root, part), path.join(options.out, part), { recursive: true });
  }
  const rand = seededRandom(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const title = (): string => `${pick(WORDS)} ${pick(WORDS)} and ${pick(WORDS)}`;
  let files = 0;
  let out: WriteStream | undefined;
  for (let k = 0; k < units; k++) {
    if (k % UNITS_PER_FILE === 0) {
      if (out) await close(out);
      files++;
      out = createWriteStream(path.join(options.out, 'data', `generated-${String(files).padStart(4, '0')}.ttl`));
      await write(out, PREFIXES);
    }
    await write(out as WriteStream, unit(k, units, rand, pick, title));
  }
  if (out) await close(out);
  return { units, triples: units * TRIPLES_PER_UNIT, files };
}

// One unit: a process with three engagements of IOM and partners, an organisation, a person
// holding a post, a report in a series, and a dialogue session in an edition. Series and
// editions are shared by ten units each, so the fan-out resembles the real data's.
function unit(
  k: number,
  units: number,
  rand: () => number,
  pick: <T>(l: readonly T[]) => T,
  title: () => string,
): string {
  const partner = `organisation:gen-organisation-${Math.floor(rand() * units)}`;
  const group = Math.floor(k / 10);
  const year = 1990 + (group % 35);
  const kind = KINDS[k % KINDS.length];
  let ttl = `process:gen-process-${k} a mig:InterStateConsultationMechanism${kind ? `, ${kind}` : ''} ;
  rdfs:label "Generated ${title()} process ${k}"@en ;
  dct:description "A synthetic consultation process on ${title()}."@en ;
  schema:foundingDate "${year}"^^xsd:gYear ;
  dct:source section:inter-state-consultation-mechanisms .
organisation:gen-organisation-${k} a mig:InternationalOrganisation ;
  rdfs:label "Generated organisation ${k}"@en ;
  skos:altLabel "GO${k}"@en ;
  dct:source section:iscm-iom-participation .
`;
  for (let j = 0; j < 3; j++) {
    const role = pick(ROLES);
    ttl += `engagement:gen-${k}-${j} a mig:Engagement ;
  rdfs:label "IOM as ${role.replace(/-/g, ' ')} of generated process ${k}"@en ;
  org:member organisation:iom ;
  org:organization process:gen-process-${k} ;
  org:role role:${role} ;
  ${j === 0 ? 'mig:togetherWith' : 'mig:inConsultationWith'} ${partner} ;
  dct:source section:iscm-iom-participation .
`;
  }
  ttl += `person:gen-person-${k} a foaf:Person ;
  foaf:name "Person ${k}" ;
  rdfs:label "Person ${k}"@en ;
  schema:jobTitle "Officer ${k}"@en ;
  org:holds post:gen-post-${k} ;
  dct:source section:multilateral-processes-contacts .
post:gen-post-${k} a org:Post ;
  rdfs:label "Generated post ${k}"@en ;
  org:postIn organisation:gen-organisation-${k} ;
  org:heldBy person:gen-person-${k} ;
  dct:source section:multilateral-processes-contacts .
publication:gen-report-${k} a mig:Report ;
  rdfs:label "Generated report ${k}"@en ;
  dct:title "${title()}"@en ;
  mig:inSeries publication:gen-series-${group} ;
  mig:year "${year}"^^xsd:gYear ;
  dct:source section:world-migration-report .
event:gen-session-${k} a mig:DialogueSession ;
  rdfs:label "Session on ${title()} ${k}"@en ;
  mig:sessionOf event:gen-edition-${group} ;
  mig:year "${year}"^^xsd:gYear ;
  dct:source section:international-dialogue-on-migration .
`;
  if (k % 10 === 0) {
    ttl += `publication:gen-series-${group} a mig:PublicationSeries ;
  rdfs:label "Generated series ${group}"@en ;
  mig:publisher organisation:iom ;
  dct:source section:world-migration-report .
event:gen-edition-${group} a mig:DialogueEdition ;
  rdfs:label "Generated dialogue ${group}"@en ;
  mig:editionOf process:international-dialogue-on-migration ;
  mig:year "${year}"^^xsd:gYear ;
  mig:theme "${title()}"@en ;
  dct:source section:international-dialogue-on-migration .
`;
  }
  return ttl;
}

function write(stream: WriteStream, text: string): Promise<void> {
  return stream.write(text) ? Promise.resolve() : new Promise((resolve) => stream.once('drain', () => resolve()));
}

function close(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
}
