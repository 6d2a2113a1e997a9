// The overload part: the SPARQL mix from 100 concurrent clients against 2, and a burst of cheap
// queries. Does the endpoint keep its throughput when offered far more than its workers can run,
// refuse only what it must, and let a burst wait its turn instead of refusing it?
import type { Started } from './processes.js';
import {
  answeredPerSecond,
  burst,
  closedLoop,
  describeStatuses,
  describeUnexpected,
  sparqlPost,
  type Answer,
  type LoopResult,
} from './load.js';
import { percentile, type BenchRow } from './report.js';
import { sparqlMix } from './sparql-bench.js';

const MANY = 100;
const FEW = 2;
const BURST = 50;
/** Seconds of unmeasured load before the measured rounds (JIT, the query-analysis cache). */
const WARM_UP_SECONDS = 2;

interface Round {
  /** Answers 200 per second. */
  readonly okPerSecond: number;
  /** 503s / all answers. */
  readonly refusedShare: number;
  /** p99 of the answers 200, in ms (undefined when none). */
  readonly okP99: number | undefined;
  readonly answers: readonly Answer[];
}

function summarise(result: LoopResult): Round {
  const ok = result.answers.filter((a) => a.status === 200);
  const refused = result.answers.filter((a) => a.status === 503).length;
  return {
    okPerSecond: answeredPerSecond(result),
    refusedShare: result.answers.length > 0 ? refused / result.answers.length : 0,
    okP99: percentile(
      ok.map((a) => a.ms),
      99,
    ),
    answers: result.answers,
  };
}

/** The median of a figure over rounds (undefined if a round lacks it), and its range for the note. */
function medianOf(
  rounds: readonly Round[],
  pick: (r: Round) => number | undefined,
  digits: number,
): { value?: number; range: string } {
  const picked = rounds.map(pick);
  if (picked.some((v) => v === undefined)) return { range: 'not measured in every round' };
  const values = (picked as number[]).sort((a, b) => a - b);
  return {
    value: percentile(values, 50)!,
    range: `${values[0]!.toFixed(digits)}-${values[values.length - 1]!.toFixed(digits)}`,
  };
}

export async function benchOverload(
  size: number,
  platform: Started,
  options: { duration: number; runs: number },
  log: (line: string) => void,
): Promise<BenchRow[]> {
  const endpoint = `${platform.url}sparql`;
  const mix = sparqlMix(platform.url).map((q) => sparqlPost(endpoint, q.query, q.name));
  // Each client walks the mix from its own starting point, so every query is in flight at once.
  const position = new Map<number, number>();
  const next = (client: number) => {
    const n = position.get(client) ?? client;
    position.set(client, n + 1);
    return mix[n % mix.length];
  };
  const run = async (connections: number, seconds: number): Promise<Round> => {
    position.clear();
    return summarise(await closedLoop({ connections, next, durationMs: seconds * 1000 }));
  };

  log(`overload at ${size}: warm-up`);
  await run(FEW, WARM_UP_SECONDS);
  // Rounds alternate the two loads, so the machine's slow moments fall on both alike.
  const rounds = Math.max(1, Math.min(options.runs, 3));
  const few: Round[] = [];
  const many: Round[] = [];
  for (let round = 0; round < rounds; round++) {
    log(`overload at ${size}: round ${round + 1} of ${rounds}, ${FEW} then ${MANY} connections`);
    few.push(await run(FEW, options.duration));
    many.push(await run(MANY, options.duration));
  }
  const statuses = (r: readonly Round[]): string => {
    const answers = r.flatMap((x) => x.answers);
    const unexpected = describeUnexpected(answers);
    return `${describeStatuses(answers)}${unexpected ? ` (not 200 by query: ${unexpected})` : ''}`;
  };
  // A figure with 100 connections beside the same figure with 2.
  const pair = (name: string, unit: string, pick: (r: Round) => number | undefined, digits: number) => {
    const ours = medianOf(many, pick, digits);
    const base = medianOf(few, pick, digits);
    return {
      row: {
        part: 'overload',
        name: `${name}, ${MANY} connections`,
        size,
        ...(ours.value !== undefined ? { value: ours.value } : {}),
        unit,
        baselineName: `${FEW} connections`,
        ...(base.value !== undefined ? { baseline: base.value } : {}),
      },
      ours,
      base,
      ranges: `ranges ${ours.range} and ${base.range} ${unit}`,
    };
  };
  const throughput = pair('mix answers 200/s', 'req/s', (r) => r.okPerSecond, 0);
  const refused = pair('share refused (503)', '%', (r) => r.refusedShare * 100, 1);
  const latency = pair('p99 of answers 200', 'ms', (r) => r.okP99, 0);
  const holds =
    throughput.ours.value !== undefined && throughput.base.value !== undefined
      ? throughput.ours.value >= throughput.base.value
      : undefined;
  const method = `${mix.length} mix queries rotated, POST application/sparql-query, closed loop (a 503 is not waited out); median of ${rounds} round(s) of ${options.duration} s`;

  log(`overload at ${size}: burst of ${BURST} ASK queries`);
  const ask = sparqlPost(endpoint, `ASK { <${platform.url}id/process/gen-process-117> ?p ?o }`, 'ASK');
  const t0 = performance.now();
  const burstAnswers = await burst(Array.from({ length: BURST }, () => ask));
  const burstMs = performance.now() - t0;
  const burstOk = burstAnswers.filter((a) => a.status === 200).length;

  return [
    {
      ...throughput.row,
      target: 'ratio >= 1',
      ...(holds !== undefined ? { holds } : {}),
      note: `${method}; ${throughput.ranges}; statuses with ${MANY}: ${statuses(many)}; with ${FEW}: ${statuses(few)}`,
    },
    { ...refused.row, note: `503s / all answers; ${refused.ranges}` },
    { ...latency.row, note: `queueing included (${MANY} clients share the workers); ${latency.ranges}` },
    {
      part: 'overload',
      name: `burst: ${BURST} ASK at once, answered 200`,
      size,
      value: burstOk,
      unit: 'queries',
      baselineName: 'sent',
      baseline: BURST,
      target: `all ${BURST}`,
      holds: burstOk === BURST,
      note: `each on its own connection, on an idle endpoint; statuses ${describeStatuses(burstAnswers)}; all answered within ${Math.round(burstMs)} ms, slowest 200 in ${Math.round(Math.max(0, ...burstAnswers.filter((a) => a.status === 200).map((a) => a.ms)))} ms`,
    },
  ];
}
