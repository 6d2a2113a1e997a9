// npm run virtuoso -- --dir DIR [--http-port 8890] [--sql-port 1111]: runs Debian's Virtuoso
// (virtuoso-opensource-7) in the foreground as the platform's remote store, with its database in
// DIR (kept between runs) and both its ports on 127.0.0.1 only. The configuration written on the
// first run (DIR/virtuoso.ini) is the one the tests and the benchmark use. See docs/deployment.md.
import { spawn } from 'node:child_process';
import { access, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { VIRTUOSO_NOT_INSTALLED, findVirtuoso, iniFile } from '../src/bench/virtuoso.js';

const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    'http-port': { type: 'string', default: '8890' },
    'sql-port': { type: 'string', default: '1111' },
  },
  strict: true,
});
const port = (name: string, value: string): number => {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 65535) {
    console.error(`error: --${name} must be a port number; got "${value}"`);
    process.exit(2);
  }
  return n;
};
if (!values.dir) {
  console.error('error: --dir DIR is required (the folder that holds the database)');
  process.exit(2);
}
const httpPort = port('http-port', values['http-port']);
const sqlPort = port('sql-port', values['sql-port']);
const binaries = await findVirtuoso();
if (!binaries) {
  console.error(`error: ${VIRTUOSO_NOT_INSTALLED}`);
  process.exit(2);
}
const dir = path.resolve(values.dir);
await mkdir(dir, { recursive: true });
const ini = path.join(dir, 'virtuoso.ini');
if (
  !(await access(ini).then(
    () => true,
    () => false,
  ))
)
  await writeFile(ini, iniFile(dir, sqlPort, httpPort));
console.error(
  `Virtuoso in ${dir}: SPARQL at http://127.0.0.1:${httpPort}/sparql, SQL (isql) at 127.0.0.1:${sqlPort}.\n` +
    `Its dba password is "dba" until you change it (isql-vt 127.0.0.1:${sqlPort} dba dba 'exec=set password dba NEW;').`,
);
const child = spawn(binaries.server, ['+configfile', ini, '+foreground'], { cwd: dir, stdio: 'inherit' });
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
