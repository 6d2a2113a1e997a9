// The server's entry point does not ship the benchmark: src/cli.ts's static import graph holds
// neither src/bench/ (beyond its list of parts) nor src/generate/ nor autocannon, a devDependency;
// those are imported in their commands only, and `bench --parts` is still checked before.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/dataset.js';

const run = promisify(execFile);

/** The modules a file imports statically (value imports and re-exports; `import type` is erased). */
async function staticImports(file: string): Promise<string[]> {
  const source = ts.createSourceFile(file, await readFile(file, 'utf8'), ts.ScriptTarget.Latest);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && !statement.importClause?.isTypeOnly) {
      specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && !statement.isTypeOnly) {
      specifiers.push((statement.moduleSpecifier as ts.StringLiteral).text);
    }
  }
  return specifiers;
}

/** Every module reached from `entry` by static imports: our files (relative to ROOT) and packages. */
async function staticGraph(entry: string): Promise<{ files: Set<string>; packages: Set<string> }> {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [path.join(ROOT, entry)];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    const relative = path.relative(ROOT, file);
    if (files.has(relative)) continue;
    files.add(relative);
    for (const specifier of await staticImports(file)) {
      if (specifier.startsWith('.')) pending.push(path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.ts')));
      else packages.add(specifier);
    }
  }
  return { files, packages };
}

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('src/cli.ts, the entry point of serve and validate', () => {
  it('does not import the bench, the generator or autocannon statically', async () => {
    const { files, packages } = await staticGraph('src/cli.ts');
    expect(files).toContain(path.join('src', 'server.ts'));
    expect([...files].filter((f) => f.startsWith(path.join('src', 'bench')))).toEqual([
      path.join('src', 'bench', 'parts.ts'),
    ]);
    expect([...files].filter((f) => f.startsWith(path.join('src', 'generate')))).toEqual([]);
    expect([...packages].filter((p) => p === 'autocannon' || p.startsWith('autocannon/'))).toEqual([]);
  });

  it('still refuses an unknown bench part with the usage message and exit code 2', async () => {
    const result = await cli(['bench', '--parts', 'deref,nope']);
    expect(result.stderr).toContain('error: unknown --parts nope; choose from deref, sparql, startup');
    expect(result.code).toBe(2);
  });

  it('still checks generate options before loading the generator', async () => {
    const result = await cli(['generate', '--triples', 'many', '--out', 'x']);
    expect(result.stderr).toContain('error: --triples must be a whole number');
    expect(result.code).toBe(2);
  });
});
