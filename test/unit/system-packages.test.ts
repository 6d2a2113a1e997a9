// The rule for tests that need a Debian package (test/support/system-packages.ts): run when present,
// skip when missing, fail when missing under CI; and the lookups that say what is present.
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHROMIUM,
  PYTHON_CLIENTS,
  decide,
  findChromium,
  findOnPath,
  findPythonClients,
  installCommand,
  isCi,
  missingLine,
} from '../support/system-packages.js';

describe('decide', () => {
  it.each([
    { ci: false, present: true, decision: 'run' },
    { ci: true, present: true, decision: 'run' },
    { ci: false, present: false, decision: 'skip' },
    { ci: true, present: false, decision: 'fail' },
  ] as const)('CI $ci, package present $present: $decision', ({ ci, present, decision }) => {
    expect(decide(ci, present)).toBe(decision);
  });
});

describe('isCi', () => {
  it.each([
    [{ CI: 'true' }, true],
    [{ CI: '1' }, true],
    [{ CI: 'TRUE' }, true],
    [{}, false],
    [{ CI: '' }, false],
    [{ CI: 'false' }, false],
    [{ CI: '0' }, false],
  ])('%j: %s', (env, expected) => {
    expect(isCi(env)).toBe(expected);
  });
});

describe('the missing-package line', () => {
  it('names the packages, the tests affected and the install command', () => {
    expect(installCommand(CHROMIUM)).toBe('apt-get install chromium');
    expect(installCommand(PYTHON_CLIENTS)).toBe('apt-get install python3-rdflib python3-sparqlwrapper');
    expect(missingLine(CHROMIUM, 'skip')).toBe(
      'missing system package: no chromium on PATH (Debian chromium); the browser tests (test/browser/) are skipped (required when CI=true); install with: apt-get install chromium',
    );
    expect(missingLine(PYTHON_CLIENTS, 'fail')).toBe(
      'missing system packages: no python3 on PATH imports both rdflib and SPARQLWrapper (Debian python3-rdflib, python3-sparqlwrapper); the Python-client tests (test/integration/sparql-clients.test.ts) fail (CI=true requires it); install with: apt-get install python3-rdflib python3-sparqlwrapper',
    );
  });
});

describe('lookups on PATH', () => {
  let dir: string;
  let first: string;
  let second: string;

  /** Writes an executable shell script (or a plain file when mode is 0o644). */
  async function script(folder: string, name: string, body: string, mode = 0o755): Promise<string> {
    const file = path.join(folder, name);
    await writeFile(file, `#!/bin/sh\n${body}\n`);
    await chmod(file, mode);
    return file;
  }

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'system-packages-'));
    first = path.join(dir, 'first');
    second = path.join(dir, 'second');
    await Promise.all([mkdir(first), mkdir(second)]);
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('finds executables in PATH order, ignoring files that are not executable and empty entries', async () => {
    await script(first, 'chromium', 'exit 0', 0o644);
    const executable = await script(second, 'chromium', 'exit 0');
    expect(findOnPath('chromium', [first, '', second].join(path.delimiter))).toEqual([executable]);
    expect(findChromium([first, second].join(path.delimiter))).toBe(executable);
    expect(findChromium(first)).toBeUndefined();
    expect(findChromium('')).toBeUndefined();
  });

  it('takes the first python3 that imports both libraries, not the first python3', async () => {
    // A stand-in python3 that "imports" them only when given exactly that program.
    await script(first, 'python3', 'exit 1');
    const good = await script(second, 'python3', '[ "$1" = "-c" ] && [ "$2" = "import rdflib, SPARQLWrapper" ]');
    expect(findPythonClients([first, second].join(path.delimiter))).toBe(good);
    expect(findPythonClients(first)).toBeUndefined();
    expect(findPythonClients(path.join(dir, 'nowhere'))).toBeUndefined();
  });
});
