// npm run test:remote (the last step of npm test): the integration tests of the HTTP contract run
// again with every test app served from a remote store. One Virtuoso is started for the run
// (test/support/remote-store-setup.ts); each app loads its data into it as a data version and
// serves that version with STORE=sparql (test/support/app.ts). Left out, because they are about
// one store's machinery and have remote counterparts: isolation and sparql-limits (Oxigraph's
// worker sandboxes; remote-store.test.ts checks the deadline, cap and refusals on the remote
// store), and the files that test the remote store already (sparql-reads, remote-store, replicas).
// Without Virtuoso it is skipped with the install hint, except under CI, where that fails.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { virtuosoAvailability } from '../test/support/system-packages.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FILES = [
  'compression',
  'document-pages',
  'formats-roundtrip',
  'fuzz',
  'html-safety',
  'http-rules',
  'negotiation',
  'persistence',
  'pictures',
  'request-log',
  'search-engines',
  'search',
  'site-url',
  'sitemap',
  'sparql-examples',
  'sparql-protocol',
  'sparql-relative-iris',
  'sparql-results',
  'sparql-ssrf',
].map((name) => `test/integration/${name}.test.ts`);

const virtuoso = virtuosoAvailability();
if (virtuoso.decision !== 'run') {
  console.log(`\nnpm run test:remote: ${virtuoso.hint}`);
  process.exit(virtuoso.decision === 'fail' ? 1 : 0);
}
console.log(`\nnpm run test:remote: ${FILES.length} integration files again, every app on a remote store (Virtuoso)`);
const run = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', ...FILES], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, TEST_STORE: 'sparql' },
});
process.exit(run.status ?? 1);
