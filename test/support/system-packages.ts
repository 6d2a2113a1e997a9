// The Debian packages some tests need beyond npm (Chromium, Python's rdflib and SPARQLWrapper): whether
// they are present, and whether their tests run, are skipped (a newcomer's machine) or fail (CI=true).
import { accessSync, constants, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

/** What a group of tests needs from the system, and the Debian packages that provide it. */
export interface SystemRequirement {
  /** What the lookup did not find, as the missing-package line says it. */
  readonly absence: string;
  /** Debian packages, installed together by one command. */
  readonly packages: readonly string[];
  /** The tests that need it, as a reader of the summary line would look for them. */
  readonly neededBy: string;
}

export const CHROMIUM: SystemRequirement = {
  absence: 'no chromium on PATH',
  packages: ['chromium'],
  neededBy: 'the browser tests (test/browser/)',
};

export const PYTHON_CLIENTS: SystemRequirement = {
  absence: 'no python3 on PATH imports both rdflib and SPARQLWrapper',
  packages: ['python3-rdflib', 'python3-sparqlwrapper'],
  neededBy: 'the Python-client tests (test/integration/sparql-clients.test.ts)',
};

export const VIRTUOSO: SystemRequirement = {
  absence: 'no virtuoso-t and isql-vt on PATH',
  packages: ['virtuoso-opensource-7-bin'],
  neededBy: 'the remote-store tests against Virtuoso (test/integration/sparql-reads.test.ts, remote-store.test.ts)',
};

export const VARNISH: SystemRequirement = {
  absence: 'no varnishd on PATH or in /usr/sbin',
  packages: ['varnish'],
  neededBy: 'the replicas-behind-a-cache tests (test/integration/replicas.test.ts)',
};

/** What happens to the tests of a requirement. */
export type Decision = 'run' | 'skip' | 'fail';

/**
 * Present: the tests run. Missing: skipped on a developer's machine, so `npm ci && npm test` passes
 * on a fresh one; but under CI they fail, so a CI image without the package cannot go green unseen.
 */
export function decide(ci: boolean, present: boolean): Decision {
  if (present) return 'run';
  return ci ? 'fail' : 'skip';
}

/** Whether the environment is CI: `CI` set to anything but empty, `0` or `false` (as CI services set `CI=true`). */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.CI?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== '0' && value !== 'false';
}

/** The command that installs a requirement's packages. */
export function installCommand(requirement: SystemRequirement): string {
  return `apt-get install ${requirement.packages.join(' ')}`;
}

/** The one line said about a missing requirement: which packages, what it means for the tests, how to install them. */
export function missingLine(requirement: SystemRequirement, decision: Exclude<Decision, 'run'>): string {
  const { packages, absence, neededBy } = requirement;
  const consequence =
    decision === 'skip' ? `${neededBy} are skipped (required when CI=true)` : `${neededBy} fail (CI=true requires it)`;
  const plural = packages.length > 1 ? 's' : '';
  return `missing system package${plural}: ${absence} (Debian ${packages.join(', ')}); ${consequence}; install with: ${installCommand(requirement)}`;
}

/** Every executable file called `name` in the directories of a PATH value, in PATH order. */
export function findOnPath(name: string, pathValue: string | undefined = process.env.PATH): string[] {
  const found: string[] = [];
  for (const dir of (pathValue ?? '').split(path.delimiter)) {
    if (dir === '') continue; // an empty entry means the working directory: never look there for a system package
    const candidate = path.join(dir, name);
    try {
      if (!statSync(candidate).isFile()) continue;
      accessSync(candidate, constants.X_OK);
      if (!found.includes(candidate)) found.push(candidate);
    } catch {
      // not here
    }
  }
  return found;
}

/** Debian's Chromium, looked up on PATH (it installs /usr/bin/chromium), so a PATH without it hides it. */
export function findChromium(pathValue: string | undefined = process.env.PATH): string | undefined {
  return findOnPath('chromium', pathValue)[0];
}

/**
 * The first `python3` on PATH that imports both libraries. Every one is tried, not only the first:
 * Debian's packages install into /usr/bin/python3, which a pyenv or venv python3 earlier on PATH
 * shadows without having them.
 */
export function findPythonClients(pathValue: string | undefined = process.env.PATH): string | undefined {
  for (const candidate of findOnPath('python3', pathValue)) {
    const result = spawnSync(candidate, ['-c', 'import rdflib, SPARQLWrapper'], {
      stdio: 'ignore',
      timeout: 20_000,
      // The same PATH the interpreter was found on: a pyenv shim resolves its interpreter through it.
      env: { ...process.env, PATH: pathValue ?? '' },
    });
    if (result.status === 0) return candidate;
  }
  return undefined;
}

/** A requirement as found on this machine, and what its tests do about it. */
export interface Availability {
  readonly requirement: SystemRequirement;
  /** The executable to use when present. */
  readonly executable: string | undefined;
  readonly decision: Decision;
  /** For `describe.skipIf(...)`. */
  readonly skip: boolean;
  /** The missing-package line (undefined when present): the error of a failing test, the summary of a run. */
  readonly hint: string | undefined;
}

function availability(requirement: SystemRequirement, executable: string | undefined): Availability {
  const decision = decide(isCi(), executable !== undefined);
  return {
    requirement,
    executable,
    decision,
    skip: decision === 'skip',
    hint: decision === 'run' ? undefined : missingLine(requirement, decision),
  };
}

let chromium: Availability | undefined;
let pythonClients: Availability | undefined;
let virtuoso: Availability | undefined;
let varnish: Availability | undefined;

/** Chromium on this machine (looked up once per test file). */
export function chromiumAvailability(): Availability {
  chromium ??= availability(CHROMIUM, findChromium());
  return chromium;
}

/** A Python with rdflib and SPARQLWrapper on this machine (looked up once per test file). */
export function pythonClientsAvailability(): Availability {
  pythonClients ??= availability(PYTHON_CLIENTS, findPythonClients());
  return pythonClients;
}

/** Virtuoso's server (virtuoso-t, with isql-vt beside it) on this machine (looked up once per test file). */
export function virtuosoAvailability(): Availability {
  const server = findOnPath('virtuoso-t')[0];
  const isql = findOnPath('isql-vt')[0] ?? findOnPath('isql-v')[0];
  virtuoso ??= availability(VIRTUOSO, server && isql ? server : undefined);
  return virtuoso;
}

/** Varnish's daemon (Debian installs it in /usr/sbin, which a user's PATH may lack). */
export function varnishAvailability(): Availability {
  varnish ??= availability(VARNISH, findOnPath('varnishd', `${process.env.PATH ?? ''}${path.delimiter}/usr/sbin`)[0]);
  return varnish;
}

/** The executable of a requirement, or an error whose message is the hint (what a test under CI fails with). */
export function requireExecutable(found: Availability): string {
  if (found.executable === undefined) throw new Error(found.hint);
  return found.executable;
}
