// `npm run validate` as a user runs it: exit codes, the readable report and the RDF report.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Parser } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/dataset.js';

const run = promisify(execFile);

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in a child process under the same Node as the tests. */
async function cli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, BASE_IRI: 'http://localhost:8080/', ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let scratch: string;

/** A copy of the real ontology/, data/ and shapes/ to break on purpose. */
async function copyOfProject(name: string): Promise<string> {
  const root = path.join(scratch, name);
  for (const part of ['ontology', 'data', 'shapes'])
    await cp(path.join(ROOT, part), path.join(root, part), { recursive: true });
  return root;
}

beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'cli-validate-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('npm run validate', () => {
  it('exits 0 and says so when the real data conforms', async () => {
    const result = await cli(['validate']);
    expect(result.stdout).toContain('The data conforms to the shapes.');
    expect(result.code).toBe(0);
  });

  it('prints the SHACL validation report as Turtle with --format turtle', async () => {
    const result = await cli(['validate', '--format', 'turtle']);
    expect(result.code).toBe(0);
    const quads = new Parser().parse(result.stdout);
    const conforms = quads.find((q) => q.predicate.value === 'http://www.w3.org/ns/shacl#conforms');
    expect(conforms?.object.value).toBe('true');
  });

  it('exits 1 with focus node, path, message and shape when a resource breaks a shape', async () => {
    const root = await copyOfProject('violation');
    await writeFile(
      path.join(root, 'data', 'zz-broken.ttl'),
      '@prefix mig: <ontology#> .\n@prefix dct: <http://purl.org/dc/terms/> .\n' +
        '<id/process/no-label> a mig:InterStateConsultationMechanism ; dct:source <id/section/inter-state-consultation-mechanisms> .\n',
    );
    const result = await cli(['validate', '--root', root]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/focus node: process:no-label/);
    expect(result.stdout).toMatch(/path: +rdfs:label/);
    expect(result.stdout).toMatch(/shape: +\S+ \(MinCountConstraintComponent\)/);
    expect(result.stdout).toMatch(/The data does not conform: \d+ results?\./);
  });

  it('exits 1 on a reference to one of our IRIs that nothing describes', async () => {
    const root = await copyOfProject('dangling');
    await writeFile(
      path.join(root, 'data', 'zz-dangling.ttl'),
      '@prefix engagement: <id/engagement/> .\n@prefix org: <http://www.w3.org/ns/org#> .\n' +
        'engagement:iom-observer-budapest-process org:organization <id/process/no-such-process> .\n',
    );
    const result = await cli(['validate', '--root', root]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('process:no-such-process');
  });

  it.each([
    ['a syntax error', 'zz-syntax.ttl', '<id/process/x> <ontology#p> "open .\n', /zz-syntax\.ttl:1:\d+: Unexpected/],
    [
      'an unknown prefix',
      'zz-prefix.ttl',
      '<id/process/x> nope:p <id/process/y> .\n',
      /zz-prefix\.ttl:1:\d+: Undefined prefix "nope:"/,
    ],
    [
      // Latin-1, as an editor set to it would save the file: á is the single byte 0xE1.
      'invalid UTF-8',
      'zz-latin1.ttl',
      Buffer.from('@prefix process: <id/process/> .\n# Bogotá process\n', 'latin1'),
      /^error: \S+zz-latin1\.ttl:2:8: invalid UTF-8 \(byte 0xE1\); Turtle files must be saved as UTF-8$/m,
    ],
  ])('exits 2 with one line naming file, line and column on %s', async (_name, file, text, expected) => {
    const root = await copyOfProject(file);
    await writeFile(path.join(root, 'data', file), text);
    const result = await cli(['validate', '--root', root]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(expected);
  });

  it('exits 2 with one line on a missing folder', async () => {
    const root = await copyOfProject('missing');
    await rm(path.join(root, 'shapes'), { recursive: true });
    const result = await cli(['validate', '--root', root]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(`error: ${path.join(root, 'shapes')}: folder not found`);
  });

  it('exits 2 with one line on an unreadable file (a dangling symlink)', async () => {
    const root = await copyOfProject('unreadable');
    const file = path.join(root, 'data', 'zz-link.ttl');
    await symlink(path.join(root, 'nowhere.ttl'), file);
    const result = await cli(['validate', '--root', root]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(`error: ${file}: cannot read file (ENOENT)`);
  });

  it.each([
    [['validate', '--format', 'xml'], /--format must be "text" or "turtle"/],
    [['validate', '--nope'], /Unknown option '--nope'/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ])('exits 2 on bad usage %j', async (args, expected) => {
    const result = await cli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(expected);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 on a bad BASE_IRI', async () => {
    const result = await cli(['validate'], { BASE_IRI: 'not a url' });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('error: BASE_IRI must be an absolute http(s) IRI; got "not a url"');
  });
});
