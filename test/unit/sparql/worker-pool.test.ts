// The worker pool as a sandbox: start-up, admission of bursts, and a worker that fails (a trap, too
// much memory, killed from outside) thrown away and replaced before it serves another query.
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { listTurtleFiles } from '../../../src/dataset/load.js';
import { HttpError } from '../../../src/errors.js';
import type { QueryAnswer, QueryLimits } from '../../../src/sparql/engine.js';
import type { WorkerInit } from '../../../src/sparql/query-worker.js';
import { WorkerPoolEngine } from '../../../src/sparql/worker-pool.js';
import { ROOT, TEST_BASE } from '../../support/dataset.js';

const LIMITS: QueryLimits = {
  timeoutMs: 10_000,
  maxResultBytes: 1_000_000,
  concurrency: 1,
  queueLength: 4,
  queryMemoryBytes: 256 * 1024 * 1024,
  maxDepth: 200,
};
const ASK_BALI = `ASK { <${TEST_BASE}id/process/bali-process> a ?type }`;
/** One string made of every value of a cross product: its memory grows until something stops it. */
const GREEDY = 'SELECT (GROUP_CONCAT(STR(?c)) AS ?x) WHERE { ?a ?b ?c . ?d ?e ?f }';

async function init(files?: string[]): Promise<WorkerInit> {
  return {
    files: files ?? [
      ...(await listTurtleFiles(path.join(ROOT, 'ontology'))),
      ...(await listTurtleFiles(path.join(ROOT, 'data'))),
    ],
    baseIri: TEST_BASE,
    datasetIri: `${TEST_BASE}dataset`,
    licenseIri: 'https://creativecommons.org/licenses/by/4.0/',
    context: {},
    contextUrl: `${TEST_BASE}context.jsonld`,
    prefixes: {},
    maxResultBytes: LIMITS.maxResultBytes,
    maxDepth: LIMITS.maxDepth,
  };
}

const job = (query: string) => ({ query, solutionFormat: 'json', graphFormat: 'turtle' });

/** The body of a result answer (fails the test for any other answer). */
async function body(answer: Promise<QueryAnswer>): Promise<string> {
  const outcome = await answer;
  if (outcome.kind !== 'result') throw new Error(`expected a result, got ${outcome.kind}`);
  return outcome.body;
}

/** The HttpError a promise rejects with (fails the test if it resolves). */
async function refusal(answer: Promise<unknown>): Promise<HttpError> {
  const outcome = await answer.then(
    (value) => new Error(`expected a refusal, got ${JSON.stringify(value)}`),
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
    expect(JSON.parse(await body(answer))).toEqual({ head: {}, boolean: true });
    await expect(pool.ready).resolves.toBeUndefined();
  });

  it('with no queue, answers 503 "still loading" with Retry-After until a worker is ready', async () => {
    pool = WorkerPoolEngine.start(await init(), { ...LIMITS, queueLength: 0 });
    const refused = await refusal(pool.run(job(ASK_BALI)));
    expect(refused.status).toBe(503);
    expect(refused.message).toMatch(/still loading the data/);
    expect(refused.headers['Retry-After']).toMatch(/^\d+$/);
    await pool.ready;
    expect(JSON.parse(await body(pool.run(job(ASK_BALI))))).toMatchObject({ boolean: true });
  });

  it('rejects `ready` when a worker cannot load the data, and does not restart it', async () => {
    pool = WorkerPoolEngine.start(await init([path.join(ROOT, 'no-such-file.ttl')]), LIMITS);
    await expect(pool.ready).rejects.toThrow(/no-such-file|ENOENT|stopped/);
    const refused = await refusal(pool.run(job(ASK_BALI)));
    expect(refused.status).toBe(503);
    expect(refused.message).toMatch(/^The SPARQL engine could not start: .*(no-such-file|ENOENT|stopped)/);
  });
});

