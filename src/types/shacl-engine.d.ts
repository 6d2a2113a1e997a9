// Types for the parts of shacl-engine (which ships none) that the platform uses.
declare module 'shacl-engine' {
  import type { DataFactory, DatasetCore, Quad, Term } from '@rdfjs/types';

  export interface ValidatorOptions {
    factory: DataFactory & { dataset(): DatasetCore };
    debug?: boolean;
    details?: boolean;
    validations?: Map<Term, unknown>;
    targetResolvers?: Map<Term, unknown>;
  }

  export interface ValidationReport {
    readonly conforms: boolean;
    readonly dataset: DatasetCore<Quad>;
    readonly term: Term;
  }

  export class Validator {
    constructor(shapes: DatasetCore<Quad>, options: ValidatorOptions);
    validate(
      data: { dataset: DatasetCore<Quad>; terms?: Iterable<Term> },
      shapes?: { terms?: Iterable<Term> },
    ): Promise<ValidationReport>;
  }
}

declare module 'shacl-engine/sparql.js' {
  import type { Term } from '@rdfjs/types';
  export const validations: Map<Term, unknown>;
  export const targetResolvers: Map<Term, unknown>;
}

declare module 'shacl-engine/lib/parsePath.js' {
  /** A SHACL path node (a shacl-engine pointer) as shacl-engine's parsed path steps. */
  export default function parsePath(pointer: unknown): unknown;
}
