// The worker pool's start-up: it returns at once, queues queries until the data is loaded, and
// reports a worker that cannot load instead of restarting it forever.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listTurtleFiles } from '../../../src/dataset/load.js';
import { HttpError } from '../../../src/http/http-error.js';
import { SOLUTION_FORMATS } from '../../../src/sparql/result-formats.js';
import { WorkerPoolEngine } from '../../../src/sparql/worker-pool.js';
import { ROOT, TEST_BASE } from '../../support/dataset.js';

const LIMITS = { timeoutMs: 10_000, maxResultBytes: 1_000_000, concurrency: 1, queueLength: 4 };
const ASK_BALI = `ASK { <${TEST_BASE}id/process/bali-process> a ?type }`;

async function init(files?: string[]) {
  return {
    files: files ?? [
      ...(await listTurtleFiles(path.join(ROOT, 'ontology'))),
      ...(await listTurtleFiles(path.join(ROOT, 'data'))),
    ],
    baseIri: TEST_BASE,
    context: {},
    contextUrl: `${TEST_BASE}context.jsonld`,
    prefixes: {},
    maxResultBytes: LIMITS.maxResultBytes,
  };
}

const JSON_RESULTS = SOLUTION_FORMATS.find((f) => f.id === 'json')!;
const job = (query: string) => ({ query, form: 'ASK' as const, format: JSON_RESULTS });

/** The HttpError a promise rejects with (fails the test if it resolves). */
async function refusal(answer: Promise<string>): Promise<HttpError> {
  const outcome = await answer.then(
    (body) => new Error(`expected a refusal, got ${body}`),
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(HttpError);
  return outcome as HttpError;
}

let pool: WorkerPoolEngine | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe('WorkerPoolEngine start-up', () => {
  it('takes queries before the data is loaded and answers them once it is', async () => {
    pool = WorkerPoolEngine.start(await init(), LIMITS);
    const answer = pool.run(job(ASK_BALI)); // sent while the worker is still loading
    expect(JSON.parse(await answer)).toEqual({ head: {}, boolean: true });
    await expect(pool.ready).resolves.toBeUndefined();
  });

  it('with no queue, answers 503 "still loading" with Retry-After until a worker is ready', async () => {
    pool = WorkerPoolEngine.start(await init(), { ...LIMITS, queueLength: 0 });
    const refused = await refusal(pool.run(job(ASK_BALI)));
    expect(refused.status).toBe(503);
    expect(refused.message).toMatch(/still loading the data/);
    expect(refused.headers['Retry-After']).toMatch(/^\d+$/);
    await pool.ready;
    expect(JSON.parse(await pool.run(job(ASK_BALI)))).toMatchObject({ boolean: true });
  });

  it('rejects `ready` when a worker cannot load the data, and does not restart it', async () => {
    pool = WorkerPoolEngine.start(await init([path.join(ROOT, 'no-such-file.ttl')]), LIMITS);
    await expect(pool.ready).rejects.toThrow(/no-such-file|ENOENT|stopped/);
    const refused = await refusal(pool.run(job(ASK_BALI)));
    expect(refused.status).toBe(503);
    expect(refused.message).toMatch(/^The SPARQL engine could not start: .*(no-such-file|ENOENT|stopped)/);
  });
});
