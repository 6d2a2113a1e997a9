// Vitest globalSetup for `npm run test:remote` (TEST_STORE=sparql): one Virtuoso for the whole run,
// started empty on free 127.0.0.1 ports, its addresses handed to the test files through the
// environment, and stopped at the end. Each test app loads its data into it as a data version
// (test/support/app.ts). Without TEST_STORE=sparql this does nothing.
import { findVirtuoso, startVirtuosoServer } from '../../src/bench/virtuoso.js';
import { requireExecutable, virtuosoAvailability } from './system-packages.js';

interface SharedStore {
  readonly started: Promise<{ stop: () => Promise<void> }>;
  users: number;
}

/**
 * Vitest calls a globalSetup once per project, at the same time, and may load this module once per
 * project: the run's store is kept on globalThis (a promise, so the second call waits for the
 * first's start) and stopped by the last teardown.
 */
const KEY = Symbol.for('iom-lod.test-remote-store');
const holder = globalThis as unknown as Record<symbol, SharedStore | undefined>;

async function start(): Promise<{ stop: () => Promise<void> }> {
  requireExecutable(virtuosoAvailability());
  const binaries = await findVirtuoso();
  if (!binaries) throw new Error(virtuosoAvailability().hint);
  const server = await startVirtuosoServer(binaries);
  process.env.TEST_STORE_QUERY_URL = server.sparqlUrl;
  process.env.TEST_STORE_HTTP_URL = server.httpUrl;
  return { stop: () => server.stop() };
}

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.TEST_STORE !== 'sparql') return undefined;
  const store = (holder[KEY] ??= { started: start(), users: 0 });
  store.users++;
  await store.started;
  return async () => {
    if (--store.users > 0) return;
    holder[KEY] = undefined;
    delete process.env.TEST_STORE_QUERY_URL;
    delete process.env.TEST_STORE_HTTP_URL;
    await (await store.started).stop();
  };
}
