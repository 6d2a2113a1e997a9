// schema.org's vocabulary as published in the schema-dts type declarations (not a list kept here),
// for tests that check the JSON-LD our pages embed.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface SchemaVocabulary {
  /** Every schema.org type (the `"@type"` of each leaf declaration). */
  readonly types: ReadonlySet<string>;
  /** Every schema.org property (declared on any `...Base` interface of schema.org's own types). */
  readonly properties: ReadonlySet<string>;
  /** The properties that apply to a type: its own and every supertype's. */
  propertiesOf(type: string): ReadonlySet<string>;
}

/**
 * Parses node_modules/schema-dts/dist/schema.d.ts. Each schema.org type T is declared as
 * `interface TBase extends SuperBase, ... { "prop"?: ... }` plus a leaf
 * `export interface TLeaf extends TBase { "@type": "T" }` (or `type TLeaf<...> = Omit<TBase, ...> & { "@type": "T" }`);
 * types with no properties of their own reuse their supertype's Base in the leaf.
 */
export function readSchemaVocabulary(): SchemaVocabulary {
  const file = createRequire(import.meta.url).resolve('schema-dts/dist/schema.d.ts');
  const text = readFileSync(file, 'utf8');
  const bases = new Map<string, { parents: string[]; properties: string[] }>();
  for (const m of text.matchAll(/^interface (\w+)Base extends ([^{]+)\{\n([\s\S]*?)^\}/gm)) {
    const [, name = '', parents = '', body = ''] = m;
    bases.set(name, {
      parents: parents.split(',').flatMap((p) => /^(\w+)Base$/.exec(p.trim())?.slice(1) ?? []),
      properties: [...body.matchAll(/^ {4}"([A-Za-z][\w-]*)"\?:/gm)].map((p) => p[1] ?? ''),
    });
  }
  const leafBase = new Map<string, string>();
  for (const m of text.matchAll(
    /^export (?:interface|type) (\w+)Leaf\b[^{]*?\b(\w+)Base\b[^{]*\{\s*"@type": "(\w+)"/gm,
  )) {
    leafBase.set(m[3] ?? '', m[2] ?? '');
  }
  // Types of other vocabularies that schema-dts also declares carry a namespace prefix (`www_omg_org_...`).
  const own = (name: string): boolean => !name.includes('_');
  const properties = new Set([...bases].filter(([name]) => own(name)).flatMap(([, b]) => b.properties));
  const closure = (base: string, seen = new Set<string>()): Set<string> => {
    if (seen.has(base) || !own(base)) return seen;
    seen.add(base);
    for (const parent of bases.get(base)?.parents ?? []) closure(parent, seen);
    return seen;
  };
  const byType = new Map<string, ReadonlySet<string>>();
  return {
    types: new Set([...leafBase.keys()].filter(own)),
    properties,
    propertiesOf(type) {
      let props = byType.get(type);
      if (!props) {
        const base = leafBase.get(type);
        props = new Set(base ? [...closure(base)].flatMap((b) => bases.get(b)?.properties ?? []) : []);
        byType.set(type, props);
      }
      return props;
    },
  };
}
