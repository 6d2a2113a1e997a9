// The part of rdf-canonize (Digital Bazaar; no types of its own) that src/rdf/canonical.ts uses.
declare module 'rdf-canonize' {
  interface CanonizeOptions {
    algorithm: 'RDFC-1.0';
    inputFormat?: 'application/n-quads';
    maxWorkFactor?: number;
    format?: 'application/n-quads';
  }
  const canonize: { canonize(input: string, options: CanonizeOptions): Promise<string> };
  export default canonize;
}
