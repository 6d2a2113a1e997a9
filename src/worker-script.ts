// Where a worker thread's script is, and how to start it, whether the platform runs built or under tsx.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The script `name` beside the module at `moduleUrl` (pass `import.meta.url`), and the execArgv
 * to start it with: under tsx (development, tests) the worker is TypeScript and needs tsx's
 * loader; built, it is plain JavaScript.
 */
export function workerScript(moduleUrl: string, name: string): { url: URL; execArgv: string[] } {
  const extension = path.extname(fileURLToPath(moduleUrl));
  return {
    url: new URL(`./${name}${extension}`, moduleUrl),
    execArgv: extension === '.ts' ? ['--import', 'tsx'] : [],
  };
}