describe('WorkerPoolEngine as a sandbox', () => {
  it('answers the form the query has, in the format negotiated for that form, or the editor', async () => {
    pool = WorkerPoolEngine.start(await init(), LIMITS);
    expect(await pool.run(job(ASK_BALI))).toMatchObject({ kind: 'result', form: 'ASK', format: 'json' });
    expect(await pool.run(job(`DESCRIBE <${TEST_BASE}id/process/bali-process>`))).toMatchObject({
      kind: 'result',
      form: 'DESCRIBE',
      format: 'turtle',
    });
    expect(await pool.run({ query: ASK_BALI, solutionFormat: 'html', graphFormat: 'turtle' })).toEqual({
      kind: 'editor',
    });
    const refused = await refusal(pool.run({ query: ASK_BALI, solutionFormat: null, graphFormat: 'turtle' }));
    expect(refused.status).toBe(406);
    expect(refused.available).toContain('application/sparql-results+json');
  });

  it('a query that traps the engine gets 503 with Retry-After, and the next query gets a fresh worker', async () => {
    // Past the bracket check (its limit raised here), Oxigraph's parser overflows the WebAssembly
    // stack on 3,000 nested parentheses: the trap the depth limit exists to avoid.
    pool = WorkerPoolEngine.start({ ...(await init()), maxDepth: 5000 }, { ...LIMITS, maxDepth: 5000 });
    const deep = `SELECT * WHERE { ?s ?p ?o FILTER(${'('.repeat(3000)}1${')'.repeat(3000)}) }`;
    for (let attempt = 0; attempt < 2; attempt++) {
      const refused = await refusal(pool.run(job(deep)));
      expect(refused.status).toBe(503);
      expect(refused.message).toMatch(/query engine failed .*restarted/);
      expect(refused.headers['Retry-After']).toMatch(/^\d+$/);
      expect(JSON.parse(await body(pool.run(job('ASK {}'))))).toEqual({ head: {}, boolean: true });
    }
  });

  it('a query that takes more memory than allowed is stopped with 503, and the memory is given back', async () => {
    pool = WorkerPoolEngine.start(await init(), { ...LIMITS, queryMemoryBytes: 64 * 1024 * 1024 });
    await pool.ready;
    const slots = (pool as unknown as { slots: Array<{ worker: Worker }> }).slots;
    const footprint = async (): Promise<number> => {
      const heap = await slots[0]!.worker.getHeapStatistics();
      return heap.used_heap_size + heap.external_memory;
    };
    const before = await footprint();
    const refused = await refusal(pool.run(job(GREEDY)));
    expect(refused.status).toBe(503);
    expect(refused.message).toMatch(/needed more than 64 MiB of memory/);
    expect(refused.headers['Retry-After']).toMatch(/^\d+$/);
    expect(JSON.parse(await body(pool.run(job(ASK_BALI))))).toEqual({ head: {}, boolean: true });
    // The worker that grew was ended; its replacement holds about what the first one held.
    expect(await footprint()).toBeLessThan(before + 64 * 1024 * 1024);
  });

  it('a worker killed in the middle of a query: its query gets 503 with Retry-After, the pool recovers', async () => {
    pool = WorkerPoolEngine.start(await init(), LIMITS);
    await pool.ready;
    const slow = pool.run(job('SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }'));
    // The worker running it, found through the pool's one slot, stopped from outside.
    const slots = (pool as unknown as { slots: Array<{ worker: { terminate(): Promise<number> } }> }).slots;
    await new Promise((resolve) => setTimeout(resolve, 50));
    await slots[0]?.worker.terminate();
    const refused = await refusal(slow);
    expect(refused.status).toBe(503);
    expect(refused.message).toMatch(/stopped while evaluating this query/);
    expect(refused.headers['Retry-After']).toMatch(/^\d+$/);
    expect(JSON.parse(await body(pool.run(job(ASK_BALI))))).toEqual({ head: {}, boolean: true });
  });

  it('a burst larger than the workers waits its turn: 50 cheap queries are all answered', async () => {
    pool = WorkerPoolEngine.start(await init(), { ...LIMITS, concurrency: 2, queueLength: 128 });
    await pool.ready;
    const answers = await Promise.all(Array.from({ length: 50 }, () => body(pool!.run(job('ASK {}')))));
    expect(answers.map((a) => JSON.parse(a) as unknown)).toEqual(Array(50).fill({ head: {}, boolean: true }));
  });

  it('refuses with 503 and Retry-After only when the queue is full', async () => {
    pool = WorkerPoolEngine.start(await init(), { ...LIMITS, concurrency: 1, queueLength: 2, timeoutMs: 2000 });
    await pool.ready;
    const runaway = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }';
    const held = [pool.run(job(runaway)), pool.run(job(runaway)), pool.run(job(runaway))];
    const refused = await refusal(pool.run(job('ASK {}')));
    expect(refused.status).toBe(503);
    expect(refused.message).toMatch(/Too many queries are running/);
    expect(refused.headers['Retry-After']).toMatch(/^\d+$/);
    for (const outcome of await Promise.all(held.map(refusal))) expect(outcome.message).toMatch(/time limit/);
  });

  it('close() answers the queries still running and waiting with 503, and starts no worker again', async () => {
    pool = WorkerPoolEngine.start(await init(), { ...LIMITS, concurrency: 1, timeoutMs: 1000 });
    await pool.ready;
    const runaway = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }';
    const outcomes = Promise.all([refusal(pool.run(job(runaway))), refusal(pool.run(job('ASK {}')))]);
    await pool.close();
    for (const outcome of await outcomes) {
      expect(outcome.status).toBe(503);
      expect(outcome.message).toMatch(/shutting down/);
    }
    // Past the deadline nothing is restarted: the pool's only worker stays the terminated one.
    const slots = (pool as unknown as { slots: Array<{ worker: Worker; ready: boolean }> }).slots;
    const worker = slots[0]!.worker;
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(slots[0]!.worker).toBe(worker);
    expect(pool.busy).toBe(0);
  });
});
