// Command-line entry points; the only module that reads argv.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.js';
import { DatasetError } from './dataset/errors.js';
import { loadDataset } from './dataset/load.js';
import { formatReportText, formatReportTurtle } from './dataset/report.js';
import { validateDataset } from './dataset/validate.js';

const USAGE = `Usage: cli <command> [options]

Commands:
  validate [--format text|turtle] [--root DIR]
      Load ontology/, data/ and shapes/ and SHACL-validate the data.
      Exits 0 when the data conforms, 1 on any violation, 2 on a usage or file error.

Environment: BASE_IRI (default http://localhost:8080/), DATA_ROOT (default: the project folder).`;

/** Runs a command; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'validate':
      return runValidate(rest);
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`error: unknown command "${command}"\n\n${USAGE}\n`);
      return 2;
  }
}

async function runValidate(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { format: { type: 'string', default: 'text' }, root: { type: 'string' } },
    strict: true,
  });
  if (values.format !== 'text' && values.format !== 'turtle') {
    throw new UsageError(`--format must be "text" or "turtle"; got "${values.format}"`);
  }
  const config = loadConfig(values.root ? { ...process.env, DATA_ROOT: values.root } : process.env);
  const dataset = await loadDataset({ root: config.root, baseIri: config.baseIri });
  const outcome = await validateDataset(dataset);
  const output =
    values.format === 'turtle' ? await formatReportTurtle(outcome.report) : formatReportText(outcome, config.baseIri);
  process.stdout.write(output);
  return outcome.conforms ? 0 : 1;
}

class UsageError extends Error {}

/** One readable line for the errors a user can cause; a stack trace only for our own bugs. */
function describeError(error: unknown): string {
  if (error instanceof DatasetError) return `error: ${error.toString()}`;
  if (error instanceof ConfigError || error instanceof UsageError) return `error: ${error.message}`;
  // node:util parseArgs marks its errors with an ERR_PARSE_ARGS_* code
  if (error instanceof Error && String((error as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS')) {
    return `error: ${error.message}`;
  }
  return `internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${describeError(error)}\n`);
    process.exitCode = 2;
  },
);
