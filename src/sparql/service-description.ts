// The SPARQL 1.1 Service Description (https://www.w3.org/TR/sparql11-service-description/) of the endpoint.
import { DataFactory, type Quad } from 'n3';
import { DCT, RDF, SD, VOID, XSD, ontologyNamespace } from '../rdf/vocab.js';
import type { QueryLimits } from './engine.js';
import { GRAPH_FORMATS, SOLUTION_FORMATS } from '../rdf/result-formats.js';

const { namedNode, literal, quad } = DataFactory;

/** The service description's quads; `maxQueryBytes` comes from the protocol layer. */
export function serviceDescription(
  baseIri: string,
  tripleCount: number,
  limits: QueryLimits & { maxQueryBytes: number },
): Quad[] {
  const endpoint = namedNode(`${baseIri}sparql`);
  const service = namedNode(`${baseIri}sparql#service`);
  const dataset = namedNode(`${baseIri}sparql#dataset`);
  const graph = namedNode(`${baseIri}sparql#default-graph`);
  const mig = ontologyNamespace(baseIri);
  const integer = (n: number): ReturnType<typeof literal> => literal(String(n), namedNode(`${XSD}integer`));
  const quads: Quad[] = [
    quad(service, namedNode(`${RDF}type`), namedNode(`${SD}Service`)),
    quad(service, namedNode(`${SD}endpoint`), endpoint),
    quad(service, namedNode(`${SD}supportedLanguage`), namedNode(`${SD}SPARQL11Query`)),
    quad(
      service,
      namedNode(`${DCT}description`),
      literal(
        'Read-only SPARQL 1.1 query endpoint. The default graph holds the data and the ontology; there are no named graphs. ' +
          'default-graph-uri and named-graph-uri are refused with 400; FROM and FROM NAMED name graphs of this store only and never fetch anything; SERVICE is refused with 400. ' +
          'Limits: see the mig: properties of this service.',
        'en',
      ),
    ),
    quad(service, namedNode(`${SD}defaultDataset`), dataset),
    quad(dataset, namedNode(`${RDF}type`), namedNode(`${SD}Dataset`)),
    quad(dataset, namedNode(`${SD}defaultGraph`), graph),
    quad(graph, namedNode(`${RDF}type`), namedNode(`${SD}Graph`)),
    quad(graph, namedNode(`${VOID}triples`), integer(tripleCount)),
    quad(graph, namedNode(`${DCT}description`), literal('The data and the ontology.', 'en')),
    quad(dataset, namedNode(`${DCT}source`), namedNode(`${baseIri}dataset`)),
    quad(
      service,
      namedNode(`${mig}queryTimeout`),
      literal(String(limits.timeoutMs / 1000), namedNode(`${XSD}decimal`)),
    ),
    quad(service, namedNode(`${mig}maxResultBytes`), integer(limits.maxResultBytes)),
    quad(service, namedNode(`${mig}maxQueryBytes`), integer(limits.maxQueryBytes)),
    quad(service, namedNode(`${mig}maxConcurrentQueries`), integer(limits.concurrency)),
    quad(service, namedNode(`${mig}maxQueuedQueries`), integer(limits.queueLength)),
    quad(service, namedNode(`${mig}maxQueryMemoryBytes`), integer(limits.queryMemoryBytes)),
    quad(service, namedNode(`${mig}maxNestingDepth`), integer(limits.maxDepth)),
  ];
  for (const format of [...SOLUTION_FORMATS, ...GRAPH_FORMATS]) {
    quads.push(quad(service, namedNode(`${SD}resultFormat`), namedNode(format.formatIri)));
  }
  return quads;
}
