// RDF Dataset Canonicalization (W3C RDFC-1.0, through rdf-canonize, the implementation jsonld
// uses): a graph with blank nodes in one order and with one set of blank node labels, whatever
// parser or store it came from. The shapes have blank nodes (sh:or lists), and their pages and
// documents must read the same from the files and from a remote store.
import canonize from 'rdf-canonize';
import { Parser, Writer, type Quad } from 'n3';

/**
 * The quads of a graph, canonicalised: canonical blank node labels (c14n0 ...), in canonical
 * N-Quads order. The shapes repeat identical blank nodes (the same sh:or list in five shapes), so
 * the algorithm's deep iterations are allowed the cube of their number (maxWorkFactor 3) instead
 * of the default, linear bound, which some base IRIs exceed: 30 to 65 ms for the shapes here.
 */
export async function canonicalGraph(quads: readonly Quad[]): Promise<Quad[]> {
  const input = new Writer({ format: 'N-Quads' }).quadsToString([...quads]);
  const output = await canonize.canonize(input, {
    algorithm: 'RDFC-1.0',
    inputFormat: 'application/n-quads',
    maxWorkFactor: 3,
  });
  return new Parser({ format: 'N-Quads', blankNodePrefix: '' }).parse(output);
}
